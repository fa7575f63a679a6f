import { describe, expect, it } from 'vitest';
import { buildRemotePortUrl, isRemotePortPath, parseRemotePortUrl } from '../../../src-renderer/format/remote-port';

describe('remote port URLs', () => {
  it('builds rfc2217 and socket URLs, with ?ign_set_control only for rfc2217', () => {
    expect(buildRemotePortUrl({ scheme: 'rfc2217', host: ' 192.168.1.20 ', port: '04000', ignoreSetControl: false })).toEqual({ ok: true, url: 'rfc2217://192.168.1.20:4000' });
    expect(buildRemotePortUrl({ scheme: 'rfc2217', host: 'pi', port: '2217', ignoreSetControl: true })).toEqual({ ok: true, url: 'rfc2217://pi:2217?ign_set_control' });
    expect(buildRemotePortUrl({ scheme: 'socket', host: '[::1]', port: '5000', ignoreSetControl: true })).toEqual({ ok: true, url: 'socket://[::1]:5000' });
  });

  it('checks host and port 1-65535', () => {
    const check = (host: string, port: string) => buildRemotePortUrl({ scheme: 'socket', host, port, ignoreSetControl: false });
    expect(check('', '1')).toMatchObject({ ok: false, reason: 'Enter a host name or IP address.' });
    expect(check('a b', '1')).toMatchObject({ ok: false });
    expect(check('host-', '1')).toMatchObject({ ok: false });
    expect(check('host', '0')).toMatchObject({ ok: false, reason: 'Port 0 is outside 1-65535.' });
    expect(check('host', '65536')).toMatchObject({ ok: false });
    expect(check('host', '65535')).toMatchObject({ ok: true });
    expect(check('host', '1')).toMatchObject({ ok: true });
    expect(check('host', '12a')).toMatchObject({ ok: false, reason: 'Enter a TCP port number from 1 to 65535.' });
  });

  it('reads stored URLs back, and tells network paths from serial ones', () => {
    expect(parseRemotePortUrl('rfc2217://pi:2217?ign_set_control')).toEqual({ scheme: 'rfc2217', host: 'pi', port: '2217', ignoreSetControl: true });
    expect(parseRemotePortUrl('socket://pi:99999')).toBeUndefined();
    expect(isRemotePortPath('RFC2217://pi:1')).toBe(true);
    expect(isRemotePortPath('socket://pi:1')).toBe(true);
    expect(isRemotePortPath('/dev/ttyUSB0')).toBe(false);
    expect(isRemotePortPath('sim:esp32')).toBe(false);
  });
});
