import { shell, type BrowserWindow, type WebContents } from 'electron';
import { isOurRendererUrl, type RendererLocation } from './renderer-location';

/**
 * The window shows our page and nothing else: navigation elsewhere and new windows are refused,
 * https links open in the system browser, webviews never attach.
 */
export function openIfHttps(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:') return false;
  void shell.openExternal(parsed.href);
  return true;
}

/** For every WebContents the app ever creates: no webviews, no popups. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openIfHttps(url);
    return { action: 'deny' };
  });
}

export function hardenWindow(window: BrowserWindow, location: RendererLocation): void {
  const contents = window.webContents;
  hardenWebContents(contents);
  contents.on('will-navigate', (event, url) => {
    if (isOurRendererUrl(url, location)) return;
    event.preventDefault();
    openIfHttps(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isOurRendererUrl(url, location)) event.preventDefault();
  });
}
