import type { Session } from 'electron';
import type { RendererLocation } from './renderer-location';

/**
 * Session-wide locks: a strict Content-Security-Policy on every response (the meta tag in
 * index.html says the same for file:// loads), and every permission (camera, notifications,
 * serial, USB, HID...) refused; the app reaches devices only through the main process.
 */
export function desktopContentSecurityPolicy(location: RendererLocation): string {
  // The dev server needs its HMR WebSocket; the built app needs no network at all.
  const connect = location.kind === 'dev' ? `connect-src 'self' ${location.origin.replace(/^http/, 'ws')}` : "connect-src 'self'";
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    connect,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function secureSession(session: Session, location: RendererLocation): void {
  const policy = desktopContentSecurityPolicy(location);
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [policy] } });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
