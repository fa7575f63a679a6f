import { describe, expect, it } from 'vitest';
import { createTraceRecorder } from '../../../src-main/diagnostics/session-trace-recorder';
import type { TraceLimits } from '../../../src-main/diagnostics/trace-event-buffer';
import type { TraceStartOptions } from '../../../src-main/diagnostics/trace-recorder';
import { EspError } from '../../../src-shared/errors';
import type { RecordedTrace } from '../../../src-shared/ipc/traces';
import type { TraceEvent } from '../../../src-shared/reset/trace';
import type { PortInfo } from '../../../src-shared/serial';
import { ManualClock } from '../../helpers/manual-clock';
import { ScriptedTransport } from '../../helpers/scripted-transport';

/** The active trace of a session on a fake clock: one time base, several wraps, summary on finish. */

function setup(options: { limits?: TraceLimits; start?: Partial<TraceStartOptions> } = {}) {
  const clock = new ManualClock(5000);
  const finished: RecordedTrace[] = [];
  let ids = 0;
  const recorder = createTraceRecorder({
    onFinished: (trace) => finished.push(trace),
    now: () => clock.now(),
    wallClock: () => new Date('2026-11-21T10:00:00.000Z'),
    newId: () => `trace-${++ids}`,
    ...(options.limits === undefined ? {} : { limits: options.limits }),
  });
  const trace = recorder.start({ source: 'detect', port: 'sim:esp32', ...options.start });
  return { clock, trace, finished };
}

const portInfo = (info: Partial<PortInfo> = {}): Partial<PortInfo> => ({ path: 'sim:esp32', kind: 'virtual', lineControl: true, ...info });

function label(event: TraceEvent): string {
  switch (event.kind) {
    case 'open':
      return `${event.atMs} open ${event.path}`;
    case 'lines':
      return `${event.atMs} lines ${event.dtr ? 1 : 0}${event.rts ? 1 : 0}`;
    case 'tx':
    case 'rx':
      return `${event.atMs} ${event.kind} ${event.bytes.length}/${event.sizeBytes ?? event.bytes.length}`;
    case 'baud':
      return `${event.atMs} baud ${event.baudRate}`;
    case 'mark':
      return `${event.atMs} mark ${event.label}`;
    case 'close':
      return `${event.atMs} close`;
  }
}

/** Both lines of the Classic reset: (DTR,RTS) = (0,1) for 100 ms, then (1,0) for 50 ms, then released. */
async function classicReset(port: { setLines(lines: { dtr: boolean; rts: boolean }): Promise<void> }, clock: ManualClock): Promise<void> {
  await port.setLines({ dtr: false, rts: true });
  clock.advance(100);
  await port.setLines({ dtr: true, rts: false });
  clock.advance(50);
  await port.setLines({ dtr: false, rts: false });
}

describe('SessionTrace', () => {
  it('timestamps every event from the trace start, including marks before any port is open', async () => {
    const { clock, trace, finished } = setup();
    clock.advance(2);
    trace.mark('opening');
    clock.advance(3);
    const inner = new ScriptedTransport({ info: portInfo() });
    const port = trace.wrap(inner);
    clock.advance(1.5);
    await classicReset(port, clock);
    inner.emit(Uint8Array.from([0x72, 0x73]));
    await Promise.resolve();
    await Promise.resolve();
    clock.advance(4);
    await port.write(Uint8Array.from([0xc0, 0xc0]));
    await port.setBaudRate(460800);
    await port.close();
    const summary = trace.finish('ok');
    expect(summary).toBeDefined();
    expect(finished).toHaveLength(1);
    expect(finished[0]!.events.map(label)).toEqual([
      '2 mark opening',
      '5 open sim:esp32',
      '5 lines 00',
      '6.5 lines 01',
      '106.5 lines 10',
      '156.5 lines 00',
      '156.5 rx 2/2',
      '160.5 tx 2/2',
      '160.5 baud 460800',
      '160.5 lines 00',
      '160.5 close',
    ]);
  });

  it('shares one time base across several wraps (monitor reattach, hand-off)', async () => {
    const { clock, trace, finished } = setup({ start: { source: 'monitor' } });
    const first = trace.wrap(new ScriptedTransport({ info: portInfo() }));
    clock.advance(10);
    await first.close();
    clock.advance(990);
    const second = trace.wrap(new ScriptedTransport({ info: portInfo() }));
    clock.advance(5);
    await second.setLines({ dtr: false, rts: true });
    trace.finish('ok');
    const times = finished[0]!.events.map(label);
    expect(times).toEqual(['0 open sim:esp32', '0 lines 00', '10 lines 00', '10 close', '1000 open sim:esp32', '1000 lines 00', '1005 lines 01']);
  });

  it('builds the summary: duration, outcome, error, counts, start time and board from the virtual port', async () => {
    const { clock, trace } = setup({ start: { source: 'flash', port: 'sim:esp32?wire=fast', chip: 'esp32' } });
    const port = trace.wrap(new ScriptedTransport({ info: portInfo({ resetWiring: 'two-transistor', enTimeConstantMs: 10, chip: 'esp32' }) }));
    await classicReset(port, clock);
    clock.advance(30);
    await classicReset(port, clock);
    clock.advance(20);
    const error = new EspError('connect.wrong-boot-mode', { message: 'The chip booted from flash.' }).toData();
    const summary = trace.finish('failed', error)!;
    expect(summary).toEqual({
      traceId: 'trace-1',
      source: 'flash',
      port: 'sim:esp32?wire=fast',
      startedAtIso: '2026-11-21T10:00:00.000Z',
      durationMs: 350,
      outcome: 'failed',
      errorCode: 'connect.wrong-boot-mode',
      errorMessage: 'The chip booted from flash.',
      board: { circuit: 'two-transistor', enTimeConstantMs: 10, circuitKnown: true, chip: 'esp32' },
      eventCount: 8,
      resetCount: 2,
    });
  });

  it('finishes once: a second finish and events after it change nothing', async () => {
    const { clock, trace, finished } = setup();
    const inner = new ScriptedTransport({ info: portInfo() });
    const port = trace.wrap(inner);
    expect(trace.finish('cancelled')?.outcome).toBe('cancelled');
    clock.advance(5);
    await port.setLines({ dtr: false, rts: true });
    trace.mark('late');
    expect(trace.finish('ok')).toBeUndefined();
    expect(finished).toHaveLength(1);
    expect(finished[0]!.events.map(label)).toEqual(['0 open sim:esp32', '0 lines 00']);
    // A wrap after finish records nothing and leaves the transport as it is.
    expect(trace.wrap(inner)).toBe(inner);
  });

  it('applies the caps: bytes kept after a reset, sizes after that', async () => {
    const { clock, trace, finished } = setup({ limits: { keepBytesPerDirection: 4, maxEvents: 1000, mergeGapMs: 1 } });
    const inner = new ScriptedTransport({ info: portInfo() });
    const port = trace.wrap(inner);
    await port.setLines({ dtr: false, rts: true });
    await port.write(new Uint8Array(6));
    clock.advance(2);
    await port.write(new Uint8Array(6));
    clock.advance(0.5);
    await port.write(new Uint8Array(6));
    trace.finish('ok');
    expect(finished[0]!.events.map(label).slice(3)).toEqual(['0 tx 4/6', '2 tx 0/12']);
  });

  it('counts resets on the board circuit: Classic is one reset on two-transistor and direct, none without a circuit', async () => {
    const resetsOn = async (info: Partial<PortInfo>): Promise<number> => {
      const { clock, trace } = setup();
      const port = trace.wrap(new ScriptedTransport({ info: portInfo(info) }));
      await classicReset(port, clock);
      // Both asserted: EN stays high on two-transistor, low on direct wiring.
      await port.setLines({ dtr: true, rts: true });
      await port.setLines({ dtr: false, rts: false });
      return trace.finish('ok')!.resetCount;
    };
    expect(await resetsOn({ resetWiring: 'two-transistor' })).toBe(1);
    expect(await resetsOn({ resetWiring: 'direct' })).toBe(2);
    expect(await resetsOn({ resetWiring: 'none' })).toBe(0);
    expect(await resetsOn({ resetWiring: 'usb-serial-jtag' })).toBe(1);
  });
});

describe('trace board', () => {
  const boardOf = (info: Partial<PortInfo>, chip?: TraceStartOptions['chip']) => {
    const { trace } = setup(chip === undefined ? {} : { start: { chip } });
    trace.wrap(new ScriptedTransport({ info: portInfo(info) }));
    return trace.finish('ok')!.board;
  };

  it('takes circuit and EN time constant from a virtual port, and the chip from the port when the session did not name one', () => {
    expect(boardOf({ resetWiring: 'usb-serial-jtag', enTimeConstantMs: 0, chip: 'esp32s3' })).toEqual({ circuit: 'usb-serial-jtag', enTimeConstantMs: 0, circuitKnown: true, chip: 'esp32s3' });
  });

  it('guesses for real ports: two-transistor behind a USB-UART bridge, USB-Serial/JTAG for 303A:1001, none without line control', () => {
    const native = { kind: 'native', path: '/dev/ttyUSB0' } as const;
    expect(boardOf({ ...native, usb: { vendorId: 0x10c4, productId: 0xea60 } }, 'esp32')).toEqual({ circuit: 'two-transistor', enTimeConstantMs: 10, circuitKnown: false, chip: 'esp32' });
    expect(boardOf({ ...native, usb: { vendorId: 0x303a, productId: 0x1001 } })).toEqual({ circuit: 'usb-serial-jtag', enTimeConstantMs: 0, circuitKnown: false });
    expect(boardOf({ kind: 'tcp', path: 'socket://127.0.0.1:4000', lineControl: false })).toEqual({ circuit: 'none', enTimeConstantMs: 10, circuitKnown: false });
    // The ROM's USB-OTG CDC takes DTR/RTS like the two-transistor circuit (esptool drives it with Classic).
    const otg = { ...native, usb: { vendorId: 0x303a, productId: 0x0009 }, bridge: { id: 'esp-usb-otg', name: 'Espressif USB-OTG (ROM CDC)', nativeUsb: true } } as const;
    expect(boardOf(otg)).toEqual({ circuit: 'two-transistor', enTimeConstantMs: 10, circuitKnown: false });
  });

  it('falls back to a typical DevKit when the port never opened', () => {
    const { trace } = setup({ start: { chip: 'esp8266' } });
    expect(trace.finish('failed')!.board).toEqual({ circuit: 'two-transistor', enTimeConstantMs: 10, circuitKnown: false, chip: 'esp8266' });
  });
});
