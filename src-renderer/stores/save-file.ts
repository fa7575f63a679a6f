import type { EspCompanionApi } from '../api';
import { downloadBytes } from './download-file';
import { errorData } from './error-data';

/** Where a file the user asked to keep ended up. */
export type SaveOutcome =
  | { readonly state: 'saved'; readonly path?: string }
  | { readonly state: 'downloaded'; readonly fileName: string }
  | { readonly state: 'not-saved'; readonly reason?: string };

/**
 * Desktop: the native save dialog (api.files.save); browser mode: a download, since the
 * browser host has no dialogs and no path comes back.
 */
export async function saveOrDownload(api: EspCompanionApi, electron: boolean, fileName: string, data: Uint8Array): Promise<SaveOutcome> {
  if (!electron) {
    downloadBytes(fileName, data);
    return { state: 'downloaded', fileName };
  }
  try {
    const saved = await api.files.save({ suggestedName: fileName, data });
    if (!saved.saved) return { state: 'not-saved' };
    return { state: 'saved', ...(saved.path === undefined ? {} : { path: saved.path }) };
  } catch (error) {
    return { state: 'not-saved', reason: errorData(error).message };
  }
}

/** "data:image/png;base64,…" as bytes (the chart's PNG export). */
export function dataUrlBytes(dataUrl: string): Uint8Array {
  const comma = dataUrl.indexOf(',');
  const binary = atob(comma < 0 ? dataUrl : dataUrl.slice(comma + 1));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
