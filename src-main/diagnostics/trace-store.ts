import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordedTrace, TraceSummary } from '../../src-shared/ipc/traces';
import { traceFromJson, traceToJson } from '../../src-shared/reset/trace-json';

/**
 * The last traces, newest kept. With a folder, each trace is one JSON file (the export format),
 * written after the session ends and read back at start; the oldest files are deleted as new
 * ones come. Without a folder the traces live in memory only. A file that cannot be read or
 * parsed is skipped: one bad file must not hide the others.
 */
export interface TraceStoreOptions {
  readonly traceDir?: string;
  /** How many traces are kept (default 30). */
  readonly limit?: number;
  /** Told about files that could not be written, read or deleted (default: ignored). */
  readonly onStorageError?: (error: unknown) => void;
}

export const DEFAULT_TRACE_LIMIT = 30;

const FILE_PREFIX = 'trace-';
const FILE_SUFFIX = '.json';

interface Entry {
  readonly trace: RecordedTrace;
  fileName?: string;
}

export class TraceStore {
  /** Resolves once the traces already in the folder are loaded. */
  readonly ready: Promise<void>;
  private entries: Entry[] = [];
  private pending: Promise<void> = Promise.resolve();
  private sequence = 0;
  private readonly limit: number;

  constructor(private readonly options: TraceStoreOptions = {}) {
    this.limit = Math.max(1, options.limit ?? DEFAULT_TRACE_LIMIT);
    this.ready = this.load();
  }

  /** Summaries, newest first. */
  list(): TraceSummary[] {
    return this.entries.map((entry) => entry.trace.summary).reverse();
  }

  get(traceId: string): RecordedTrace | undefined {
    return this.entries.find((entry) => entry.trace.summary.traceId === traceId)?.trace;
  }

  /** Keeps a trace as the newest; saves it and drops the oldest beyond the limit. */
  add(trace: RecordedTrace): void {
    const entry: Entry = { trace };
    this.entries.push(entry);
    const dir = this.options.traceDir;
    if (dir !== undefined) {
      const fileName = this.nextFileName(trace.summary.traceId);
      // Waits for loading, so a file written now is never mistaken for an old one.
      this.enqueue(async () => {
        await mkdir(dir, { recursive: true });
        const temporary = join(dir, `${fileName}.tmp`);
        await writeFile(temporary, traceToJson(trace), 'utf8');
        await rename(temporary, join(dir, fileName));
        entry.fileName = fileName;
        // Trimmed before the write finished: the file is already surplus.
        if (!this.entries.includes(entry)) await this.deleteFile(fileName);
      });
    }
    this.trim();
  }

  /** Waits for every pending write and delete. */
  async flush(): Promise<void> {
    await this.ready;
    await this.pending;
  }

  private async load(): Promise<void> {
    const dir = this.options.traceDir;
    if (dir === undefined) return;
    let names: string[];
    try {
      names = (await readdir(dir)).filter((name) => name.startsWith(FILE_PREFIX) && name.endsWith(FILE_SUFFIX)).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.options.onStorageError?.(error);
      return;
    }
    const loaded: Entry[] = [];
    for (const fileName of names) {
      try {
        loaded.push({ trace: traceFromJson(await readFile(join(dir, fileName), 'utf8')), fileName });
      } catch (error) {
        this.options.onStorageError?.(error);
      }
    }
    // Files sort by save time; traces recorded while loading are newer than any of them.
    const known = new Set(this.entries.map((entry) => entry.trace.summary.traceId));
    this.entries = [...loaded.filter((entry) => !known.has(entry.trace.summary.traceId)), ...this.entries];
    this.trim();
  }

  private trim(): void {
    while (this.entries.length > this.limit) {
      const oldest = this.entries.shift()!;
      const fileName = oldest.fileName;
      if (fileName !== undefined) this.enqueue(() => this.deleteFile(fileName));
    }
  }

  private async deleteFile(fileName: string): Promise<void> {
    const dir = this.options.traceDir;
    if (dir === undefined) return;
    try {
      await unlink(join(dir, fileName));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  /** One storage operation at a time, in order, after loading; failures are reported, not thrown. */
  private enqueue(operation: () => Promise<void>): void {
    this.pending = this.pending
      .then(() => this.ready)
      .then(operation)
      .catch((error: unknown) => this.options.onStorageError?.(error));
  }

  /** Sortable by save time: milliseconds since 1970, then a counter for the same millisecond. */
  private nextFileName(traceId: string): string {
    const savedAtMs = Date.now().toString().padStart(15, '0');
    const sequence = (this.sequence++ % 10_000).toString().padStart(4, '0');
    return `${FILE_PREFIX}${savedAtMs}-${sequence}-${traceId.replace(/[^A-Za-z0-9-]/g, '')}${FILE_SUFFIX}`;
  }
}
