import type { ChipInfo } from '../../src-shared/flash-job';
import type { FlashFileDescription } from '../../src-shared/firmware/flash-file';
import type { PortInfo } from '../../src-shared/serial';

/** Hand-written data for renderer tests. */

export const CP210X_PORT: PortInfo = {
  path: '/dev/ttyUSB0',
  kind: 'native',
  usb: { vendorId: 0x10c4, productId: 0xea60 },
  bridge: { id: 'cp210x', name: 'Silicon Labs CP210x', nativeUsb: false },
  description: 'Silicon Labs CP210x (10C4:EA60)',
  lineControl: true,
};

export const SIM_ESP32S3_PORT: PortInfo = {
  path: 'sim:esp32s3',
  kind: 'virtual',
  description: 'Virtual ESP32-S3 board',
  lineControl: true,
  chip: 'esp32s3',
  resetWiring: 'usb-serial-jtag',
  bridge: { id: 'esp-usb-serial-jtag', name: 'Espressif USB-Serial/JTAG', nativeUsb: true },
  usb: { vendorId: 0x303a, productId: 0x1001 },
};

export const ESP32_CHIP: ChipInfo = {
  chip: 'esp32',
  name: 'ESP32',
  description: 'ESP32-D0WD-V3',
  revision: 301,
  features: ['Wi-Fi', 'BT'],
  crystalMhz: 40,
  mac: '24:0a:c4:12:34:56',
  flashSizeBytes: 4 * 1024 * 1024,
  flashManufacturer: 'Winbond',
  secureDownloadMode: false,
  stubRunning: true,
};

export const ESP32S3_CHIP: ChipInfo = { ...ESP32_CHIP, chip: 'esp32s3', name: 'ESP32-S3', description: 'ESP32-S3 (QFN56)', revision: 2 };

export function appDescription(chip: 'esp32' | 'esp32s3', offset = 0x10000): FlashFileDescription {
  return {
    kind: 'app',
    offset,
    sizeBytes: 4096,
    chip,
    summary: `${chip === 'esp32' ? 'ESP32' : 'ESP32-S3'} app "blink" 1.0.0`,
  };
}

export function binFile(name: string, sizeBytes: number, fill = 0xe9): File {
  return new File([new Uint8Array(sizeBytes).fill(fill)], name, { type: 'application/octet-stream' });
}
