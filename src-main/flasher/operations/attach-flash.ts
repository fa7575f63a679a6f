import type { LoaderLink } from './loader-link';
import { Op } from '../protocol/opcodes';
import { beginPayload, spiAttachPayload, spiSetParamsPayload } from '../protocol/payloads';
import { ROM_FLASH_WRITE_BYTES } from '../targets/chip-definition';

/**
 * Attach the SPI flash before any flash command: SPI_ATTACH (8 bytes to the ROM, 4 to a stub);
 * the ESP8266 ROM has no SPI_ATTACH, esptool sends FLASH_BEGIN(0, 0) instead.
 */
export async function attachFlash(link: LoaderLink): Promise<void> {
  if (!link.stub && !link.definition.rom.spiAttach) {
    await link.client.command(Op.FLASH_BEGIN, beginPayload(0, 0, ROM_FLASH_WRITE_BYTES, 0));
    return;
  }
  await link.client.command(Op.SPI_ATTACH, spiAttachPayload(link.stub));
}

/** Tell the loader the flash size (esptool always sends this after detecting it). */
export async function setFlashParameters(link: LoaderLink, flashSizeBytes: number): Promise<void> {
  if (!link.stub && !link.definition.rom.spiSetParams) return;
  await link.client.command(Op.SPI_SET_PARAMS, spiSetParamsPayload(flashSizeBytes));
}
