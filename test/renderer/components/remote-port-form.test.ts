import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import PortList from '../../../src-renderer/components/PortList.vue';
import { usePortsStore } from '../../../src-renderer/stores/ports-store';
import { useRemotePortsStore } from '../../../src-renderer/stores/remote-ports-store';
import { mountWithStores } from '../mount-view';

describe('Add network port', () => {
  let wrapper: VueWrapper;
  afterEach(() => wrapper.unmount());

  it('validates, adds an rfc2217 port with ign_set_control, lists it with a network badge, and removes it', async () => {
    ({ wrapper } = mountWithStores(PortList));
    await wrapper.get('[data-test="add-network-port"]').trigger('click');
    const form = wrapper.get('[data-test="remote-port-form"]');
    await form.get('#remote-host').setValue('lab-pi');
    await form.get('#remote-port').setValue('99999');
    await form.trigger('submit');
    expect(wrapper.get('[data-test="remote-port-problem"]').text()).toBe('Port 99999 is outside 1-65535.');
    expect(useRemotePortsStore().urls).toEqual([]);

    await form.get('#remote-port').setValue('4000');
    await form.get('input[type="checkbox"]').setValue(true);
    await form.trigger('submit');
    expect(wrapper.find('[data-test="remote-port-form"]').exists()).toBe(false);
    const url = 'rfc2217://lab-pi:4000?ign_set_control';
    const item = wrapper.get(`[data-test="port-${url}"]`);
    expect(item.get('.badge').text()).toBe('network');
    expect(item.get<HTMLInputElement>('input[type="radio"]').element.checked).toBe(true);
    expect(usePortsStore().selectedPath).toBe(url);

    await item.get(`button[aria-label="Remove network port ${url}"]`).trigger('click');
    expect(wrapper.find(`[data-test="port-${url}"]`).exists()).toBe(false);
  });

  it('offers the SET-CONTROL checkbox for RFC 2217 only, and Escape closes the form', async () => {
    ({ wrapper } = mountWithStores(PortList));
    await wrapper.get('[data-test="add-network-port"]').trigger('click');
    const form = wrapper.get('[data-test="remote-port-form"]');
    expect(form.find('input[type="checkbox"]').exists()).toBe(true);
    await form.get('#remote-scheme').setValue('socket');
    expect(form.find('input[type="checkbox"]').exists()).toBe(false);
    await form.trigger('keydown', { key: 'Escape' });
    expect(wrapper.find('[data-test="remote-port-form"]').exists()).toBe(false);
  });
});
