import { describe, expect, it } from 'vitest';
import { formatError, hex } from '../../../src-main/cli/cli-output';
import { EspError } from '../../../src-shared/errors';

/** How the CLI prints an error: what, the code, the evidence, what to do next. */

describe('formatError', () => {
  it('message, code, evidence (arrays as items, multi-line text as quoted lines) and the hint', () => {
    const error = new EspError('connect.wrong-boot-mode', {
      message: 'Wrong boot mode detected (boot:0x13).',
      evidence: {
        port: '/dev/ttyUSB0',
        attempts: ['Tight reset (50 ms): booted from flash (boot:0x13)', 'Classic reset (50 ms): no data'],
        bootLog: 'ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)',
        receivedBytes: 42,
      },
    });
    expect(formatError(error.toData())).toBe(
      [
        'A fatal error occurred: Wrong boot mode detected (boot:0x13).',
        '  [connect.wrong-boot-mode]',
        '  Evidence:',
        '    port: /dev/ttyUSB0',
        '    attempts:',
        '      - Tight reset (50 ms): booted from flash (boot:0x13)',
        '      - Classic reset (50 ms): no data',
        '    bootLog:',
        '      | ets Jun  8 2016 00:22:57',
        '      | rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)',
        '    receivedBytes: 42',
        `  Next step: ${error.hint}`,
        '',
      ].join('\n'),
    );
  });

  it('no evidence section when there is none', () => {
    const text = formatError(new EspError('port.busy').toData());
    expect(text).not.toContain('Evidence');
    expect(text).toContain('[port.busy]');
    expect(text).toContain('Next step: Close serial monitors');
  });
});

describe('hex', () => {
  it('pads to 8 digits by default', () => {
    expect(hex(0x1000)).toBe('0x00001000');
    expect(hex(0x1640ef, 6)).toBe('0x1640ef');
  });
});
