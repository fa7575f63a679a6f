import { describe, expect, it } from 'vitest';
import { formatSocketUrl, isSocketUrl, parseSocketUrl } from '../../../src-main/serial/socket-url';

describe('parseSocketUrl', () => {
  it.each([
    ['socket://127.0.0.1:4000', '127.0.0.1', 4000],
    ['socket://localhost:1', 'localhost', 1],
    ['SOCKET://esp-bridge.local:65535', 'esp-bridge.local', 65535],
    ['socket://[::1]:3333', '::1', 3333],
    ['socket://my-host.example.com.:23', 'my-host.example.com.', 23],
  ])('%s', (url, host, port) => {
    expect(parseSocketUrl(url)).toEqual({ host, port });
  });

  it.each([
    ['tcp://127.0.0.1:4000', /must start with socket:\/\//],
    ['socket://127.0.0.1', /host and a port/],
    ['socket://:4000', /host is missing/],
    ['socket://127.0.0.1:', /port must be a number/],
    ['socket://127.0.0.1:abc', /host and a port/],
    ['socket://127.0.0.1:0', /outside 1-65535/],
    ['socket://127.0.0.1:65536', /outside 1-65535/],
    ['socket://127.0.0.1:123456', /port must be a number/],
    ['socket://999.1.1.1:80', /not a valid host name or IPv4/],
    ['socket://bad_host:80', /not a valid host name or IPv4/],
    ['socket://-bad.com:80', /not a valid host name or IPv4/],
    ['socket://[zz::1]:80', /not an IPv6 address/],
    ['socket://host:80/path', /paths and options are not supported/],
    ['socket://host:80?logging=debug', /paths and options are not supported/],
    ['socket://::1:80', /host and a port/],
  ])('rejects %s', (url, reason) => {
    let caught: unknown;
    try {
      parseSocketUrl(url);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'input.invalid' });
    expect((caught as Error).message).toMatch(reason);
    expect((caught as { evidence: { url: string } }).evidence.url).toBe(url);
  });

  it('formats back, bracketing IPv6', () => {
    expect(formatSocketUrl({ host: '::1', port: 80 })).toBe('socket://[::1]:80');
    expect(formatSocketUrl({ host: '10.0.0.2', port: 23 })).toBe('socket://10.0.0.2:23');
  });

  it('recognises the scheme case-insensitively', () => {
    expect(isSocketUrl('Socket://x:1')).toBe(true);
    expect(isSocketUrl('/dev/ttyUSB0')).toBe(false);
  });
});
