import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useNavStore } from './nav-store';

/** The troubleshooter's four tools, shown one at a time inside the Troubleshoot tab. */
export type TroubleshootSection = 'diagnosis' | 'checks' | 'log' | 'report';

export const TROUBLESHOOT_SECTIONS: readonly { readonly id: TroubleshootSection; readonly label: string; readonly hint: string }[] = [
  { id: 'diagnosis', label: 'Diagnosis', hint: 'Why the last session failed' },
  { id: 'checks', label: 'Guided checks', hint: 'Port, adapter, boot mode, baud' },
  { id: 'log', label: 'Log analyzer', hint: 'Paste another tool’s log' },
  { id: 'report', label: 'Support report', hint: 'Markdown for a forum post' },
];

export const useTroubleshootSectionStore = defineStore('troubleshoot-section', () => {
  const nav = useNavStore();
  const section = ref<TroubleshootSection>('diagnosis');

  /** Switches to the Troubleshoot tab, at this tool. */
  function open(next: TroubleshootSection): void {
    section.value = next;
    nav.show('troubleshoot');
  }

  return { section, open };
});
