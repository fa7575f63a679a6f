import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Virtual boards' flash on disk, one file per board (<dir>/<board>.bin), so separate CLI
 * processes see the same flash. Trailing erased bytes (0xFF) are not stored.
 */
export interface FlashStore {
  readonly directory: string;
  /** The stored image (shorter than the flash when its tail is erased), or undefined. */
  load(boardName: string): Uint8Array | undefined;
  save(boardName: string, contents: Uint8Array): void;
}

export const SIM_DIR_ENV = 'ESP_COMPANION_SIM_DIR';

/**
 * Where boards persist: $ESP_COMPANION_SIM_DIR, else ~/.config/esp-companion/virtual-boards.
 * "off" or "none" keeps flash in memory only.
 */
export function defaultSimDirectory(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  const value = env[SIM_DIR_ENV]?.trim();
  if (value !== undefined && value !== '') return ['off', 'none'].includes(value.toLowerCase()) ? undefined : value;
  return join(homedir(), '.config', 'esp-companion', 'virtual-boards');
}

function imagePath(directory: string, boardName: string): string {
  return join(directory, `${boardName}.bin`);
}

function withoutErasedTail(contents: Uint8Array): Uint8Array {
  let end = contents.length;
  while (end > 0 && contents[end - 1] === 0xff) end -= 1;
  return contents.subarray(0, end);
}

export function createFileFlashStore(directory: string): FlashStore {
  return {
    directory,
    load(boardName) {
      try {
        return new Uint8Array(readFileSync(imagePath(directory, boardName)));
      } catch {
        // No file yet (or unreadable): the board starts with erased flash.
        return undefined;
      }
    },
    save(boardName, contents) {
      mkdirSync(directory, { recursive: true });
      const target = imagePath(directory, boardName);
      const temporary = `${target}.${process.pid}.tmp`;
      writeFileSync(temporary, withoutErasedTail(contents));
      renameSync(temporary, target);
    },
  };
}
