import { describe, expect, it } from 'vitest';
import ConnectionStatusChip from '../../../src-renderer/components/ConnectionStatusChip.vue';
import { mountWithStores } from '../mount-view';

describe('ConnectionStatusChip', () => {
  it('says whether browser mode is connected, and that it retries when the connection is lost', async () => {
    const { wrapper, fake } = mountWithStores(ConnectionStatusChip, { shell: 'browser' });
    expect(wrapper.get('[data-test="connection-status"]').text()).toBe('Connected to ESP Companion');
    fake.connection.set('lost');
    await wrapper.vm.$nextTick();
    expect(wrapper.get('[data-test="connection-status"]').text()).toBe('Connection lost, retrying…');
    expect(wrapper.get('[data-test="connection-status"]').attributes('role')).toBe('status');
    wrapper.unmount();
  });

  it('is not shown in the desktop app', () => {
    const { wrapper } = mountWithStores(ConnectionStatusChip, { shell: 'electron' });
    expect(wrapper.find('[data-test="connection-status"]').exists()).toBe(false);
    wrapper.unmount();
  });
});
