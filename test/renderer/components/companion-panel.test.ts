import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import CompanionPanel from '../../../src-renderer/components/CompanionPanel.vue';
import type { ProjectLayout } from '../../../src-shared/ipc/files';
import { mountWithStores } from '../mount-view';

const PROJECT: ProjectLayout = { kind: 'esp-idf', path: '/p/build', name: 'p', files: [{ offset: 0x10000, path: '/p/build/p.bin', name: 'p.bin', sizeBytes: 10, modifiedAtMs: 1 }], notes: [] };

describe('CompanionPanel', () => {
  it('watches a folder, says when the firmware changed, and re-flashes changed sectors on request', async () => {
    const { wrapper, fake } = mountWithStores(CompanionPanel);
    fake.respond('watch:start-watch', () => ({ watchId: 'w', project: PROJECT }));
    await wrapper.get('#watch-folder').setValue('/p/build');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-test="watching"]').text()).toContain('/p/build');
    fake.emit('watch:project-changed', { watchId: 'w', project: PROJECT });
    await flushPromises();
    const changed = wrapper.get('[data-test="firmware-changed"]');
    expect(changed.text()).toMatch(/Firmware changed at \d\d:\d\d:\d\d/);
    await changed.get('button').trigger('click');
    await flushPromises();
    expect(fake.callsTo('jobs:start-flash')[0]!.diff).toBe(true);
    expect(wrapper.get('label[for="auto-reflash"]').text()).toContain('Auto re-flash');
    wrapper.unmount();
  });
});
