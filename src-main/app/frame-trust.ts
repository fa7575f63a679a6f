import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { isOurRendererUrl, type RendererLocation } from './renderer-location';

/**
 * IPC is answered only for the main frame of our window showing our page: not for iframes,
 * other windows, or our window after it was navigated somewhere else.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | undefined, location: RendererLocation): boolean {
  if (window === undefined || window.isDestroyed()) return false;
  const contents = window.webContents;
  if (event.sender !== contents) return false;
  const frame = event.senderFrame;
  const mainFrame = contents.mainFrame;
  if (frame === null || frame.processId !== mainFrame.processId || frame.routingId !== mainFrame.routingId) return false;
  return isOurRendererUrl(frame.url, location);
}
