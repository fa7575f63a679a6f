import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createShellServices } from '../host/default-shell-services';
import { startDesktopApp } from './desktop-app';

/** Electron main process entry (built to out/main/main.js). */
startDesktopApp({
  createServices: createShellServices,
  mainDir: dirname(fileURLToPath(import.meta.url)),
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
});
