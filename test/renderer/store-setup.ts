import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { installApi } from '../../src-renderer/api';
import { createFakeApi, type FakeApi } from './fake-api';

/** A fresh fake api and Pinia for one test; stores created afterwards talk to the fake. */
export function freshStores(shell: 'electron' | 'browser' = 'electron'): { fake: FakeApi; pinia: Pinia } {
  const fake = createFakeApi(shell);
  installApi(fake.api, fake.connection);
  const pinia = createPinia();
  setActivePinia(pinia);
  return { fake, pinia };
}

/** Lets pending promise callbacks run (fake api answers are async). */
export async function settle(rounds = 5): Promise<void> {
  for (let round = 0; round < rounds; round++) await Promise.resolve();
}
