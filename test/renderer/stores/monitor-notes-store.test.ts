import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_NOTES, useMonitorNotesStore } from '../../../src-renderer/stores/monitor-notes-store';
import { useMonitorStore } from '../../../src-renderer/stores/monitor-store';
import { usePortsStore } from '../../../src-renderer/stores/ports-store';
import { buildSyntheticElf } from '../../helpers/synthetic-elf';
import type { FakeApi } from '../fake-api';
import { CP210X_PORT } from '../fixtures';
import { answerMonitorRequests, APP_SYMBOLS, chunk, dataMessage, ESP32_BANNER, ESP32_CRASH } from '../monitor-fake';
import { freshStores } from '../store-setup';

function elfFile(bytes: Uint8Array, name = 'app.elf'): File {
  return new File([bytes as Uint8Array<ArrayBuffer>], name);
}

describe('monitor notes', () => {
  let fake: FakeApi;
  let seq: number;

  beforeEach(async () => {
    ({ fake } = freshStores());
    answerMonitorRequests(fake);
    usePortsStore().update([CP210X_PORT]);
    usePortsStore().select(CP210X_PORT.path);
    useMonitorNotesStore();
    await useMonitorStore().open();
    seq = 0;
  });

  /** Sends text split into small pieces, as batches would cut it. */
  function receive(text: string, pieceChars = 7, baudRate = 115200): void {
    for (let start = 0; start < text.length; start += pieceChars) {
      fake.emit('monitor:data', dataMessage(seq++, [chunk(text.slice(start, start + pieceChars), 1000 + start, baudRate)]));
    }
  }

  it('turns a ROM banner split across batches into a boot-banner note', () => {
    receive('I (12) app: before\r\n' + ESP32_BANNER);
    const notes = useMonitorNotesStore().notes.map((shown) => shown.note);
    expect(notes.map((note) => note.kind)).toEqual(['boot-banner']);
    expect(notes[0]!.evidence.join('\n')).toContain('POWERON_RESET');
  });

  it('collects a crash report into one Guru Meditation note with its code addresses', () => {
    receive(ESP32_CRASH, 13);
    const crash = useMonitorNotesStore().notes.find((shown) => shown.note.kind === 'guru-meditation')?.note;
    expect(crash).toBeDefined();
    expect(crash!.addresses).toEqual(expect.arrayContaining([0x400d1a2c, 0x400d1a68, 0x400d0f15]));
  });

  it('loads an ELF and names the backtrace functions; a file that is no ELF is explained', async () => {
    const notes = useMonitorNotesStore();
    await notes.loadElf(elfFile(buildSyntheticElf({ machine: 'xtensa', symbols: APP_SYMBOLS })));
    expect(notes.elf?.state).toBe('loaded');
    const table = notes.elf?.state === 'loaded' ? notes.elf.symbols : undefined;
    expect(table?.lookup(0x400d1a2c)).toEqual({ name: 'parse_reading', offset: 0x1c });
    await notes.loadElf(elfFile(new TextEncoder().encode('not an elf'), 'app.bin'));
    expect(notes.elf).toMatchObject({ state: 'failed', fileName: 'app.bin' });
    expect(notes.elf?.state === 'failed' ? notes.elf.reason : '').not.toBe('');
  });

  it('keeps at most MAX_NOTES, newest last, and can dismiss and clear', () => {
    for (let index = 0; index < MAX_NOTES + 5; index++) receive(ESP32_BANNER, 200);
    const notes = useMonitorNotesStore();
    expect(notes.notes.length).toBeLessThanOrEqual(MAX_NOTES);
    const last = notes.notes.at(-1)!;
    notes.dismiss(last.id);
    expect(notes.notes.some((shown) => shown.id === last.id)).toBe(false);
    notes.clear();
    expect(notes.notes).toEqual([]);
  });

  it('also reads what arrived at the ROM baud (an ESP8266 banner at 74880)', () => {
    receive('ets Jan  8 2013,rst cause:2, boot mode:(3,6)\r\n', 50, 74880);
    expect(useMonitorNotesStore().notes.map((shown) => shown.note.kind)).toContain('boot-banner');
  });
});
