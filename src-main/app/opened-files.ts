import { isAbsolute, resolve } from 'node:path';
import type { EventPublisher } from '../../src-shared/ipc/channels';

/**
 * Firmware files the operating system asks the app to open: a .bin double-clicked (the file
 * association), dropped on the dock icon (macOS open-file), or given on the command line of
 * the first or a second instance. They are held until the window has loaded, then handed to
 * the renderer, which adds them to the flash list.
 */

/** The .bin paths among command-line arguments, made absolute against the caller's folder. */
export function firmwarePathsFromArgv(args: readonly string[], workingDirectory: string): string[] {
  return args
    .filter((arg) => !arg.startsWith('-') && /\.bin$/i.test(arg))
    .map((arg) => (isAbsolute(arg) ? arg : resolve(workingDirectory, arg)));
}

export interface OpenedFilesInbox {
  /** Paths to hand over now, or once the window is ready. */
  deliver(paths: readonly string[]): void;
  /** The window has loaded: hand over what waited, and everything from now on at once. */
  windowReady(): void;
}

export function createOpenedFilesInbox(publish: EventPublisher): OpenedFilesInbox {
  let ready = false;
  const waiting: string[] = [];
  const send = (paths: readonly string[]): void => {
    if (paths.length > 0) publish('files:open-requested', { paths: [...paths] });
  };
  return {
    deliver(paths) {
      if (ready) send(paths);
      else waiting.push(...paths);
    },
    windowReady() {
      ready = true;
      send(waiting.splice(0));
    },
  };
}
