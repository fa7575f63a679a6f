/**
 * Where the browser-mode WebSocket lives: the page's own host at /ws, with the per-launch token
 * from the URL (?token=...). The token is kept in sessionStorage so a reload without the query
 * string still connects.
 */
const TOKEN_KEY = 'espCompanion.token';

export interface LocationLike {
  readonly protocol: string;
  readonly host: string;
  readonly search: string;
}

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function resolveToken(search: string, storage: StorageLike | undefined): string | undefined {
  const fromQuery = new URLSearchParams(search).get('token');
  if (fromQuery !== null && fromQuery !== '') {
    try {
      storage?.setItem(TOKEN_KEY, fromQuery);
    } catch {
      // Storage can be disabled; the token in the URL still works for this page.
    }
    return fromQuery;
  }
  try {
    return storage?.getItem(TOKEN_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function webSocketUrl(location: LocationLike, token: string | undefined): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
  return `${scheme}://${location.host}/ws${query}`;
}
