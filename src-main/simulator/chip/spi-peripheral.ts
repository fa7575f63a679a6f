import type { SpiFlashRegisters } from '../../flasher/targets/chip-definition';
import { SPI_ADDR_OFFSET, SPI_CMD_OFFSET, SPI_CMD_USR } from '../../flasher/targets/spi-layouts';
import type { FlashMemory } from './flash-memory';

/**
 * The SPI flash controller as esptool's run_spiflash_command drives it (fact sheet §4.4): the host
 * sets USR/USR1/USR2 (and MOSI_DLEN/MISO_DLEN from the ESP32 on), ADDR and W0..., then writes
 * CMD = 1 << 18. The controller clocks the opcode out, answers into W0... (first byte received in
 * bits 7..0) and clears bit 18, which is what the host polls for. Commands complete at once.
 */

const USR_ADDR = 1 << 30;
const USR_MISO = 1 << 28;

/** Register access the peripheral needs from the register model that owns the storage. */
export interface RegisterStore {
  get(address: number): number;
  set(address: number, value: number): void;
}

export interface SpiFlashPeripheral {
  readonly cmdRegister: number;
  /** Called after the host wrote CMD; runs the user command if bit 18 is set and clears it. */
  commandWritten(value: number): void;
}

interface DecodedCommand {
  readonly opcode: number;
  readonly address: number;
  readonly misoBits: number;
}

const OPCODE_RDID = 0x9f;
const OPCODE_RDSFDP = 0x5a;
const STATUS_READS = new Set([0x05, 0x35, 0x15]);
const DATA_READS = new Set([0x03, 0x0b]);
/**
 * Accepted without effect: WREN 06, WRDI 04, reset-enable 66, reset 99, WEVSR 50, WRSR 01/31/11,
 * and the XMC recovery sequence B9 79 FF AB. The virtual flash has no write protection or
 * power-down state for them to change.
 */
const NO_EFFECT = new Set([0x06, 0x04, 0x66, 0x99, 0x50, 0x01, 0x31, 0x11, 0xb9, 0x79, 0xff, 0xab]);

export function createSpiFlashPeripheral(
  layout: SpiFlashRegisters,
  flash: FlashMemory,
  store: RegisterStore,
): SpiFlashPeripheral {
  const at = (offset: number): number => (layout.base + offset) >>> 0;
  const cmdRegister = at(SPI_CMD_OFFSET);

  function misoBitLength(usr1: number): number {
    if (layout.misoDlenOffset !== undefined) return (store.get(at(layout.misoDlenOffset)) & 0x3ffff) + 1;
    // ESP8266: MISO bit length - 1 in USR1 bits 8..16.
    return ((usr1 >>> 8) & 0x1ff) + 1;
  }

  function decode(): DecodedCommand {
    const usr = store.get(at(layout.usrOffset));
    const usr1 = store.get(at(layout.usr1Offset));
    const opcode = store.get(at(layout.usr2Offset)) & 0xff;
    let address = 0;
    if (usr & USR_ADDR) {
      const addressBits = ((usr1 >>> 26) & 0x3f) + 1;
      const raw = store.get(at(SPI_ADDR_OFFSET));
      // ESP8266/ESP32 take the address left-aligned (esptool >= 5 shifts it); later chips as is.
      address = layout.addressLeftAligned && addressBits < 32 ? raw >>> (32 - addressBits) : raw;
    }
    return { opcode, address: address >>> 0, misoBits: usr & USR_MISO ? misoBitLength(usr1) : 0 };
  }

  function responseByte(command: DecodedCommand, index: number): number {
    if (command.opcode === OPCODE_RDID) return index < 3 ? (flash.jedecId >>> (8 * index)) & 0xff : 0xff;
    if (command.opcode === OPCODE_RDSFDP) return sfdpByte(command.address + index, flash);
    if (STATUS_READS.has(command.opcode)) return 0;
    if (DATA_READS.has(command.opcode)) {
      const offset = command.address + index;
      return offset < flash.sizeBytes ? flash.read(offset, 1)[0]! : 0xff;
    }
    // [INFERRED] An opcode the flash ignores leaves MISO pulled high.
    return 0xff;
  }

  function writeResponse(command: DecodedCommand): void {
    const byteCount = Math.min(64, Math.ceil(command.misoBits / 8));
    for (let word = 0; word * 4 < byteCount; word++) {
      let value = 0;
      for (let lane = 0; lane < 4 && word * 4 + lane < byteCount; lane++) {
        value |= responseByte(command, word * 4 + lane) << (8 * lane);
      }
      store.set(at(layout.w0Offset + 4 * word), value >>> 0);
    }
  }

  return {
    cmdRegister,
    commandWritten(value) {
      if ((value & SPI_CMD_USR) === 0) return;
      const command = decode();
      if (command.misoBits > 0 && !NO_EFFECT.has(command.opcode)) writeResponse(command);
      store.set(cmdRegister, (value & ~SPI_CMD_USR) >>> 0);
    },
  };
}

/**
 * A minimal JESD216 SFDP area for the virtual flash, as read with opcode 0x5A. esptool reads the
 * "SFDP" signature at 0 and, for its XMC check, the byte at 0x10 (the second parameter header's
 * ID, which holds the vendor's manufacturer id). Byte values beyond the signature are
 * [INFERRED] typical of a Winbond W25Q part; unused space reads 0xFF as on a real flash.
 */

const HEADER_BYTES: readonly number[] = [
  // 0x00: signature "SFDP", revision 1.6, two parameter headers (NPH = 1), access protocol 0xFF.
  0x53, 0x46, 0x44, 0x50, 0x06, 0x01, 0x01, 0xff,
  // 0x08: parameter header 0 (JEDEC basic flash parameters): id 0x00, v1.6, 16 DWORDs at 0x30.
  0x00, 0x06, 0x01, 0x10, 0x30, 0x00, 0x00, 0xff,
];

/** 0x10: parameter header 1, vendor table owned by the manufacturer, 3 DWORDs at 0x90. */
const VENDOR_HEADER_TAIL: readonly number[] = [0x00, 0x01, 0x03, 0x90, 0x00, 0x00, 0xff];

const BASIC_TABLE_OFFSET = 0x30;

function little(word: number, index: number): number {
  return (word >>> (8 * index)) & 0xff;
}

export function sfdpByte(address: number, flash: Pick<FlashMemory, 'jedecId' | 'sizeBytes'>): number {
  if (address < HEADER_BYTES.length) return HEADER_BYTES[address]!;
  if (address === 0x10) return flash.jedecId & 0xff;
  if (address > 0x10 && address < 0x18) return VENDOR_HEADER_TAIL[address - 0x11]!;
  const tableIndex = address - BASIC_TABLE_OFFSET;
  // DWORD 1: 4 KB erase supported with opcode 0x20, fast read modes (a typical value).
  if (tableIndex >= 0 && tableIndex < 4) return little(0xfff920e5, tableIndex);
  // DWORD 2: flash density in bits, minus one.
  if (tableIndex >= 4 && tableIndex < 8) return little(flash.sizeBytes * 8 - 1, tableIndex - 4);
  return 0xff;
}
