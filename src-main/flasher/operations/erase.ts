import { EspError } from '../../../src-shared/errors';
import { FLASH_SECTOR_BYTES } from '../../../src-shared/flash';
import type { LoaderLink } from './loader-link';
import { esp8266RomEraseSize } from './erase-size';
import { Op } from '../protocol/opcodes';
import { beginPayload, eraseRegionPayload, spiSetParamsPayload } from '../protocol/payloads';
import { CHIP_ERASE_TIMEOUT_MS, ERASE_REGION_TIMEOUT_MS_PER_MB, timeoutForSizeMs } from '../protocol/timeouts';
import { ROM_FLASH_WRITE_BYTES } from '../targets/chip-definition';

/** Erase the whole chip: ERASE_FLASH on the stub; on the ROM a FLASH_BEGIN over all of flash. */
export async function eraseAll(link: LoaderLink, flashSizeBytes: number): Promise<void> {
  if (link.stub) {
    await link.client.command(Op.ERASE_FLASH, new Uint8Array(0), { timeoutMs: CHIP_ERASE_TIMEOUT_MS });
    return;
  }
  await romErase(link, 0, flashSizeBytes);
}

export async function eraseRegion(link: LoaderLink, offset: number, sizeBytes: number, flashSizeBytes: number): Promise<void> {
  if (offset % FLASH_SECTOR_BYTES !== 0 || sizeBytes % FLASH_SECTOR_BYTES !== 0) {
    throw new EspError('image.misaligned', {
      message: `Erase offset and size must be multiples of 0x1000 (got 0x${offset.toString(16)}, 0x${sizeBytes.toString(16)}).`,
      evidence: { offset: `0x${offset.toString(16)}`, sizeBytes },
    });
  }
  if (offset + sizeBytes > flashSizeBytes) {
    throw new EspError('image.too-large', {
      message: `The region 0x${offset.toString(16)}+0x${sizeBytes.toString(16)} goes past the end of the ${flashSizeBytes / 1048576} MB flash.`,
      evidence: { offset: `0x${offset.toString(16)}`, sizeBytes, flashSizeBytes },
    });
  }
  if (link.stub) {
    await link.client.command(Op.ERASE_REGION, eraseRegionPayload(offset, sizeBytes), {
      timeoutMs: timeoutForSizeMs(ERASE_REGION_TIMEOUT_MS_PER_MB, sizeBytes),
    });
    return;
  }
  await romErase(link, offset, sizeBytes, flashSizeBytes);
}

/** esptool's ROM emulation: SPI_SET_PARAMS with the real size, then FLASH_BEGIN erases. */
async function romErase(link: LoaderLink, offset: number, sizeBytes: number, flashSizeBytes = sizeBytes): Promise<void> {
  if (link.definition.rom.spiSetParams) {
    await link.client.command(Op.SPI_SET_PARAMS, spiSetParamsPayload(flashSizeBytes));
  }
  const eraseSize = link.definition.rom.eraseSizeBug ? esp8266RomEraseSize(offset, sizeBytes) : sizeBytes;
  const blocks = Math.ceil(sizeBytes / ROM_FLASH_WRITE_BYTES);
  await link.client.command(Op.FLASH_BEGIN, beginPayload(eraseSize, blocks, ROM_FLASH_WRITE_BYTES, offset, link.definition.rom.flashBeginEncryptedWord ? false : undefined), {
    timeoutMs: timeoutForSizeMs(ERASE_REGION_TIMEOUT_MS_PER_MB, sizeBytes),
  });
}
