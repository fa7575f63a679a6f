import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef, watch } from 'vue';
import { parseElfSymbols, type ElfSymbolTable } from '../../src-shared/decode/elf-symbols';
import { MonitorAnalyzer } from '../../src-shared/decode/monitor-analyzer';
import type { MonitorNote } from '../../src-shared/decode/monitor-note';
import type { ChipId } from '../../src-shared/chips';
import { errorData } from './error-data';
import { LineSplitter } from './monitor-line-splitter';
import { useMonitorStore } from './monitor-store';
import type { StreamItem } from './monitor-stream';

/** Older notes are dropped past this many (a boot loop would otherwise fill the panel). */
export const MAX_NOTES = 50;

export interface ShownNote {
  readonly id: number;
  readonly note: MonitorNote;
}

export type ElfSymbols = ElfSymbolTable;

export type ElfState =
  | { readonly state: 'loaded'; readonly fileName: string; readonly symbols: ElfSymbols }
  | { readonly state: 'failed'; readonly fileName: string; readonly reason: string };

function analyzerFamily(chip: ChipId): 'esp8266' | 'esp32' {
  return chip === 'esp8266' ? 'esp8266' : 'esp32';
}

/**
 * What the board's output means: boot banners, crashes, watchdogs, brown-outs, boot loops and
 * wrong-baud garbage, decoded by the shared MonitorAnalyzer from the monitor's stream (lines for
 * text, raw chunks for the baud check). An app ELF loaded by the user turns backtrace addresses
 * into function names.
 */
export const useMonitorNotesStore = defineStore('monitor-notes', () => {
  const monitor = useMonitorStore();
  const notes = shallowRef<readonly ShownNote[]>([]);
  const elf = shallowRef<ElfState | undefined>(undefined);
  const loadingElf = ref(false);
  let nextId = 1;
  let analyzer = markRaw(new MonitorAnalyzer({ family: analyzerFamily(monitor.chip) }));
  const splitter = new LineSplitter();

  function add(found: readonly MonitorNote[]): void {
    if (found.length === 0) return;
    const shown = found.map((note) => ({ id: nextId++, note }));
    notes.value = [...notes.value, ...shown].slice(-MAX_NOTES);
  }

  function analyze(item: StreamItem): void {
    if (item.kind === 'session') {
      add(splitter.flush().flatMap((line) => analyzer.line(line.text, line.atMs)));
      analyzer = markRaw(new MonitorAnalyzer({ family: analyzerFamily(monitor.chip) }));
      return;
    }
    if (item.kind !== 'chunks') return;
    for (const chunk of item.chunks) {
      const found: MonitorNote[] = [...analyzer.bytes(chunk.data, chunk.baudRate, chunk.atMs)];
      for (const line of splitter.push(chunk)) found.push(...analyzer.line(line.text, line.atMs));
      add(found);
    }
  }

  monitor.stream.listen(analyze);
  // A different chip family changes what the banners mean.
  watch(
    () => analyzerFamily(monitor.chip),
    (family) => (analyzer = markRaw(new MonitorAnalyzer({ family }))),
  );

  async function loadElf(file: File): Promise<void> {
    loadingElf.value = true;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      elf.value = { state: 'loaded', fileName: file.name, symbols: markRaw(parseElfSymbols(bytes)) };
    } catch (failure) {
      elf.value = { state: 'failed', fileName: file.name, reason: errorData(failure).message };
    } finally {
      loadingElf.value = false;
    }
  }

  function forgetElf(): void {
    elf.value = undefined;
  }

  function dismiss(id: number): void {
    notes.value = notes.value.filter((shown) => shown.id !== id);
  }

  function clear(): void {
    notes.value = [];
  }

  return { notes, elf, loadingElf, loadElf, forgetElf, dismiss, clear };
});
