import { describe, expect, it } from 'vitest';
import { buildStrategyList, type StrategyListOptions } from '../../../../src-main/flasher/connect/strategy-list';
import { bridgeForUsbIds, type PortInfo, type UsbIds } from '../../../../src-shared/serial';
import { catchEspError } from '../image/catch-esp-error';
import { USB_JTAG_TEXT, classicText, describeSequence, unixTightText } from './describe-sequence';

/** The reset strategies the connect loop cycles through (fact sheet §3.4, §5.1, §9). */

function usbPort(vendorId: number, productId: number, path = '/dev/ttyUSB0'): PortInfo {
  const usb: UsbIds = { vendorId, productId };
  const bridge = bridgeForUsbIds(usb);
  return { path, kind: 'native', usb, ...(bridge ? { bridge } : {}), description: 'test', lineControl: true };
}

const CP2102 = usbPort(0x10c4, 0xea60);
const CP2102C = usbPort(0x10c4, 0xea64);
const USB_JTAG = usbPort(0x303a, 0x1001, '/dev/ttyACM0');
const SOCKET: PortInfo = { path: 'socket://127.0.0.1:4000', kind: 'tcp', description: 'raw TCP', lineControl: false };

function list(options: Partial<StrategyListOptions>): string[] {
  return buildStrategyList({ before: 'default-reset', port: CP2102, platform: 'linux', ...options }).map(describeSequence);
}

describe('buildStrategyList', () => {
  it('Linux: UnixTight 50, UnixTight 550, Classic 50, Classic 550 (esptool order)', () => {
    expect(list({})).toEqual([unixTightText(50), unixTightText(550), classicText(50), classicText(550)]);
  });

  it('macOS behaves like Linux', () => {
    expect(list({ platform: 'darwin' })).toEqual([unixTightText(50), unixTightText(550), classicText(50), classicText(550)]);
  });

  it('Windows: Classic 50 and Classic 550 only', () => {
    expect(list({ platform: 'win32' })).toEqual([classicText(50), classicText(550)]);
  });

  it('RFC 2217 (a network port with line control): Classic only, as esptool does', () => {
    const rfc2217: PortInfo = { path: 'rfc2217://127.0.0.1:4000', kind: 'tcp', description: 'RFC 2217 server 127.0.0.1:4000', lineControl: true };
    expect(list({ port: rfc2217 })).toEqual([classicText(50), classicText(550)]);
  });

  it('labels carry the delay', () => {
    const labels = buildStrategyList({ before: 'default-reset', port: CP2102, platform: 'linux' }).map((s) => s.label);
    expect(labels[0]).toContain('50 ms');
    expect(labels[1]).toContain('550 ms');
  });

  it('303A:1001 (USB-Serial/JTAG): only the USB-JTAG sequence, on any platform', () => {
    expect(list({ port: USB_JTAG })).toEqual([USB_JTAG_TEXT]);
    expect(list({ port: USB_JTAG, platform: 'win32' })).toEqual([USB_JTAG_TEXT]);
  });

  it('--before usb-reset: only the USB-JTAG sequence, whatever the bridge', () => {
    expect(list({ before: 'usb-reset' })).toEqual([USB_JTAG_TEXT]);
  });

  it('a custom sequence replaces every other strategy (esptool seconds)', () => {
    expect(list({ customSequence: 'D0|R1|W0.1|D1|R0|W0.25|D0' })).toEqual(['U00 U01 W100 U11 U10 W250 U00']);
  });

  it('a custom sequence wins over the USB-JTAG choice, as in esptool', () => {
    expect(list({ port: USB_JTAG, customSequence: 'R1|W0.1|R0' })).toEqual(['U01 W100 U00']);
  });

  it('an invalid custom sequence is reset.invalid-sequence', () => {
    const error = catchEspError(() => buildStrategyList({ before: 'default-reset', port: CP2102, platform: 'linux', customSequence: 'D2|W0.1' }));
    expect(error.code).toBe('reset.invalid-sequence');
  });

  it('socket:// (no line control): no reset at all', () => {
    expect(list({ port: SOCKET })).toEqual(['']);
    expect(list({ port: SOCKET, customSequence: 'D0|R1' })).toEqual(['']);
  });

  it('--before no-reset and no-reset-no-sync touch no line', () => {
    expect(list({ before: 'no-reset' })).toEqual(['']);
    expect(list({ before: 'no-reset-no-sync' })).toEqual(['']);
    expect(list({ before: 'no-reset', port: USB_JTAG })).toEqual(['']);
  });

  it('reset_delay sets both the normal and the extra delay', () => {
    expect(list({ resetDelayMs: 200 })).toEqual([unixTightText(200), unixTightText(200), classicText(200), classicText(200)]);
    expect(list({ resetDelayMs: 200, platform: 'win32' })).toEqual([classicText(200), classicText(200)]);
  });

  it('CP2102C (always-on flow control): the flow_control variants without the final releases', () => {
    expect(list({ port: CP2102C })).toEqual([
      unixTightText(50, true),
      unixTightText(550, true),
      classicText(50, true),
      classicText(550, true),
    ]);
  });

  it('a known wiring narrows the list', () => {
    expect(list({ resetMethod: 'classic' })).toEqual([classicText(50), classicText(550)]);
    expect(list({ resetMethod: 'unix-tight' })).toEqual([unixTightText(50), unixTightText(550)]);
    expect(list({ resetMethod: 'none' })).toEqual(['']);
    expect(list({ resetMethod: 'usb-jtag-serial' })).toEqual([USB_JTAG_TEXT]);
  });
});
