import { describe, expect, it } from 'vitest';
import { EspError } from '../../../../src-shared/errors';
import { isSimPath, parseSimPath } from '../../../../src-main/simulator/registry/sim-path';

const NAMES = ['esp32', 'esp8266', 'nodemcu-ck'];

function errorOf(run: () => unknown): EspError {
  try {
    run();
  } catch (error) {
    if (error instanceof EspError) return error;
    throw error;
  }
  throw new Error('expected an EspError');
}

describe('parseSimPath', () => {
  it('parses a bare board name', () => {
    expect(parseSimPath('sim:esp32', NAMES)).toEqual({ boardName: 'esp32', options: {} });
    expect(parseSimPath('SIM:ESP32', NAMES).boardName).toBe('esp32');
  });

  it('parses every key', () => {
    const parsed = parseSimPath(
      'sim:nodemcu-ck?faults=rx-broken,en-cap-small&boot=download&wire=real&baudLimit=921600&brownoutAfterKiB=16&unplugAfterKiB=8.5&flash=2MB&seed=42&app=chatty&appBaud=2000000',
      NAMES,
    );
    expect(parsed).toEqual({
      boardName: 'nodemcu-ck',
      options: {
        faults: ['rx-broken', 'en-cap-small'],
        bootDownload: true,
        wire: 'real',
        baudLimit: 921600,
        brownoutAfterKiB: 16,
        unplugAfterKiB: 8.5,
        flashSizeBytes: 2 * 1024 * 1024,
        seed: 42,
        appMode: 'chatty',
        appBaudRate: 2_000_000,
      },
    });
  });

  it('accepts an empty fault list and boot=flash', () => {
    expect(parseSimPath('sim:esp32?faults=&boot=flash', NAMES).options).toEqual({ faults: [], bootDownload: false });
  });

  it('rejects unknown boards with port.not-found and the list of boards', () => {
    const error = errorOf(() => parseSimPath('sim:esp99', NAMES));
    expect(error.code).toBe('port.not-found');
    expect(error.hint).toContain('sim:esp32, sim:esp8266, sim:nodemcu-ck');
    expect(error.evidence.validBoards).toEqual(NAMES);
  });

  it('rejects unknown keys with input.invalid and the list of keys', () => {
    const error = errorOf(() => parseSimPath('sim:esp32?speed=fast', NAMES));
    expect(error.code).toBe('input.invalid');
    expect(error.evidence.validKeys).toContain('faults');
    expect(error.hint).toContain('brownoutAfterKiB');
  });

  it.each([
    ['sim:esp32?faults=melted', 'melted'],
    ['sim:esp32?wire=slow', 'slow'],
    ['sim:esp32?boot=later', 'later'],
    ['sim:esp32?baudLimit=-5', '-5'],
    ['sim:esp32?baudLimit=1.5', '1.5'],
    ['sim:esp32?flash=3MB', '3MB'],
    ['sim:esp32?seed=x', 'x'],
    ['sim:esp32?app=noisy', 'noisy'],
    ['sim:esp32?appBaud=0', '0'],
    ['sim:esp32?appBaud=115200.5', '115200.5'],
  ])('rejects bad values: %s', (path, value) => {
    const error = errorOf(() => parseSimPath(path, NAMES));
    expect(error.code).toBe('input.invalid');
    expect(error.message).toContain(value);
  });
});

describe('app options', () => {
  it('take app=ticks and any case of the key', () => {
    expect(parseSimPath('sim:esp32?APP=ticks&appbaud=74880', NAMES).options).toEqual({ appMode: 'ticks', appBaudRate: 74880 });
  });

  it('name the valid app modes when one is wrong', () => {
    expect(errorOf(() => parseSimPath('sim:esp32?app=loud', NAMES)).hint).toBe('app takes "ticks" or "chatty".');
  });
});

describe('isSimPath', () => {
  it('recognises sim: paths only', () => {
    expect(isSimPath('sim:esp32')).toBe(true);
    expect(isSimPath('/dev/ttyUSB0')).toBe(false);
    expect(isSimPath('socket://127.0.0.1:4000')).toBe(false);
  });
});
