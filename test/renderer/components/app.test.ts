import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import App from '../../../src-renderer/App.vue';
import { SIM_ESP32S3_PORT } from '../fixtures';
import { mountWithStores } from '../mount-view';

describe('App', () => {
  it('starts the session on mount: app info, settings and the port list', async () => {
    const { wrapper, fake } = mountWithStores(App, { selectPort: false });
    fake.respond('ports:list-ports', () => [SIM_ESP32S3_PORT]);
    await flushPromises();
    expect(fake.callsTo('app:get-info')).toHaveLength(1);
    expect(fake.callsTo('settings:get-settings')).toHaveLength(1);
    expect(wrapper.text()).toContain('v0.1.0');
    expect(wrapper.find('h1').text()).toBe('ESP Companion');
    wrapper.unmount();
  });
});
