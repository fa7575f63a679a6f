import { onBeforeUnmount, onMounted } from 'vue';

export interface MonitorShortcutHandlers {
  /** Only while this is true (the monitor tab is showing). */
  readonly active: () => boolean;
  /** Ctrl+Shift+R. */
  readonly onResetApp: () => void;
  /** Ctrl+Shift+B. */
  readonly onResetBootloader: () => void;
  /** Ctrl+F. */
  readonly onSearch: () => void;
}

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);

/** Shown in titles and tooltips. */
export const MONITOR_SHORTCUTS = {
  resetApp: IS_MAC ? '⌘⇧R' : 'Ctrl+Shift+R',
  resetBootloader: IS_MAC ? '⌘⇧B' : 'Ctrl+Shift+B',
  search: IS_MAC ? '⌘F' : 'Ctrl+F',
} as const;

/** For aria-keyshortcuts. */
export const MONITOR_ARIA_SHORTCUTS = {
  resetApp: IS_MAC ? 'Meta+Shift+R' : 'Control+Shift+R',
  resetBootloader: IS_MAC ? 'Meta+Shift+B' : 'Control+Shift+B',
  search: IS_MAC ? 'Meta+F' : 'Control+F',
} as const;

/**
 * The monitor's keys, window-wide so they work with focus in the terminal (which lets modified
 * keys bubble). They replace the browser's own meaning (Ctrl+Shift+R reload, Ctrl+F find).
 */
export function useMonitorShortcuts(handlers: MonitorShortcutHandlers): void {
  function onKeyDown(event: KeyboardEvent): void {
    if (!handlers.active() || event.altKey) return;
    const command = IS_MAC ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
    if (!command) return;
    const key = event.key.toLowerCase();
    const action =
      event.shiftKey && key === 'r' ? handlers.onResetApp
      : event.shiftKey && key === 'b' ? handlers.onResetBootloader
      : !event.shiftKey && key === 'f' ? handlers.onSearch
      : undefined;
    if (action === undefined) return;
    event.preventDefault();
    action();
  }
  onMounted(() => window.addEventListener('keydown', onKeyDown));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeyDown));
}
