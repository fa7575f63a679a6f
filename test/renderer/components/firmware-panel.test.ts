import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import FirmwarePanel from '../../../src-renderer/components/FirmwarePanel.vue';
import { useAppStore } from '../../../src-renderer/stores/app-store';
import { useFirmwareStore } from '../../../src-renderer/stores/firmware-store';
import { binFile } from '../fixtures';
import { mountWithStores } from '../mount-view';

describe('FirmwarePanel', () => {
  it('has a real multi-file .bin input with a visible label', () => {
    const { wrapper } = mountWithStores(FirmwarePanel);
    const input = wrapper.get('[data-test="file-input"]');
    expect(input.attributes('type')).toBe('file');
    expect(input.attributes('multiple')).toBeDefined();
    expect(input.attributes('accept')).toBe('.bin');
    expect(wrapper.get(`label[for="${input.attributes('id')}"]`).text()).toBe('Add .bin files…');
    wrapper.unmount();
  });

  it('adds dropped files with guessed offsets and removes them again', async () => {
    const { wrapper } = mountWithStores(FirmwarePanel);
    const files = [binFile('bootloader.bin', 10), binFile('partitions.bin', 10)];
    await wrapper.get('[data-test="drop-zone"]').trigger('drop', { dataTransfer: { files } });
    await flushPromises();
    const rows = wrapper.findAll('tbody tr');
    expect(rows.map((row) => row.get('input').element.value)).toEqual(['0x1000', '0x8000']);
    expect(rows[0]!.text()).toContain('10 B');
    await rows[0]!.get('button[aria-label="Remove bootloader.bin"]').trigger('click');
    expect(useFirmwareStore().entries.map((entry) => entry.name)).toEqual(['partitions.bin']);
    wrapper.unmount();
  });

  it('loads a build folder from the path field and shows Browse… only with native dialogs', async () => {
    const { wrapper, fake } = mountWithStores(FirmwarePanel);
    fake.respond('files:load-project', ({ path }) => ({ kind: 'platformio', path, name: 'blink', files: [], notes: [] }));
    expect(wrapper.findAll('button').some((button) => button.text() === 'Browse…')).toBe(false);
    await useAppStore().load();
    await flushPromises();
    expect(wrapper.findAll('button').some((button) => button.text() === 'Browse…')).toBe(true);
    await wrapper.get('#project-path').setValue('/home/me/blink/.pio/build/esp32dev');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(fake.callsTo('files:load-project')).toEqual([{ path: '/home/me/blink/.pio/build/esp32dev' }]);
    expect(wrapper.get('[data-test="project-summary"]').text()).toContain('platformio build "blink"');
    wrapper.unmount();
  });
});
