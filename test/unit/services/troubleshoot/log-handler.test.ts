import { expect, it } from 'vitest';
import { createLogHandler } from '../../../../src-main/services/troubleshoot/log-handler';

it('troubleshoot:analyze-log answers with settings, inconsistencies and the diagnosis', async () => {
  const handler = createLogHandler()['troubleshoot:analyze-log'];
  const analysis = await handler({ text: 'esptool.py v4.7.0\nSerial port /dev/ttyUSB0\nConnecting....\n\nA fatal error occurred: Failed to connect to ESP32: No serial data received.' });
  expect(analysis.settings).toEqual({ tool: 'esptool', toolVersion: '4.7.0', port: '/dev/ttyUSB0' });
  expect(analysis.inconsistencies).toEqual([]);
  expect(analysis.diagnosis.cause).toBe('no-data');
  expect(analysis.diagnosis.evidence).toContainEqual({ label: 'Port', value: '/dev/ttyUSB0' });
});
