import { describe, expect, it } from 'vitest';
import { MAX_PENDING_BYTES, TerminalWriter, type TerminalSurface } from '../../../src-renderer/stores/monitor-terminal-writer';
import { chunk } from '../monitor-fake';

/** A terminal that queues writes until `process()` runs them, like xterm's write buffer. */
function fakeSurface() {
  const writes: { data: Uint8Array; done: () => void }[] = [];
  const state = { scrolledUp: false, holds: 0, restores: 0, releases: 0, bottoms: 0, clears: 0 };
  const surface: TerminalSurface = {
    write: (data, done) => writes.push({ data, done }),
    hold: () => {
      state.holds++;
      return { restore: () => state.restores++, release: () => state.releases++ };
    },
    isScrolledUp: () => state.scrolledUp,
    scrollToBottom: () => state.bottoms++,
    clear: () => state.clears++,
  };
  return {
    surface,
    state,
    writes,
    process: () => {
      for (const write of writes.splice(0)) write.done();
    },
  };
}

const batch = (...texts: string[]) => ({ kind: 'chunks' as const, chunks: texts.map((value) => chunk(value)), appBaudRate: 115200 });

describe('terminal writer', () => {
  it('writes each batch with one write and counts board bytes once the terminal processed them', () => {
    const fake = fakeSurface();
    const writer = new TerminalWriter(fake.surface);
    writer.handle(batch('abc\n', 'def\n', 'gh'));
    expect(fake.writes).toHaveLength(1);
    expect(new TextDecoder().decode(fake.writes[0]!.data)).toBe('abc\ndef\ngh');
    expect(writer.writtenBytes).toBe(0);
    fake.process();
    expect(writer.writtenBytes).toBe(10);
    expect(writer.pendingBytes).toBe(0);
  });

  it('pauses: data keeps arriving, the view is held after each write, new lines are counted', () => {
    const fake = fakeSurface();
    const writer = new TerminalWriter(fake.surface);
    writer.pause();
    writer.handle(batch('one\ntwo\n'));
    writer.handle(batch('three\n'));
    fake.process();
    expect(writer.newLinesWhilePaused).toBe(3);
    expect(fake.state).toMatchObject({ holds: 1, restores: 2 });
    expect(writer.writtenBytes).toBe(14);
    writer.resume();
    expect(writer.paused).toBe(false);
    expect(writer.newLinesWhilePaused).toBe(0);
    expect(fake.state).toMatchObject({ releases: 1, bottoms: 1 });
  });

  it('counts scrolling up with the wheel as a pause', () => {
    const fake = fakeSurface();
    const writer = new TerminalWriter(fake.surface);
    fake.state.scrolledUp = true;
    writer.handle(batch('x\n'));
    fake.process();
    expect(writer.paused).toBe(true);
  });

  it('drops display output while the terminal is far behind, then says how much it skipped', () => {
    const fake = fakeSurface();
    const writer = new TerminalWriter(fake.surface);
    const big = 'x'.repeat(MAX_PENDING_BYTES + 1);
    writer.handle(batch(big));
    writer.handle(batch('lost'));
    expect(fake.writes).toHaveLength(1);
    expect(writer.droppedBytes).toBe(4);
    fake.process();
    writer.handle(batch('back\n'));
    const shown = fake.writes.map((write) => new TextDecoder().decode(write.data)).join('');
    expect(shown).toContain('4 bytes not shown');
    expect(shown.endsWith('back\n')).toBe(true);
  });

  it('starts counting again for a new session', () => {
    const fake = fakeSurface();
    const writer = new TerminalWriter(fake.surface);
    writer.handle(batch('abc'));
    fake.process();
    writer.handle({ kind: 'session', monitorId: 'm2', port: 'sim:esp32', baudRate: 115200, atMs: 0 });
    expect(writer.writtenBytes).toBe(0);
    expect(new TextDecoder().decode(fake.writes[0]!.data)).toContain('opened sim:esp32 at 115200 baud');
    fake.process();
    // The marker is the monitor's text, not the board's bytes.
    expect(writer.writtenBytes).toBe(0);
  });
});
