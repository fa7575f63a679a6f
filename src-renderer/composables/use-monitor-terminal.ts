import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { onBeforeUnmount, onMounted, shallowRef, watch, type Ref } from 'vue';
import type { TerminalTextOptions } from '../format/monitor-terminal-text';
import type { MonitorStream } from '../stores/monitor-stream';
import { TerminalWriter, type TerminalSurface } from '../stores/monitor-terminal-writer';
import { prefersDark, SEARCH_COLOURS, terminalTheme, watchColourScheme } from './use-monitor-terminal-theme';

/** Lines kept above the screen; the session log (Save log) keeps everything regardless. */
export const SCROLLBACK_LINES = 10_000;
/** Counters shown in the page are copied from the writer at most this often. */
export const STATS_INTERVAL_MS = 250;

export interface TerminalStats {
  readonly writtenBytes: number;
  readonly missingMessages: number;
  readonly paused: boolean;
  readonly newLinesWhilePaused: number;
}

export interface SearchResults {
  readonly index: number;
  readonly count: number;
}

const NO_STATS: TerminalStats = { writtenBytes: 0, missingMessages: 0, paused: false, newLinesWhilePaused: 0 };

function surfaceFor(term: Terminal): TerminalSurface {
  return {
    write: (data, done) => term.write(data, done),
    hold() {
      const buffer = term.buffer.active;
      // A marker follows its line when old lines are trimmed from the scrollback.
      const marker = term.registerMarker(buffer.viewportY - (buffer.baseY + buffer.cursorY));
      return {
        restore: () => {
          if (!marker.isDisposed && marker.line >= 0 && term.buffer.active.viewportY !== marker.line) term.scrollToLine(marker.line);
        },
        release: () => marker.dispose(),
      };
    },
    isScrolledUp: () => term.buffer.active.viewportY < term.buffer.active.baseY,
    scrollToBottom: () => term.scrollToBottom(),
    clear: () => term.clear(),
  };
}

/**
 * The xterm.js terminal behind the monitor: created on mount into `host`, fed from `stream`,
 * sized to its box, themed light/dark. The Terminal instance lives in this closure, never in
 * reactive state; only small counters are reactive, refreshed a few times per second.
 */
export function useMonitorTerminal(host: Ref<HTMLElement | undefined>, stream: MonitorStream, options: Ref<TerminalTextOptions>) {
  const stats = shallowRef<TerminalStats>(NO_STATS);
  const searchResults = shallowRef<SearchResults | undefined>(undefined);
  let term: Terminal | undefined;
  let writer: TerminalWriter | undefined;
  let search: SearchAddon | undefined;
  let dark = prefersDark();
  const cleanups: (() => void)[] = [];

  function copyStats(): void {
    if (writer === undefined) return;
    const next: TerminalStats = {
      writtenBytes: writer.writtenBytes,
      missingMessages: stream.counters.missingMessages,
      paused: writer.paused,
      newLinesWhilePaused: writer.newLinesWhilePaused,
    };
    const current = stats.value;
    if (
      current.writtenBytes !== next.writtenBytes ||
      current.missingMessages !== next.missingMessages ||
      current.paused !== next.paused ||
      current.newLinesWhilePaused !== next.newLinesWhilePaused
    ) {
      stats.value = next;
    }
  }

  onMounted(() => {
    const element = host.value;
    if (element === undefined) return;
    term = new Terminal({
      scrollback: SCROLLBACK_LINES,
      convertEol: true,
      disableStdin: true,
      cursorBlink: false,
      cursorInactiveStyle: 'none',
      fontFamily: getComputedStyle(document.documentElement).getPropertyValue('--font-mono').trim() || 'monospace',
      fontSize: 13,
      theme: terminalTheme(dark),
      allowProposedApi: true,
    });
    const fit = new FitAddon();
    search = new SearchAddon();
    term.loadAddon(fit);
    term.loadAddon(search);
    // Modifier keys belong to the app (Ctrl+Shift+R reset, Ctrl+F search, Alt+1..4 views,
    // Ctrl+C copy), so the terminal lets them bubble instead of turning them into input.
    term.attachCustomKeyEventHandler((event) => !(event.ctrlKey || event.altKey || event.metaKey));
    term.open(element);
    const terminal = term;
    writer = new TerminalWriter(surfaceFor(terminal));
    writer.options = { ...options.value };
    const activeWriter = writer;
    cleanups.push(stream.listen((item) => activeWriter.handle(item)));
    cleanups.push(search.onDidChangeResults((event) => (searchResults.value = { index: event.resultIndex, count: event.resultCount })).dispose);

    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        // Hidden (another tab): no size to fit to; the observer fires again when shown.
        if (element.clientWidth > 0 && element.clientHeight > 0) fit.fit();
      });
    });
    observer.observe(element);
    cleanups.push(() => observer.disconnect());
    cleanups.push(
      watchColourScheme((isDark) => {
        dark = isDark;
        terminal.options.theme = terminalTheme(isDark);
      }),
    );
    const timer = setInterval(copyStats, STATS_INTERVAL_MS);
    cleanups.push(() => clearInterval(timer));
  });

  watch(options, (next) => {
    if (writer !== undefined) writer.options = { ...next };
  });

  onBeforeUnmount(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    term?.dispose();
    term = undefined;
    writer = undefined;
  });

  function find(text: string, direction: 'next' | 'previous'): boolean {
    if (search === undefined || text === '') return false;
    const decorations = dark ? SEARCH_COLOURS.dark : SEARCH_COLOURS.light;
    const found = direction === 'next' ? search.findNext(text, { decorations }) : search.findPrevious(text, { decorations });
    if (!found) searchResults.value = { index: -1, count: 0 };
    return found;
  }

  function clearSearch(): void {
    search?.clearDecorations();
    searchResults.value = undefined;
  }

  return {
    stats,
    searchResults,
    find,
    clearSearch,
    pause: () => {
      writer?.pause();
      copyStats();
    },
    resume: () => {
      writer?.resume();
      copyStats();
    },
    clear: () => writer?.clear(),
    focus: () => term?.focus(),
  };
}
