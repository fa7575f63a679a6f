import { describe, expect, it } from 'vitest';
import { normaliseArgv, readGlobalOptions } from '../../../src-main/cli/global-options';
import { catchEspError } from '../flasher/image/catch-esp-error';

/** Global options and esptool-compatible spellings. */

describe('readGlobalOptions', () => {
  it('defaults: default-reset, hard-reset, stub on, no trace, no port, baud or chip', () => {
    expect(readGlobalOptions({}, {})).toEqual({ before: 'default-reset', after: 'hard-reset', noStub: false, trace: false });
  });

  it('ESPTOOL_PORT, ESPTOOL_BAUD and ESPTOOL_CHIP from the environment', () => {
    const options = readGlobalOptions({}, { ESPTOOL_PORT: '/dev/ttyUSB1', ESPTOOL_BAUD: '921600', ESPTOOL_CHIP: 'esp32c3' });
    expect(options).toMatchObject({ port: '/dev/ttyUSB1', baudRate: 921600, chip: 'esp32c3' });
  });

  it('command-line values win over the environment', () => {
    const options = readGlobalOptions({ port: 'COM4', baud: '460800', chip: 'auto' }, { ESPTOOL_PORT: '/dev/ttyUSB1', ESPTOOL_BAUD: '921600', ESPTOOL_CHIP: 'esp32' });
    expect(options.port).toBe('COM4');
    expect(options.baudRate).toBe(460800);
    expect(options).not.toHaveProperty('chip');
  });

  it('before/after with esptool 4 underscores, flags, attempts, reset method, custom sequence', () => {
    const options = readGlobalOptions(
      {
        before: 'no_reset',
        after: 'no_reset_stub',
        'no-stub': true,
        trace: true,
        'connect-attempts': '0',
        'reset-method': 'unix-tight',
        'custom-reset-sequence': 'D0|R1|W0.1|D1|R0|W0.05|D0',
      },
      {},
    );
    expect(options).toEqual({
      before: 'no-reset',
      after: 'no-reset-stub',
      noStub: true,
      trace: true,
      connectAttempts: 0,
      resetMethod: 'unix-tight',
      customResetSequence: 'D0|R1|W0.1|D1|R0|W0.05|D0',
    });
  });

  it('bad values are input.invalid', () => {
    expect(catchEspError(() => readGlobalOptions({ after: 'reboot' }, {})).code).toBe('input.invalid');
    expect(catchEspError(() => readGlobalOptions({}, { ESPTOOL_BAUD: 'fast' })).code).toBe('input.invalid');
    expect(catchEspError(() => readGlobalOptions({ chip: 'esp33' }, {})).code).toBe('input.invalid');
  });
});

describe('normaliseArgv', () => {
  it('maps esptool 4 short options and underscores in long option names', () => {
    expect(normaliseArgv(['-fm', 'dio', '-ff', '80m', '-fs', '4MB', '-z', '-u', '-e'])).toEqual([
      '--flash-mode',
      'dio',
      '--flash-freq',
      '80m',
      '--flash-size',
      '4MB',
      '--compress',
      '--no-compress',
      '--erase-all',
    ]);
    expect(normaliseArgv(['--flash_mode=dio', '--flash_size', 'detect', '--no_stub'])).toEqual(['--flash-mode=dio', '--flash-size', 'detect', '--no-stub']);
  });

  it('leaves values, file names and command names alone', () => {
    expect(normaliseArgv(['write_flash', '0x1000', 'my_boot_loader.bin', '--custom-reset-sequence=D0|R1_x=y'])).toEqual([
      'write_flash',
      '0x1000',
      'my_boot_loader.bin',
      '--custom-reset-sequence=D0|R1_x=y',
    ]);
  });
});
