import { pathToFileURL } from 'node:url';

/**
 * Where the window's page comes from: the built index.html (file://) or, in `npm run dev`, the
 * electron-vite dev server. Navigation and IPC are trusted only for this one place.
 */
export type RendererLocation =
  | { readonly kind: 'file'; readonly indexPath: string; readonly indexUrl: string }
  | { readonly kind: 'dev'; readonly url: string; readonly origin: string };

export function fileRendererLocation(indexPath: string): RendererLocation {
  return { kind: 'file', indexPath, indexUrl: pathToFileURL(indexPath).href };
}

export function devRendererLocation(url: string): RendererLocation {
  return { kind: 'dev', url, origin: new URL(url).origin };
}

/** True for our index.html (any #route or ?query) or, in dev, any page of the dev server. */
export function isOurRendererUrl(url: string, location: RendererLocation): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (location.kind === 'dev') return parsed.origin === location.origin;
  if (parsed.protocol !== 'file:') return false;
  parsed.hash = '';
  parsed.search = '';
  return parsed.href === location.indexUrl;
}
