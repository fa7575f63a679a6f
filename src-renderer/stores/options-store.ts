import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { FlashModeOption, HeaderOverrides } from '../../src-shared/flash-job';
import type { AppSettings } from '../../src-shared/ipc/settings';

/** How to flash: erase first, flash mode override, ROM only, reset after, write only changes. */
export const useOptionsStore = defineStore('options', () => {
  const eraseAll = ref(false);
  const flashMode = ref<FlashModeOption>('keep');
  const noStub = ref(false);
  const resetAfter = ref(true);
  const diff = ref(false);

  const header = computed<HeaderOverrides | undefined>(() => (flashMode.value === 'keep' ? undefined : { flashMode: flashMode.value }));

  function restore(settings: AppSettings): void {
    if (settings.eraseAll !== undefined) eraseAll.value = settings.eraseAll;
    if (settings.header?.flashMode !== undefined) flashMode.value = settings.header.flashMode;
    if (settings.noStub !== undefined) noStub.value = settings.noStub;
    if (settings.resetAfter !== undefined) resetAfter.value = settings.resetAfter;
  }

  return { eraseAll, flashMode, noStub, resetAfter, diff, header, restore };
});
