import { describe, expect, it } from 'vitest';
import { monitorResetMethod, monitorResetPlan } from '../../../src-main/monitor/reset-plan';
import { bridgeById, type PortInfo } from '../../../src-shared/serial';

const UART: PortInfo = { path: '/dev/ttyUSB0', kind: 'native', description: 'CP210x', lineControl: true, usb: { vendorId: 0x10c4, productId: 0xea60 }, bridge: bridgeById('cp210x') };
const USB_JTAG: PortInfo = { path: '/dev/ttyACM0', kind: 'native', description: 'USB-Serial/JTAG', lineControl: true, usb: { vendorId: 0x303a, productId: 0x1001 }, bridge: bridgeById('esp-usb-serial-jtag') };
const CP2102C: PortInfo = { ...UART, usb: { vendorId: 0x10c4, productId: 0xea64 }, bridge: bridgeById('cp2102c') };
const TCP: PortInfo = { path: 'socket://127.0.0.1:4000', kind: 'tcp', description: 'raw TCP', lineControl: false };

describe('monitor reset plan', () => {
  it('picks the method from the request, then the port, then the classic circuit', () => {
    expect(monitorResetMethod(undefined, UART)).toBe('classic');
    expect(monitorResetMethod('auto', USB_JTAG)).toBe('usb-jtag-serial');
    expect(monitorResetMethod('ck', USB_JTAG)).toBe('ck');
    expect(monitorResetMethod(undefined, { ...UART, resetWiring: 'direct' })).toBe('ck');
    expect(monitorResetMethod(undefined, { ...UART, resetWiring: 'none' })).toBe('none');
  });

  it.each([
    ['classic UART', UART, undefined, 'hard-reset', 'classic'],
    ['USB-Serial/JTAG', USB_JTAG, undefined, 'hard-reset-usb', 'usb-jtag-serial'],
    ['direct wiring', { ...UART, resetWiring: 'direct' as const }, undefined, 'run-ck', 'ck'],
    ['nodemcu-ck timing', UART, 'nodemcu-ck' as const, 'run-ck', 'nodemcu-ck'],
    ['unix-tight', UART, 'unix-tight' as const, 'hard-reset', 'unix-tight'],
    ['flow-control adapter', CP2102C, undefined, 'hard-reset-flow-control', 'classic'],
  ])('%s: app and bootloader sequences', (_name, port, method, appId, bootloaderId) => {
    expect(monitorResetPlan('app', method, port).sequence?.id).toBe(appId);
    expect(monitorResetPlan('bootloader', method, port).sequence?.id).toBe(bootloaderId);
  });

  it('assumes the circuit the port reports, or the one the method implies', () => {
    expect(monitorResetPlan('app', undefined, { ...UART, resetWiring: 'direct' }).circuit).toBe('direct');
    expect(monitorResetPlan('app', 'ck', UART).circuit).toBe('direct');
    expect(monitorResetPlan('app', undefined, USB_JTAG).circuit).toBe('usb-serial-jtag');
    expect(monitorResetPlan('app', undefined, UART).circuit).toBe('two-transistor');
  });

  it('no sequence for boards without a circuit or ports without line control', () => {
    expect(monitorResetPlan('app', 'none', UART).sequence).toBeUndefined();
    expect(monitorResetPlan('bootloader', undefined, { ...UART, resetWiring: 'none' }).sequence).toBeUndefined();
    expect(monitorResetPlan('app', undefined, TCP).sequence).toBeUndefined();
  });
});
