import { onBeforeUnmount, ref, type Ref } from 'vue';

/** True while the system asks for a dark theme (the chart has no CSS; it is told). */
export function useDarkScheme(): Ref<boolean> {
  const query = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : undefined;
  const dark = ref(query?.matches === true);
  const onChange = (event: MediaQueryListEvent) => (dark.value = event.matches);
  query?.addEventListener?.('change', onChange);
  onBeforeUnmount(() => query?.removeEventListener?.('change', onChange));
  return dark;
}
