/**
 * The facts about each chip that every layer needs (GUI, image checks, flasher, simulator).
 * Register-level facts live in src-main/flasher/targets, which builds on these.
 */

export const CHIP_IDS = [
  'esp8266',
  'esp32',
  'esp32s2',
  'esp32s3',
  'esp32c2',
  'esp32c3',
  'esp32c5',
  'esp32c6',
  'esp32h2',
  'esp32p4',
] as const;

export type ChipId = (typeof CHIP_IDS)[number];

export type CpuArchitecture = 'xtensa' | 'riscv';

/** Native USB peripherals a chip has (decides which reset sequence applies). */
export type NativeUsb = 'none' | 'usb-otg' | 'usb-serial-jtag' | 'usb-otg-and-serial-jtag';

export interface ChipFacts {
  readonly id: ChipId;
  /** As esptool prints it: "ESP32-S3". */
  readonly name: string;
  readonly architecture: CpuArchitecture;
  /** Where the second-stage bootloader (or the ESP8266 image) lives in flash. */
  readonly bootloaderOffset: number;
  /** IMAGE_CHIP_ID in the ESP32-family image extended header; absent on ESP8266. */
  readonly imageChipId?: number;
  /** Baud rate the ROM prints its boot banner at, with the chip's usual crystal. */
  readonly romBannerBaudRate: number;
  readonly nativeUsb: NativeUsb;
  /** Largest flash-size code the image header allows (ESP32 family: 0=1MB ... 7=128MB). */
  readonly maxFlashSizeBytes: number;
}

const MB = 1024 * 1024;

export const CHIPS: Readonly<Record<ChipId, ChipFacts>> = {
  esp8266: {
    id: 'esp8266',
    name: 'ESP8266',
    architecture: 'xtensa',
    bootloaderOffset: 0x0,
    romBannerBaudRate: 74880,
    nativeUsb: 'none',
    maxFlashSizeBytes: 16 * MB,
  },
  esp32: {
    id: 'esp32',
    name: 'ESP32',
    architecture: 'xtensa',
    bootloaderOffset: 0x1000,
    imageChipId: 0,
    romBannerBaudRate: 115200,
    nativeUsb: 'none',
    maxFlashSizeBytes: 16 * MB,
  },
  esp32s2: {
    id: 'esp32s2',
    name: 'ESP32-S2',
    architecture: 'xtensa',
    bootloaderOffset: 0x1000,
    imageChipId: 2,
    romBannerBaudRate: 115200,
    nativeUsb: 'usb-otg',
    maxFlashSizeBytes: 128 * MB,
  },
  esp32s3: {
    id: 'esp32s3',
    name: 'ESP32-S3',
    architecture: 'xtensa',
    bootloaderOffset: 0x0,
    imageChipId: 9,
    romBannerBaudRate: 115200,
    nativeUsb: 'usb-otg-and-serial-jtag',
    maxFlashSizeBytes: 128 * MB,
  },
  esp32c2: {
    id: 'esp32c2',
    name: 'ESP32-C2',
    architecture: 'riscv',
    bootloaderOffset: 0x0,
    imageChipId: 12,
    // ESP32-C2 boards usually carry a 26 MHz crystal; the ROM then prints at 74880 [reported].
    romBannerBaudRate: 74880,
    nativeUsb: 'none',
    maxFlashSizeBytes: 16 * MB,
  },
  esp32c3: {
    id: 'esp32c3',
    name: 'ESP32-C3',
    architecture: 'riscv',
    bootloaderOffset: 0x0,
    imageChipId: 5,
    romBannerBaudRate: 115200,
    nativeUsb: 'usb-serial-jtag',
    maxFlashSizeBytes: 16 * MB,
  },
  esp32c5: {
    id: 'esp32c5',
    name: 'ESP32-C5',
    architecture: 'riscv',
    bootloaderOffset: 0x2000,
    imageChipId: 23,
    romBannerBaudRate: 115200,
    nativeUsb: 'usb-serial-jtag',
    maxFlashSizeBytes: 32 * MB,
  },
  esp32c6: {
    id: 'esp32c6',
    name: 'ESP32-C6',
    architecture: 'riscv',
    bootloaderOffset: 0x0,
    imageChipId: 13,
    romBannerBaudRate: 115200,
    nativeUsb: 'usb-serial-jtag',
    maxFlashSizeBytes: 16 * MB,
  },
  esp32h2: {
    id: 'esp32h2',
    name: 'ESP32-H2',
    architecture: 'riscv',
    bootloaderOffset: 0x0,
    imageChipId: 16,
    romBannerBaudRate: 115200,
    nativeUsb: 'usb-serial-jtag',
    maxFlashSizeBytes: 16 * MB,
  },
  esp32p4: {
    id: 'esp32p4',
    name: 'ESP32-P4',
    architecture: 'riscv',
    bootloaderOffset: 0x2000,
    imageChipId: 18,
    romBannerBaudRate: 115200,
    nativeUsb: 'usb-otg-and-serial-jtag',
    maxFlashSizeBytes: 64 * MB,
  },
};

export function isChipId(value: string): value is ChipId {
  return (CHIP_IDS as readonly string[]).includes(value);
}

/** Accepts "esp32-s3", "ESP32S3", "esp32s3". Returns undefined for anything else. */
export function parseChipId(text: string): ChipId | undefined {
  const normalised = text.toLowerCase().replace(/[-_\s]/g, '');
  return isChipId(normalised) ? normalised : undefined;
}

export function chipByImageId(imageChipId: number): ChipFacts | undefined {
  return Object.values(CHIPS).find((chip) => chip.imageChipId === imageChipId);
}

/** Partition table and first app offsets used by ESP-IDF and Arduino builds. */
export const PARTITION_TABLE_OFFSET = 0x8000;
export const DEFAULT_APP_OFFSET = 0x10000;
