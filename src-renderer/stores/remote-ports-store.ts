import { defineStore } from 'pinia';
import { computed } from 'vue';
import { buildRemotePortUrl, MAX_REMOTE_PORTS, type RemotePortInput } from '../format/remote-port';
import { useAppStore } from './app-store';
import { usePortsStore } from './ports-store';

/**
 * Network ports the user added by hand, remembered in settings (remotePorts). They are never
 * enumerated, so the port list shows them from here; the engine opens them by their URL.
 */
export const useRemotePortsStore = defineStore('remote-ports', () => {
  const app = useAppStore();
  const ports = usePortsStore();
  const urls = computed<readonly string[]>(() => app.settings.remotePorts ?? []);

  /** Adds (and selects) a port; returns why not when the input is not a usable URL. */
  function add(input: RemotePortInput): string | undefined {
    const check = buildRemotePortUrl(input);
    if (!check.ok) return check.reason;
    if (!urls.value.includes(check.url)) {
      if (urls.value.length >= MAX_REMOTE_PORTS) return `At most ${MAX_REMOTE_PORTS} network ports; remove one first.`;
      app.remember({ remotePorts: [...urls.value, check.url] });
    }
    ports.select(check.url);
    return undefined;
  }

  function remove(url: string): void {
    app.remember({ remotePorts: urls.value.filter((entry) => entry !== url) });
    if (ports.selectedPath === url) ports.select(undefined);
  }

  return { urls, add, remove };
});
