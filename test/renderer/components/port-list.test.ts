import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import PortList from '../../../src-renderer/components/PortList.vue';
import { useBoardStore } from '../../../src-renderer/stores/board-store';
import { usePortsStore } from '../../../src-renderer/stores/ports-store';
import { CP210X_PORT, SIM_ESP32S3_PORT } from '../fixtures';
import { mountWithStores } from '../mount-view';

describe('PortList', () => {
  let wrapper: VueWrapper;
  afterEach(() => wrapper.unmount());

  it('shows path, bridge name with VID:PID, and a virtual badge only for virtual boards', () => {
    ({ wrapper } = mountWithStores(PortList));
    const real = wrapper.get('[data-test="port-/dev/ttyUSB0"]');
    expect(real.text()).toContain('/dev/ttyUSB0');
    expect(real.text()).toContain('Silicon Labs CP210x (10C4:EA60)');
    expect(real.text()).not.toContain('virtual');
    const virtual = wrapper.get('[data-test="port-sim:esp32s3"]');
    expect(virtual.get('.badge').text()).toBe('virtual');
    expect(virtual.text()).toContain('Espressif USB-Serial/JTAG (303A:1001)');
  });

  it('suggests a board and uses it (and the port) in one click', async () => {
    ({ wrapper } = mountWithStores(PortList));
    const virtual = wrapper.get('[data-test="port-sim:esp32s3"]');
    expect(virtual.text()).toContain('Suggested board: ESP32-S3 DevKitC (USB port)');
    await virtual.get('button').trigger('click');
    expect(useBoardStore().boardId).toBe('esp32-s3-devkitc-usb');
    expect(usePortsStore().selectedPath).toBe('sim:esp32s3');
    // Already in use: no button any more.
    expect(wrapper.get('[data-test="port-sim:esp32s3"]').find('button').exists()).toBe(false);
  });

  it('selects a port with its radio button, each with a label', async () => {
    ({ wrapper } = mountWithStores(PortList, { selectPort: false }));
    const radio = wrapper.get<HTMLInputElement>('[data-test="port-sim:esp32s3"] input[type="radio"]');
    expect(wrapper.find(`label[for="${radio.attributes('id')}"]`).exists()).toBe(true);
    await radio.setValue(true);
    expect(usePortsStore().selectedPath).toBe('sim:esp32s3');
  });

  it('refreshes live and keeps a vanished selected port, marked not connected', async () => {
    ({ wrapper } = mountWithStores(PortList));
    usePortsStore().update([SIM_ESP32S3_PORT]);
    await wrapper.vm.$nextTick();
    expect(wrapper.find('[data-test="port-/dev/ttyUSB0"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="port-missing"]').text()).toContain('/dev/ttyUSB0');
    expect(wrapper.get('[data-test="port-missing"]').text()).toContain('Not connected');
    usePortsStore().update([CP210X_PORT, SIM_ESP32S3_PORT]);
    await wrapper.vm.$nextTick();
    expect(wrapper.find('[data-test="port-missing"]').exists()).toBe(false);
  });
});
