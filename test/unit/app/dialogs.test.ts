import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock, FakeBrowserWindow, resetElectronMock } from '../../helpers/electron-mock';
import { createNativeDialogs } from '../../../src-main/app/dialogs';

vi.mock('electron', async () => (await import('../../helpers/electron-mock')).electronMock);

let folder: string;
let window: FakeBrowserWindow;

beforeEach(async () => {
  resetElectronMock();
  folder = await mkdtemp(join(tmpdir(), 'esp-dialogs-'));
  window = new FakeBrowserWindow({});
});

afterEach(() => rm(folder, { recursive: true, force: true }));

describe('native dialogs', () => {
  it('picks firmware files with a *.bin filter, attached to our window', async () => {
    electronMock.dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/fw/app.bin', '/fw/boot.bin'] });
    const dialogs = createNativeDialogs(() => window as never);
    expect(await dialogs.pickPaths('firmware')).toEqual(['/fw/app.bin', '/fw/boot.bin']);
    const [parent, options] = electronMock.dialog.showOpenDialog.mock.calls[0] as [unknown, { properties: string[]; filters: { extensions: string[] }[] }];
    expect(parent).toBe(window);
    expect(options.properties).toEqual(['openFile', 'multiSelections']);
    expect(options.filters[0]!.extensions).toEqual(['bin']);
  });

  it('picks a folder, and returns nothing when cancelled', async () => {
    electronMock.dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    const dialogs = createNativeDialogs(() => undefined);
    expect(await dialogs.pickPaths('folder')).toEqual([]);
    const [options] = electronMock.dialog.showOpenDialog.mock.calls[0] as [{ properties: string[] }];
    expect(options.properties).toEqual(['openDirectory']);
  });

  it('saves the bytes where the user chose', async () => {
    const target = join(folder, 'backup.bin');
    electronMock.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
    const dialogs = createNativeDialogs(() => window as never);
    expect(await dialogs.saveFile('flash-backup.bin', new Uint8Array([1, 2, 3, 0xff]))).toBe(target);
    expect([...(await readFile(target))]).toEqual([1, 2, 3, 0xff]);
    expect((electronMock.dialog.showSaveDialog.mock.calls[0]![1] as { defaultPath: string }).defaultPath).toBe('flash-backup.bin');
  });

  it('returns undefined when the save is cancelled', async () => {
    electronMock.dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    expect(await createNativeDialogs(() => window as never).saveFile('x.bin', new Uint8Array(1))).toBeUndefined();
  });

  it('says so in words when the file cannot be written', async () => {
    electronMock.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: join(folder, 'missing-dir', 'x.bin') });
    await expect(createNativeDialogs(() => window as never).saveFile('x.bin', new Uint8Array(1))).rejects.toMatchObject({ code: 'input.invalid', message: expect.stringContaining('Could not save') });
  });
});
