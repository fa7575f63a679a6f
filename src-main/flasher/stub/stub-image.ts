import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { EspError } from '../../../src-shared/errors';

/**
 * The flasher stub for a chip, read at run time from the esptool-js dependency
 * (lib/targets/stub_flasher/<chip>.json: esp-flasher-stub, Apache-2.0 OR MIT). Never copied
 * into this repository.
 */
export interface StubImage {
  readonly fileName: string;
  readonly text: Uint8Array;
  readonly textStart: number;
  readonly entry: number;
  readonly data: Uint8Array;
  readonly dataStart: number;
  readonly bssStart?: number;
}

interface StubJson {
  readonly entry: number;
  readonly text: string;
  readonly text_start: number;
  readonly data?: string;
  readonly data_start?: number;
  readonly bss_start?: number;
}

export function stubDirectory(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('esptool-js/package.json')), 'lib', 'targets', 'stub_flasher');
}

function isStubJson(value: unknown): value is StubJson {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.entry === 'number' && typeof record.text === 'string' && typeof record.text_start === 'number';
}

const cache = new Map<string, Promise<StubImage>>();

export function loadStubImage(fileName: string, directory: string = stubDirectory()): Promise<StubImage> {
  const key = join(directory, fileName);
  let pending = cache.get(key);
  if (!pending) {
    pending = readStub(key, fileName);
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

async function readStub(path: string, fileName: string): Promise<StubImage> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new EspError('stub.not-available', {
      evidence: { path, detail: error instanceof Error ? error.message : String(error) },
      cause: error,
    });
  }
  if (!isStubJson(parsed)) {
    throw new EspError('stub.not-available', {
      message: `The stub file ${fileName} does not have the expected fields.`,
      evidence: { path },
    });
  }
  return {
    fileName,
    text: Buffer.from(parsed.text, 'base64'),
    textStart: parsed.text_start,
    entry: parsed.entry,
    data: parsed.data ? Buffer.from(parsed.data, 'base64') : new Uint8Array(0),
    dataStart: parsed.data_start ?? 0,
    ...(parsed.bss_start === undefined ? {} : { bssStart: parsed.bss_start }),
  };
}
