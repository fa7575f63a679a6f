import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { EspError } from '../../src-shared/errors';
import type { Envelope } from '../../src-shared/ipc/api';
import { REQUEST_CHANNELS, type EventPublisher, type RequestHandlers } from '../../src-shared/ipc/channels';
import { dispatchRequest } from '../host/dispatch-request';

/**
 * Electron side of the contract: one ipcMain.handle per request channel, answering only our own
 * frame, validating every payload (dispatchRequest) and always returning an Envelope, so nothing
 * is thrown across IPC. Events go to our window only.
 */
export interface IpcOptions {
  readonly handlers: () => RequestHandlers;
  readonly isTrusted: (event: IpcMainInvokeEvent) => boolean;
}

function unknownFrame(channel: string): Envelope<never> {
  const error = new EspError('input.invalid', {
    message: 'request from an unknown frame',
    hint: 'Only the ESP Companion window may use the app; reload the window.',
    evidence: { channel },
  });
  return { ok: false, error: error.toData() };
}

/** Registers the handlers; returns a function that removes them. */
export function registerIpcHandlers(options: IpcOptions): () => void {
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) => {
      if (!options.isTrusted(event)) return unknownFrame(channel);
      return dispatchRequest(options.handlers(), channel, payload);
    });
  }
  return () => {
    for (const channel of REQUEST_CHANNELS) ipcMain.removeHandler(channel);
  };
}

/** The services' publish for the desktop app: events go to our window, if it is open. */
export function createWindowPublisher(getWindow: () => BrowserWindow | undefined): EventPublisher {
  return (channel, payload) => {
    const window = getWindow();
    if (window === undefined || window.isDestroyed() || window.webContents.isDestroyed()) return;
    window.webContents.send(channel, payload);
  };
}
