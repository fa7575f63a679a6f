import { writeFile } from 'node:fs/promises';
import { dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { EspError } from '../../src-shared/errors';
import type { NativeDialogs } from '../services/service-types';

/** Native open/save dialogs for the services (files:pick-paths, files:save-file). */
const FIRMWARE_FILTERS = [
  { name: 'Firmware images', extensions: ['bin'] },
  { name: 'ESP-IDF flasher_args.json', extensions: ['json'] },
  { name: 'All files', extensions: ['*'] },
];

function openOptions(purpose: 'firmware' | 'folder'): OpenDialogOptions {
  if (purpose === 'folder') return { title: 'Choose a build folder', properties: ['openDirectory'] };
  return { title: 'Choose firmware files', properties: ['openFile', 'multiSelections'], filters: FIRMWARE_FILTERS };
}

export function createNativeDialogs(getWindow: () => BrowserWindow | undefined): NativeDialogs {
  const parent = (): BrowserWindow | undefined => {
    const window = getWindow();
    return window !== undefined && !window.isDestroyed() ? window : undefined;
  };
  return {
    async pickPaths(purpose) {
      const options = openOptions(purpose);
      const window = parent();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
    async saveFile(suggestedName, data) {
      const options: SaveDialogOptions = { title: 'Save', defaultPath: suggestedName, filters: [FIRMWARE_FILTERS[0]!, FIRMWARE_FILTERS[2]!] };
      const window = parent();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return undefined;
      try {
        await writeFile(result.filePath, data);
      } catch (error) {
        throw new EspError('input.invalid', {
          message: `Could not save ${result.filePath}.`,
          hint: 'Pick a folder you can write to, and check there is free space.',
          evidence: { path: result.filePath, detail: error instanceof Error ? error.message : String(error) },
          cause: error,
        });
      }
      return result.filePath;
    },
  };
}
