import { describe, expect, it } from 'vitest';
import { resolveToken, webSocketUrl } from '../../../src-renderer/api/browser-endpoint';

function memoryStorage(): Storage {
  const values = new Map<string, string>();
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  } as Storage;
}

describe('browser endpoint', () => {
  it('takes the token from the query and remembers it for a reload without one', () => {
    const storage = memoryStorage();
    expect(resolveToken('?token=s3cr%2Bt', storage)).toBe('s3cr+t');
    expect(resolveToken('', storage)).toBe('s3cr+t');
    expect(resolveToken('?token=new', storage)).toBe('new');
  });

  it('has no token when neither the query nor storage has one', () => {
    expect(resolveToken('?other=1', memoryStorage())).toBeUndefined();
    expect(resolveToken('', undefined)).toBeUndefined();
  });

  it('builds ws:// or wss:// on the page host at /ws with the token encoded', () => {
    expect(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:5173', search: '' }, 'a b+c')).toBe('ws://127.0.0.1:5173/ws?token=a%20b%2Bc');
    expect(webSocketUrl({ protocol: 'https:', host: 'localhost:8443', search: '' }, 't')).toBe('wss://localhost:8443/ws?token=t');
    expect(webSocketUrl({ protocol: 'http:', host: 'localhost:1', search: '' }, undefined)).toBe('ws://localhost:1/ws');
  });
});
