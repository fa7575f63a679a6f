import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './preload-api';

/** The page's only window onto the app: window.espCompanion, a namespaced API; never ipcRenderer. */
contextBridge.exposeInMainWorld('espCompanion', createPreloadApi(ipcRenderer));
