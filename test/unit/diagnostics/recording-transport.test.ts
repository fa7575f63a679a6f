import { describe, expect, it } from 'vitest';
import { RecordingTransport } from '../../../src-main/diagnostics/recording-transport';
import type { Transport } from '../../../src-main/serial/transport';
import type { TraceEvent } from '../../../src-shared/reset/trace';
import { ScriptedTransport } from '../../helpers/scripted-transport';

/** The recording wrapper: every line change, byte burst and baud change, timestamped, in order. */

function setup(inner = new ScriptedTransport()) {
  let nowMs = 1000;
  const events: TraceEvent[] = [];
  const recording = new RecordingTransport(inner, (event) => events.push(event), () => nowMs);
  return { inner, recording, events, advance: (ms: number) => (nowMs += ms) };
}

function summary(events: readonly TraceEvent[]): string[] {
  return events.map((event) => {
    switch (event.kind) {
      case 'open':
        return `${event.atMs} open ${event.path} ${event.baudRate}`;
      case 'lines':
        return `${event.atMs} lines ${event.dtr ? 1 : 0}${event.rts ? 1 : 0}`;
      case 'tx':
      case 'rx':
        return `${event.atMs} ${event.kind} ${Array.from(event.bytes).join(',')}`;
      case 'baud':
        return `${event.atMs} baud ${event.baudRate}`;
      case 'mark':
        return `${event.atMs} mark ${event.label}`;
      case 'close':
        return `${event.atMs} close`;
    }
  });
}

describe('RecordingTransport', () => {
  it('records open and the starting lines, then every change with its time from the start, in order', async () => {
    const { inner, recording, events, advance } = setup();
    advance(5);
    await recording.setLines({ dtr: false, rts: true });
    advance(100);
    await recording.setLines({ dtr: true, rts: false });
    recording.mark('reset done');
    advance(50);
    await recording.write(Uint8Array.from([0xc0, 0x00, 0xc0]));
    inner.emit(Uint8Array.from([0x41, 0x42]));
    await Promise.resolve();
    await Promise.resolve();
    advance(10);
    await recording.setBaudRate(460800);
    expect(summary(events)).toEqual([
      '0 open /dev/ttyUSB0 115200',
      '0 lines 00',
      '5 lines 01',
      '105 lines 10',
      '105 mark reset done',
      '155 tx 192,0,192',
      '155 rx 65,66',
      '165 baud 460800',
    ]);
    expect(inner.lineChanges).toEqual([
      { dtr: false, rts: true },
      { dtr: true, rts: false },
    ]);
    expect(inner.baudRate).toBe(460800);
    expect(recording.baudRate).toBe(460800);
  });

  it('keeps a copy of written bytes', async () => {
    const { recording, events } = setup();
    const bytes = Uint8Array.from([1, 2, 3]);
    await recording.write(bytes);
    bytes[0] = 99;
    const tx = events.find((event) => event.kind === 'tx');
    expect(tx?.kind === 'tx' ? Array.from(tx.bytes) : []).toEqual([1, 2, 3]);
  });

  it('close records the release of both lines, then the close, once', async () => {
    const { inner, recording, events, advance } = setup();
    await recording.setLines({ dtr: true, rts: true });
    advance(20);
    await recording.close();
    await recording.close();
    expect(summary(events).slice(-2)).toEqual(['20 lines 00', '20 close']);
    expect(events.filter((event) => event.kind === 'close')).toHaveLength(1);
    expect(inner.isOpen).toBe(false);
    expect(recording.isOpen).toBe(false);
  });

  it('stops recording received bytes after close', async () => {
    const { inner, recording, events } = setup();
    await recording.close();
    const before = events.length;
    inner.isOpen = true;
    inner.emit(Uint8Array.from([1]));
    await Promise.resolve();
    await Promise.resolve();
    expect(events.length).toBe(before);
  });

  it('passes port facts through, including warnings', () => {
    class WarnedTransport extends ScriptedTransport {
      readonly warnings = ['Chip was NOT reset. Setting RTS/DTR lines is not supported for port /dev/pts/3.'];
    }
    const inner = new WarnedTransport({ info: { path: '/dev/pts/3' } });
    const { recording } = setup(inner);
    const port: Transport = recording;
    expect(port.info.path).toBe('/dev/pts/3');
    expect(port.lines).toEqual({ dtr: false, rts: false });
    expect(port.warnings).toEqual(inner.warnings);
  });
});
