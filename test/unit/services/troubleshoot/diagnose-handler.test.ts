import { describe, expect, it } from 'vitest';
import { createDiagnoseHandler, type DiagnoseHandlerDeps } from '../../../../src-main/services/troubleshoot/diagnose-handler';
import type { HostProbeOptions } from '../../../../src-main/diagnostics/host-probe';
import { ERROR_CATALOGUE, type EspErrorData } from '../../../../src-shared/errors';
import { bridgeForUsbIds, type PortInfo } from '../../../../src-shared/serial';

/** The handler's plumbing: which port it looks up, what it asks the host, what it tolerates. */
const busy: EspErrorData = {
  code: 'port.busy',
  message: ERROR_CATALOGUE['port.busy'].message,
  hint: ERROR_CATALOGUE['port.busy'].hint,
  evidence: { path: '/dev/ttyUSB0', osMessage: 'Error Resource temporarily unavailable Cannot lock port' },
};
const usb = { vendorId: 0x10c4, productId: 0xea60 };
const ttyUsb0: PortInfo = { path: '/dev/ttyUSB0', kind: 'native', usb, bridge: bridgeForUsbIds(usb)!, description: 'CP210x', lineControl: true };

function handler(overrides: Partial<DiagnoseHandlerDeps> = {}) {
  const probed: { path: string; options: HostProbeOptions }[] = [];
  const deps: DiagnoseHandlerDeps = {
    listPorts: async () => [ttyUsb0],
    getTrace: async (traceId) => {
      throw new Error(`no trace ${traceId}`);
    },
    platform: 'linux',
    probeHost: async (path, options) => {
      probed.push({ path, options });
      return { exists: true, holder: { pid: 321, command: 'minicom' }, conflictingServices: [] };
    },
    ...overrides,
  };
  return { diagnose: createDiagnoseHandler(deps)['troubleshoot:diagnose-failure'], probed };
}

describe('troubleshoot:diagnose-failure', () => {
  it('probes the port named in the evidence, with the port list, and names the holder', async () => {
    const { diagnose, probed } = handler();
    const diagnosis = await diagnose({ error: busy, traceId: 'gone' });
    expect(probed).toEqual([{ path: '/dev/ttyUSB0', options: { platform: 'linux', ports: [ttyUsb0] } }]);
    expect(diagnosis.cause).toBe('port-busy');
    expect(diagnosis.evidence.map((item) => item.value).join(' ')).toContain('minicom');
  });

  it('the request port wins over the evidence; a failing port list and probe only mean less evidence', async () => {
    const { diagnose, probed } = handler({
      listPorts: async () => {
        throw new Error('udev is gone');
      },
      probeHost: async (path, options) => {
        probed.push({ path, options });
        throw new Error('no /proc');
      },
    });
    const diagnosis = await diagnose({ error: busy, port: '/dev/ttyACM0' });
    expect(probed.map((call) => call.path)).toEqual(['/dev/ttyACM0']);
    expect(diagnosis.cause).toBe('port-busy');
  });

  it('without any port nothing is probed', async () => {
    const { diagnose, probed } = handler();
    const diagnosis = await diagnose({ error: { ...busy, evidence: {} } });
    expect(probed).toEqual([]);
    expect(diagnosis.cause).toBe('port-busy');
  });
});
