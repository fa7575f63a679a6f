import { describe, expect, it } from 'vitest';
import { createReportHandler, gatherReportInput, type ReportHandlerDeps } from '../../../src-main/services/troubleshoot/report-handler';
import type { Diagnosis } from '../../../src-shared/diagnose/diagnosis';
import { EspError, type EspErrorData } from '../../../src-shared/errors';
import type { RecordedTrace } from '../../../src-shared/ipc/traces';
import type { CheckOutcome, DiagnoseFailureRequest, SupportReportRequest } from '../../../src-shared/ipc/troubleshoot';
import { bridgeById, type PortInfo } from '../../../src-shared/serial';
import { connectTrace, ESP32_FLASH_BANNER } from '../shared/reset/verdict-cases';

/** The support-report handler gathers port, trace, diagnosis and check outcomes from fake deps. */

const NOW = new Date('2026-11-21T14:03:00Z');

const PORTS: PortInfo[] = [
  { path: '/dev/ttyS0', kind: 'native', description: 'Built-in serial port', lineControl: true },
  {
    path: '/dev/ttyUSB0',
    kind: 'native',
    usb: { vendorId: 0x10c4, productId: 0xea60 },
    bridge: bridgeById('cp210x'),
    description: 'Silicon Labs CP210x (10C4:EA60)',
    lineControl: true,
  },
];

const TRACE: RecordedTrace = connectTrace(
  [
    { strategy: 'classic', printed: ESP32_FLASH_BANNER },
    { strategy: 'tight', printed: ESP32_FLASH_BANNER },
  ],
  { traceId: 'trace-7', port: '/dev/ttyUSB0', errorCode: 'connect.wrong-boot-mode', board: { circuit: 'two-transistor', enTimeConstantMs: 10, circuitKnown: false, chip: 'esp32' } },
);

const ERROR: EspErrorData = {
  code: 'connect.wrong-boot-mode',
  message: 'Wrong boot mode detected (boot:0x13)',
  hint: 'Hold BOOT.',
  evidence: { port: '/dev/ttyUSB0', image: '/home/tester/blink/build/blink.bin' },
};

const DIAGNOSIS: Diagnosis = {
  cause: 'wrong-boot-mode',
  title: 'The chip booted from flash instead of the bootloader',
  explanation: 'GPIO0 was high when EN rose.',
  evidence: [{ label: 'Boot banner', value: 'boot:0x13 (SPI_FAST_FLASH_BOOT)' }],
  steps: [{ title: 'Hold BOOT while the app resets the board', check: 'manual-bootloader' }],
  confidence: 'high',
};

const LOOPBACK: CheckOutcome = {
  ok: true,
  verdict: 'The adapter echoes every byte up to 921600 baud',
  result: { kind: 'loopback', rows: [{ baudRate: 921600, sentBytes: 4096, receivedBytes: 4096, errorBytes: 0, errorRate: 0 }], highestCleanBaudRate: 921600 },
};

interface Fakes {
  readonly deps: ReportHandlerDeps;
  readonly diagnoseRequests: DiagnoseFailureRequest[];
  readonly traceRequests: string[];
}

function fakes(overrides: Partial<ReportHandlerDeps> = {}): Fakes {
  const diagnoseRequests: DiagnoseFailureRequest[] = [];
  const traceRequests: string[] = [];
  const outcomes = new Map<string, CheckOutcome>([['check-1', LOOPBACK]]);
  const deps: ReportHandlerDeps = {
    version: '0.9.0',
    platform: 'linux',
    osRelease: '6.8.0-test',
    homeDir: '/home/tester',
    now: () => NOW,
    listPorts: async () => PORTS,
    getTrace: async (traceId) => {
      traceRequests.push(traceId);
      if (traceId !== TRACE.summary.traceId) throw new EspError('input.invalid', { message: `No trace ${traceId}.` });
      return TRACE;
    },
    diagnose: async (request) => {
      diagnoseRequests.push(request);
      return DIAGNOSIS;
    },
    checkOutcome: (checkId) => outcomes.get(checkId),
    ...overrides,
  };
  return { deps, diagnoseRequests, traceRequests };
}

async function report(deps: ReportHandlerDeps, request: SupportReportRequest) {
  return createReportHandler(deps)['troubleshoot:support-report'](request);
}

describe('report handler: gathering', () => {
  it('takes the port from the trace, diagnoses the failure with that trace and port, and keeps the checks', async () => {
    const { deps, diagnoseRequests, traceRequests } = fakes();
    const input = await gatherReportInput(deps, { traceId: 'trace-7', failure: { error: ERROR }, checkIds: ['check-1'] });
    expect(traceRequests).toEqual(['trace-7']);
    expect(diagnoseRequests).toEqual([{ error: ERROR, port: '/dev/ttyUSB0', traceId: 'trace-7' }]);
    expect(input.portPath).toBe('/dev/ttyUSB0');
    expect(input.port).toBe(PORTS[1]);
    expect(input.chip).toBe('esp32');
    expect(input.diagnosis).toBe(DIAGNOSIS);
    expect(input.error).toBe(ERROR);
    expect(input.checks).toEqual([LOOPBACK]);
    expect(input.notes).toEqual([]);
    expect(input.trace?.summary.traceId).toBe('trace-7');
    expect(input.trace?.measurements).toHaveLength(2);
    expect(input.trace?.resetMethods).toEqual(['Classic reset (50 ms)', 'Tight reset (50 ms)']);
    expect(input.trace?.verdict.severity).toBe('error');
  });

  it("keeps the failure's own port and trace over the request's", async () => {
    const { deps, diagnoseRequests, traceRequests } = fakes();
    await gatherReportInput(deps, { port: '/dev/ttyS0', failure: { error: ERROR, port: '/dev/ttyUSB0', traceId: 'trace-7' } });
    expect(diagnoseRequests).toEqual([{ error: ERROR, port: '/dev/ttyUSB0', traceId: 'trace-7' }]);
    expect(traceRequests).toEqual(['trace-7']);
  });

  it('asks nothing it was not given', async () => {
    const { deps, diagnoseRequests, traceRequests } = fakes();
    const input = await gatherReportInput(deps, {});
    expect(diagnoseRequests).toEqual([]);
    expect(traceRequests).toEqual([]);
    expect(input.portPath).toBeUndefined();
    expect(input.checks).toEqual([]);
  });

  it('notes unknown checks, an unreadable trace, a failed diagnosis and a failed port list, and still builds', async () => {
    const { deps } = fakes({
      diagnose: async () => {
        throw new EspError('internal.unexpected', { message: 'classifier broke' });
      },
      listPorts: async () => {
        throw new Error('udev gone');
      },
    });
    const input = await gatherReportInput(deps, { port: '/dev/ttyUSB0', traceId: 'trace-99', failure: { error: ERROR }, checkIds: ['check-1', 'check-42', 'check-42'] });
    expect(input.notes).toEqual([
      'The reset trace trace-99 could not be read (No trace trace-99.); the reset section is left open.',
      'The port list could not be read (udev gone).',
      'The failure could not be diagnosed (classifier broke).',
      'Check check-42 is not known (not finished, or from an earlier run of the app); it is left out.',
    ]);
    expect(input.trace).toBeUndefined();
    expect(input.diagnosis).toBeUndefined();
    expect(input.checks).toEqual([LOOPBACK]);
    const { markdown } = await report(deps, { port: '/dev/ttyUSB0', traceId: 'trace-99', failure: { error: ERROR }, checkIds: ['check-42'] });
    expect(markdown).toContain('## Notes');
    expect(markdown).toContain('- Check check-42 is not known');
    expect(markdown).toContain('The app did not diagnose this failure (`connect.wrong-boot-mode`)');
  });

  it('leaves the OS release out for another platform unless told', async () => {
    const { deps } = fakes({ platform: process.platform === 'win32' ? 'linux' : 'win32' });
    const { osRelease: _unused, ...withoutRelease } = deps;
    const input = await gatherReportInput(withoutRelease, {});
    expect(input.osRelease).toBeUndefined();
    expect((await gatherReportInput(deps, {})).osRelease).toBe('6.8.0-test');
  });
});

describe('report handler: the report', () => {
  it('builds the Markdown from everything gathered, with the image and a name from the port and time', async () => {
    const { deps } = fakes();
    const { markdown, suggestedName } = await report(deps, { traceId: 'trace-7', failure: { error: ERROR }, checkIds: ['check-1'], traceImageName: 'reset-ttyUSB0.png' });
    expect(suggestedName).toBe('esp-companion-report-ttyUSB0-20261121-1403.md');
    expect(markdown).toContain('**Problem:** The chip booted from flash instead of the bootloader');
    expect(markdown).toContain('- [x] **Port:** `/dev/ttyUSB0` is present: Silicon Labs CP210x (10C4:EA60).');
    expect(markdown).toContain('- [x] **Loopback:** The adapter echoes every byte up to 921600 baud.');
    expect(markdown).toMatch(/- \[ \] \*\*Reset waveform: problem\.\*\* /);
    expect(markdown).toContain('| Reset 2 (attempt 2) | 100 ms |');
    expect(markdown).toContain('![Reset trace](reset-ttyUSB0.png)');
    expect(markdown).toContain('Linux (6.8.0-test).');
    // The circuit was a guess for this port, so the diagram item stays open with how to compare.
    expect(markdown).toMatch(/- \[ \] \*\*Connection diagram:\*\* _not measured\._ Circuit: two-transistor \(assumed/);
  });

  it('replaces the home folder from the deps with ~', async () => {
    const { deps } = fakes();
    const { markdown } = await report(deps, { failure: { error: ERROR } });
    expect(markdown).not.toContain('tester');
    expect(markdown).toContain('`~/blink/build/blink.bin`');
  });
});
