import { describe, expect, it } from 'vitest';
import { SETTINGS_SAVE_DELAY_MS, useAppStore } from '../../../src-renderer/stores/app-store';
import { usePortsStore } from '../../../src-renderer/stores/ports-store';
import { useRemotePortsStore } from '../../../src-renderer/stores/remote-ports-store';
import { validateRequest } from '../../../src-shared/ipc/validate';
import { CP210X_PORT } from '../fixtures';
import { freshStores, settle } from '../store-setup';

describe('useRemotePortsStore', () => {
  it('remembers a valid port in settings, selects it, and the selection is not "missing"', async () => {
    const { fake } = freshStores();
    const app = useAppStore();
    await app.load();
    const ports = usePortsStore();
    ports.update([CP210X_PORT]);
    const remote = useRemotePortsStore();
    expect(remote.add({ scheme: 'rfc2217', host: 'lab-pi.local', port: '4000', ignoreSetControl: true })).toBeUndefined();
    expect(remote.urls).toEqual(['rfc2217://lab-pi.local:4000?ign_set_control']);
    expect(ports.selectedPath).toBe('rfc2217://lab-pi.local:4000?ign_set_control');
    expect(ports.selectedMissing).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, SETTINGS_SAVE_DELAY_MS + 50));
    await app.flushSettings();
    await settle();
    const patches = fake.callsTo('settings:update-settings');
    expect(patches.at(-1)).toEqual({ remotePorts: ['rfc2217://lab-pi.local:4000?ign_set_control'] });
    // What the renderer sends passes the boundary check.
    expect(validateRequest('settings:update-settings', patches.at(-1))).toEqual(patches.at(-1));
  });

  it('refuses an invalid address in words and remembers nothing', () => {
    freshStores();
    const remote = useRemotePortsStore();
    expect(remote.add({ scheme: 'socket', host: 'bad host', port: '4000', ignoreSetControl: false })).toMatch(/not a host name/);
    expect(remote.add({ scheme: 'socket', host: '10.0.0.2', port: '70000', ignoreSetControl: false })).toMatch(/outside 1-65535/);
    expect(remote.urls).toEqual([]);
  });

  it('adds the same port once, and removes it (clearing the selection)', () => {
    freshStores();
    const remote = useRemotePortsStore();
    remote.add({ scheme: 'socket', host: '10.0.0.2', port: '3333', ignoreSetControl: true });
    remote.add({ scheme: 'socket', host: '10.0.0.2', port: '3333', ignoreSetControl: false });
    // ign_set_control means nothing for raw TCP, so it is not added there.
    expect(remote.urls).toEqual(['socket://10.0.0.2:3333']);
    remote.remove('socket://10.0.0.2:3333');
    expect(remote.urls).toEqual([]);
    expect(usePortsStore().selectedPath).toBeUndefined();
  });

  it('the settings check refuses other schemes and too many ports', () => {
    expect(() => validateRequest('settings:update-settings', { remotePorts: ['http://x:80'] })).toThrow(/remotePorts\[0\]/);
    expect(() => validateRequest('settings:update-settings', { remotePorts: ['rfc2217://x'] })).toThrow(/remotePorts\[0\]/);
    expect(() => validateRequest('settings:update-settings', { remotePorts: Array.from({ length: 33 }, (_, index) => `socket://h:${index + 1}`) })).toThrow(/at most 32/);
  });
});
