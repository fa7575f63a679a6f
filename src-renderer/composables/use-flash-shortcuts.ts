import { onBeforeUnmount, onMounted } from 'vue';

export interface FlashShortcutHandlers {
  /** Ctrl+Enter (Cmd+Enter on macOS). */
  readonly onFlash: () => void;
  /** Escape. */
  readonly onCancel: () => void;
}

/** Window-wide keys of the flash view, registered while the component is mounted. */
export function useFlashShortcuts(handlers: FlashShortcutHandlers): void {
  function onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
      event.preventDefault();
      // Commit a half-edited field (an offset fires "change" on blur) before flashing.
      if (document.activeElement instanceof HTMLInputElement) document.activeElement.blur();
      handlers.onFlash();
    } else if (event.key === 'Escape' && !event.defaultPrevented) {
      handlers.onCancel();
    }
  }
  onMounted(() => window.addEventListener('keydown', onKeyDown));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeyDown));
}
