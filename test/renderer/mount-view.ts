import { mount, type VueWrapper } from '@vue/test-utils';
import type { Component } from 'vue';
import { usePortsStore } from '../../src-renderer/stores/ports-store';
import type { FakeApi } from './fake-api';
import { CP210X_PORT, SIM_ESP32S3_PORT } from './fixtures';
import { freshStores } from './store-setup';

/** Mounts a component over a fresh fake api, with a real port selected unless told otherwise. */
export function mountWithStores(component: Component, options: { shell?: 'electron' | 'browser'; selectPort?: boolean } = {}): { wrapper: VueWrapper; fake: FakeApi } {
  const { fake, pinia } = freshStores(options.shell);
  const ports = usePortsStore();
  ports.update([CP210X_PORT, SIM_ESP32S3_PORT]);
  if (options.selectPort !== false) ports.select(CP210X_PORT.path);
  const wrapper = mount(component, { global: { plugins: [pinia] }, attachTo: document.body });
  return { wrapper, fake };
}

/** Puts files into the real <input type=file> and fires change, as a user picking them would. */
export async function pickFiles(wrapper: VueWrapper, files: File[]): Promise<void> {
  const input = wrapper.get('[data-test="file-input"]');
  Object.defineProperty(input.element, 'files', { value: files, configurable: true });
  await input.trigger('change');
}
