import { createHash } from 'node:crypto';
import { ESPLoader, Transport, type IEspLoaderTerminal } from 'esptool-js';
import { describe, expect, it } from 'vitest';
import { CHIP_DEFINITIONS } from '../../../src-main/flasher/targets';
import type { ChipId } from '../../../src-shared/chips';
import type { ChipCore } from '../../../src-main/simulator/chip/chip-core';
import { createChipCore } from '../../../src-main/simulator/chip/create-chip-core';
import { FlashMemory } from '../../../src-main/simulator/chip/flash-memory';
import { FAST_FLASH_TIMING } from '../../../src-main/simulator/chip/flash-timing';
import { createRegisterModel } from '../../../src-main/simulator/chip/register-model';
import { createSimScheduler } from '../../../src-main/simulator/sim-scheduler';

/**
 * esptool-js 0.7.0, unchanged, against the virtual chip: a fake Web Serial port hands the host's
 * bytes straight to the chip core and the chip's bytes straight back (no wire, no reset lines).
 */
class DirectSerialPort {
  readable: ReadableStream<Uint8Array> | null = null;
  writable: WritableStream<Uint8Array> | null = null;
  private controller: ReadableStreamDefaultController<Uint8Array> | undefined;

  constructor(private readonly chip: () => ChipCore) {}

  async open(): Promise<void> {
    this.readable = new ReadableStream<Uint8Array>({ start: (controller) => void (this.controller = controller) });
    this.writable = new WritableStream<Uint8Array>({
      write: (chunk) => {
        const bytes = Uint8Array.from(chunk);
        setImmediate(() => this.chip().receive(bytes));
      },
    });
  }

  async close(): Promise<void> {
    this.readable = null;
    this.writable = null;
    this.controller = undefined;
  }

  async setSignals(): Promise<void> {}

  async setBaudRate(): Promise<void> {}

  getInfo(): { usbVendorId: number; usbProductId: number } {
    return { usbVendorId: 0x10c4, usbProductId: 0xea60 };
  }

  /** Bytes from the chip; dropped while the port is closed (the READ_FLASH digest esptool-js never reads). */
  deliver(bytes: Uint8Array): void {
    if (this.readable) this.controller?.enqueue(bytes.slice());
  }
}

const quietTerminal: IEspLoaderTerminal = { clean: () => undefined, writeLine: () => undefined, write: () => undefined };

async function connect(chipId: ChipId, baudRate = 115200) {
  const flash = new FlashMemory(4 * 1024 * 1024, 0x1640ef);
  const definition = CHIP_DEFINITIONS[chipId];
  const port: DirectSerialPort = new DirectSerialPort(() => core);
  const core: ChipCore = createChipCore({
    definition,
    flash,
    registers: createRegisterModel({ definition, mac: '24:0a:c4:12:34:56', flash }),
    scheduler: createSimScheduler(false),
    flashTiming: FAST_FLASH_TIMING,
    events: {
      transmit: (bytes) => port.deliver(bytes),
      uartBaudRateChanged: () => undefined,
      rebootRequested: () => undefined,
      flashChanged: () => undefined,
    },
  });
  core.enterDownloadMode(115200);
  const transport = new Transport(port as unknown as ConstructorParameters<typeof Transport>[0], false);
  const loader = new ESPLoader({ transport, baudrate: baudRate, romBaudrate: 115200, terminal: quietTerminal });
  const chipName = await loader.main('no_reset');
  return { loader, chipName, flash, core, transport };
}

const md5Hex = (image: Uint8Array): string => createHash('md5').update(image).digest('hex');

describe('esptool-js 0.7.0 against the virtual chip', () => {
  it.each([
    ['esp32', 'ESP32'],
    ['esp32s3', 'ESP32-S3'],
    ['esp8266', 'ESP8266'],
  ] as const)('detects %s, uploads the stub and writes, verifies and reads back compressed data', async (chipId, name) => {
    const { loader, chipName, flash, core, transport } = await connect(chipId, chipId === 'esp8266' ? 115200 : 460800);
    expect(chipName).toContain(name);
    expect(core.mode).toBe('stub');
    const image = Uint8Array.from({ length: 70_000 }, (_, index) => ((index * 7) ^ (index >> 9)) & 0xff);
    await loader.writeFlash({
      fileArray: [{ data: image, address: 0x20000 }],
      flashSize: 'keep',
      flashMode: 'keep',
      flashFreq: 'keep',
      eraseAll: false,
      compress: true,
      calculateMD5Hash: md5Hex,
    });
    expect(flash.read(0x20000, image.length)).toEqual(image);
    const readBack = await loader.readFlash(0x20000, 10_000);
    expect(readBack).toEqual(image.subarray(0, 10_000));
    await transport.disconnect();
  }, 20_000);
});
