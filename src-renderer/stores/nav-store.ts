import { defineStore } from 'pinia';
import { ref } from 'vue';

/** The app's views; the tab bar and flows such as "flash then monitor" switch between them. */
export type ViewId = 'flash' | 'monitor' | 'timing' | 'troubleshoot';

export const VIEW_IDS: readonly ViewId[] = ['flash', 'monitor', 'timing', 'troubleshoot'];

export const VIEW_LABELS: Readonly<Record<ViewId, string>> = {
  flash: 'Flash',
  monitor: 'Serial monitor',
  timing: 'Reset timing',
  troubleshoot: 'Troubleshoot',
};

export const useNavStore = defineStore('nav', () => {
  const view = ref<ViewId>('flash');

  function show(next: ViewId): void {
    view.value = next;
  }

  return { view, show };
});
