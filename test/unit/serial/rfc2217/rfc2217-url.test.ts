import { describe, expect, it } from 'vitest';
import { formatRfc2217Url, isRfc2217Url, parseRfc2217Url } from '../../../../src-main/serial/rfc2217/rfc2217-url';
import { comPortCommand, decodeBaudRate, encodeBaudRate, SET_BAUDRATE } from '../../../../src-main/serial/rfc2217/com-port-option';

describe('rfc2217:// addresses', () => {
  it('parses host, port and the pyserial options esptool passes', () => {
    expect(parseRfc2217Url('rfc2217://192.168.1.77:4000')).toEqual({ host: '192.168.1.77', port: 4000, ignoreSetControlAnswers: false, answerTimeoutMs: 3000 });
    expect(parseRfc2217Url('RFC2217://[::1]:2217?ign_set_control&timeout=0.5')).toEqual({ host: '::1', port: 2217, ignoreSetControlAnswers: true, answerTimeoutMs: 500 });
    expect(parseRfc2217Url('rfc2217://h:1?logging=debug&poll_modem').ignoreSetControlAnswers).toBe(false);
    expect(isRfc2217Url('socket://h:1')).toBe(false);
  });

  it('refuses bad addresses and unknown options with input.invalid', () => {
    for (const url of ['rfc2217://host', 'rfc2217://:4000', 'rfc2217://h:70000', 'rfc2217://h:1?bogus', 'rfc2217://h:1?timeout=x']) {
      expect(() => parseRfc2217Url(url), url).toThrow(expect.objectContaining({ code: 'input.invalid' }));
    }
  });

  it('formats a canonical path that parses back the same', () => {
    for (const url of ['rfc2217://10.0.0.2:4000', 'rfc2217://[::1]:4000?ign_set_control', 'rfc2217://h:1?ign_set_control&timeout=0.25']) {
      expect(formatRfc2217Url(parseRfc2217Url(url))).toBe(url);
    }
  });
});

describe('COM-PORT-OPTION values', () => {
  it('sends baud rates as 4 bytes in network order, escaping 0xFF', () => {
    expect([...encodeBaudRate(115200)]).toEqual([0, 0x01, 0xc2, 0x00]);
    expect(decodeBaudRate(encodeBaudRate(921600))).toBe(921600);
    expect([...comPortCommand(SET_BAUDRATE, encodeBaudRate(0xff))]).toEqual([0xff, 0xfa, 44, 1, 0, 0, 0, 0xff, 0xff, 0xff, 0xf0]);
  });
});
