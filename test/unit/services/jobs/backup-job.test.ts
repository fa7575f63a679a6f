import { describe, expect, it } from 'vitest';
import type { ChipInfo } from '../../../../src-shared/flash-job';
import { backupFileName } from '../../../../src-main/services/jobs/backup-job';
import { portKey } from '../../../../src-main/services/job-service';

const chip: ChipInfo = {
  chip: 'esp32',
  name: 'ESP32',
  description: 'ESP32-D0WD-V3',
  revision: 300,
  features: [],
  crystalMhz: 40,
  mac: '24:0a:c4:96:5b:0f',
  secureDownloadMode: false,
  stubRunning: true,
};

describe('backup file name', () => {
  it('whole flash: chip, MAC without colons, size', () => {
    expect(backupFileName(chip, 0, 4 * 1024 * 1024)).toBe('backup-esp32-240ac4965b0f-4MB.bin');
  });

  it('part of the flash: the offset too', () => {
    expect(backupFileName(chip, 0x10000, 0x100000)).toBe('backup-esp32-240ac4965b0f-0x10000-1MB.bin');
  });

  it('an unreadable MAC does not end up in the name', () => {
    expect(backupFileName({ ...chip, mac: 'unknown (Secure Download Mode)' }, 0, 2 * 1024 * 1024)).toBe('backup-esp32-unknown-mac-2MB.bin');
  });
});

describe('port key (one job per port)', () => {
  it('virtual boards: the same board under any options', () => {
    expect(portKey('sim:esp32?wire=real', 'linux')).toBe(portKey('sim:esp32', 'linux'));
    expect(portKey('sim:esp32', 'linux')).not.toBe(portKey('sim:esp32s3', 'linux'));
  });

  it('Windows port names ignore case; Linux paths do not', () => {
    expect(portKey('COM3', 'win32')).toBe(portKey('com3', 'win32'));
    expect(portKey('/dev/ttyUSB0', 'linux')).not.toBe(portKey('/dev/TTYUSB0', 'linux'));
  });
});
