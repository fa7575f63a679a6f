import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { EspError, toEspError, type EspErrorData } from '../../src-shared/errors';
import { createNamespacedApi, unwrapEnvelope, type EspCompanionApi, type Envelope, type Invoke, type Subscribe } from '../../src-shared/ipc/api';
import { EVENT_CHANNELS, REQUEST_CHANNELS } from '../../src-shared/ipc/channels';

/**
 * The API the preload exposes as window.espCompanion, built over ipcRenderer without exposing it.
 *
 * Failures reject with a plain object carrying the EspError's fields (name "EspError", code,
 * message, hint, evidence), not with the EspError itself: contextBridge copies an Error as a new
 * Error holding only its message, so code, hint and evidence would be lost on the way to the page.
 * A plain object crosses intact; the renderer turns it back into an EspError with fromErrorData.
 */
export type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

export interface BridgeError extends EspErrorData {
  readonly name: 'EspError';
  toString(): string;
}

export function toBridgeError(error: unknown): BridgeError {
  const data = toEspError(error).toData();
  return { name: 'EspError', ...data, toString: () => data.message };
}

function unknownChannel(channel: string): EspError {
  return new EspError('input.invalid', { message: `Unknown channel "${channel.slice(0, 80)}".`, evidence: { channel: channel.slice(0, 80) } });
}

/** invoke and subscribe over ipcRenderer, limited to the contract's channels. */
export function createIpcPrimitives(ipc: IpcRendererLike): { readonly invoke: Invoke; readonly subscribe: Subscribe } {
  const invoke: Invoke = (channel, request) => {
    if (!REQUEST_CHANNELS.includes(channel)) return Promise.reject(toBridgeError(unknownChannel(channel)));
    return ipc.invoke(channel, request).then(
      (envelope: Envelope<never>) => {
        try {
          return unwrapEnvelope(envelope);
        } catch (error) {
          throw toBridgeError(error);
        }
      },
      (error: unknown) => {
        throw toBridgeError(error);
      },
    );
  };
  const subscribe: Subscribe = (channel, listener) => {
    if (!EVENT_CHANNELS.includes(channel)) throw toBridgeError(unknownChannel(channel));
    const wrapper = (_event: IpcRendererEvent, payload: unknown): void => listener(payload as Parameters<typeof listener>[0]);
    ipc.on(channel, wrapper);
    return () => {
      ipc.removeListener(channel, wrapper);
    };
  };
  return { invoke, subscribe };
}

export function createPreloadApi(ipc: IpcRendererLike): EspCompanionApi {
  const { invoke, subscribe } = createIpcPrimitives(ipc);
  return createNamespacedApi(invoke, subscribe);
}
