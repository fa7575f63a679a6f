import type { Diagnosis } from '../../src-shared/diagnose/diagnosis';
import { EspError, type EspErrorData } from '../../src-shared/errors';
import type { CheckOutcome, LogAnalysis } from '../../src-shared/ipc/troubleshoot';

/** Troubleshooter answers as the services would give them, for the renderer tests. */
export function wrongBootModeError(): EspErrorData {
  return new EspError('connect.wrong-boot-mode', { evidence: { port: 'sim:esp32', bootMode: '0x13' } }).toData();
}

export function wrongBootModeDiagnosis(overrides: Partial<Diagnosis> = {}): Diagnosis {
  return {
    cause: 'wrong-boot-mode',
    title: 'The chip booted from flash instead of the bootloader',
    explanation: 'The ROM printed its banner, so power and wiring are fine, but GPIO0 was high at reset.',
    evidence: [
      { label: 'Boot mode', value: 'boot:0x13 (SPI_FAST_FLASH_BOOT)' },
      { label: 'Reset trace', value: 'GPIO0 never went low' },
    ],
    steps: [
      { title: 'Hold BOOT while the app connects', detail: 'Press and hold BOOT, then press Detect.', check: 'manual-bootloader' },
      { title: 'Check the auto-reset circuit', command: 'esp-companion detect --before default-reset' },
    ],
    confidence: 'high',
    alternatives: ['no-sync-reply'],
    ...overrides,
  };
}

export function loopbackOutcome(): CheckOutcome {
  return {
    ok: false,
    verdict: 'The adapter is clean up to 460800 baud; errors above that.',
    result: {
      kind: 'loopback',
      rows: [
        { baudRate: 115200, sentBytes: 4096, receivedBytes: 4096, errorBytes: 0, errorRate: 0 },
        { baudRate: 460800, sentBytes: 4096, receivedBytes: 4096, errorBytes: 0, errorRate: 0 },
        { baudRate: 921600, sentBytes: 4096, receivedBytes: 4000, errorBytes: 130, errorRate: 130 / 4096 },
      ],
      highestCleanBaudRate: 460800,
    },
  };
}

export function baudSweepOutcome(): CheckOutcome {
  return {
    ok: true,
    verdict: '921600 baud syncs, writes and verifies.',
    result: {
      kind: 'baud-sweep',
      rows: [
        { baudRate: 460800, synced: true, wrote: true, verified: true },
        { baudRate: 921600, synced: true, wrote: true, verified: true },
        { baudRate: 2000000, synced: true, wrote: false, verified: false, errorCode: 'transfer.invalid-packet' },
      ],
      highestReliableBaudRate: 921600,
    },
  };
}

export function esptoolLogAnalysis(): LogAnalysis {
  return {
    settings: { tool: 'esptool', toolVersion: 'v4.7.0', port: '/dev/ttyUSB0', baudRate: 921600, resetMethod: 'default-reset', chip: 'esp32' },
    inconsistencies: ['921600 baud on a CH340 adapter often fails; try 460800.'],
    diagnosis: wrongBootModeDiagnosis({ confidence: 'medium', alternatives: [] }),
  };
}
