import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ProjectLayout } from '../../../src-shared/ipc/files';

/**
 * Watches one project: the folders holding its flash files, the project folder and the folder
 * the user picked. Folders are watched rather than files because editors and builds replace
 * files (write a new one, rename it over the old), which ends a watch on the old file. Bursts of
 * events are debounced; then the project is loaded again and reported when a flash file's size
 * or modification time (or the file list) changed. A reload that fails (a build half done)
 * keeps the previous layout and waits for the next change. After each reload the watched
 * folders are brought up to date, so a build folder that was deleted and recreated is watched
 * again.
 */
export const DEFAULT_WATCH_DEBOUNCE_MS = 500;

export interface ProjectWatchOptions {
  /** What the user asked to watch (folder, flasher_args.json or .bin). */
  readonly path: string;
  readonly initial: ProjectLayout;
  readonly load: (path: string) => Promise<ProjectLayout>;
  readonly onChange: (layout: ProjectLayout) => void;
  readonly debounceMs?: number;
}

/** What decides "changed": every flash file's offset, path, size and modification time. */
export function layoutSignature(layout: ProjectLayout): string {
  return layout.files.map((file) => `${file.offset}|${file.path}|${file.sizeBytes}|${file.modifiedAtMs}`).join('\n');
}

/**
 * The picked folder, the project folder and its parent (to see a deleted build folder return),
 * and each file's folder. A picked file (flasher_args.json, a merged .bin) is covered by the
 * project folder, which is the folder holding it.
 */
function foldersOf(path: string, layout: ProjectLayout): Set<string> {
  const pickedFile = dirname(path) === layout.path;
  const parent = layout.path === path ? [] : [dirname(layout.path)];
  return new Set([...(pickedFile ? [] : [path]), layout.path, ...parent, ...layout.files.map((file) => dirname(file.path))]);
}

async function folderInode(folder: string): Promise<number | undefined> {
  try {
    const info = await stat(folder);
    return info.isDirectory() ? info.ino : undefined;
  } catch {
    return undefined;
  }
}

interface WatchedFolder {
  readonly watcher: FSWatcher;
  readonly inode: number;
}

export class ProjectWatch {
  private readonly watched = new Map<string, WatchedFolder>();
  private layout: ProjectLayout;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private reloading = false;
  private again = false;
  private stopped = false;

  /** Resolves once the folders are watched. A change made before that is caught by one check right after. */
  readonly ready: Promise<void>;

  constructor(private readonly options: ProjectWatchOptions) {
    this.layout = options.initial;
    this.ready = this.syncWatchers().then(() => this.schedule());
  }

  get current(): ProjectLayout {
    return this.layout;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    for (const { watcher } of this.watched.values()) watcher.close();
    this.watched.clear();
  }

  private get debounceMs(): number {
    return this.options.debounceMs ?? DEFAULT_WATCH_DEBOUNCE_MS;
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reload(), this.debounceMs);
  }

  private async reload(): Promise<void> {
    this.timer = undefined;
    if (this.reloading) {
      this.again = true;
      return;
    }
    this.reloading = true;
    try {
      const next = await this.options.load(this.options.path);
      if (this.stopped) return;
      const changed = layoutSignature(next) !== layoutSignature(this.layout);
      this.layout = next;
      if (changed) this.options.onChange(next);
    } catch {
      // Half-built project: keep the last good layout; the build's next write triggers a reload.
    } finally {
      if (!this.stopped) await this.syncWatchers();
      this.reloading = false;
      if (this.again) {
        this.again = false;
        this.schedule();
      }
    }
  }

  private unwatch(folder: string): void {
    this.watched.get(folder)?.watcher.close();
    this.watched.delete(folder);
  }

  /**
   * Watches every wanted folder that exists, re-watching folders that were replaced (new inode).
   * While a wanted folder is missing, reloads every few seconds until it is back.
   */
  private async syncWatchers(): Promise<void> {
    const wanted = foldersOf(this.options.path, this.layout);
    for (const folder of this.watched.keys()) if (!wanted.has(folder)) this.unwatch(folder);
    let missing = 0;
    for (const folder of wanted) {
      const inode = await folderInode(folder);
      if (this.stopped) return;
      if (this.watched.get(folder)?.inode === inode && inode !== undefined) continue;
      this.unwatch(folder);
      if (inode === undefined) {
        missing += 1;
        continue;
      }
      try {
        const watcher = watch(folder, { persistent: false }, () => this.schedule());
        watcher.on('error', () => {
          this.unwatch(folder);
          this.schedule();
        });
        this.watched.set(folder, { watcher, inode });
      } catch {
        missing += 1;
      }
    }
    if (missing > 0 && this.retryTimer === undefined && !this.stopped) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        void this.reload();
      }, Math.max(2000, this.debounceMs * 4));
    }
  }
}
