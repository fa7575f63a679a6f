import { contextBridge } from 'electron';

/** The renderer's only window onto the app: a namespaced API, never ipcRenderer itself. */
contextBridge.exposeInMainWorld('espCompanion', { version: '0.1.0' });
