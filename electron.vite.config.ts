import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';

// Builds the Electron main process, the preload script and the renderer into out/.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      lib: { entry: resolve(__dirname, 'src-main/app/main.ts') },
      rollupOptions: { external: ['serialport', '@serialport/bindings-cpp', 'esptool-js'] },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed window can only run a CommonJS preload.
      lib: { entry: resolve(__dirname, 'src-main/app/preload.ts'), formats: ['cjs'] },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    // Relative asset URLs: the same build is loaded from file:// (desktop) and over HTTP (browser mode).
    base: './',
    plugins: [vue()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
    },
  },
});
