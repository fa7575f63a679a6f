import { isChipId, type ChipId } from '../chips';
import { EspError } from '../errors';

/** Small checks for request payloads; each throws input.invalid naming the field. */

export function invalid(field: string, expected: string, value: unknown): EspError {
  const shown = typeof value === 'string' ? `"${value.slice(0, 80)}"` : typeof value;
  return new EspError('input.invalid', {
    message: `${field} is not valid: expected ${expected}, got ${shown}.`,
    evidence: { field, expected },
  });
}

export type Fields = Readonly<Record<string, unknown>>;

export const MIN_BAUD_RATE = 300;
export const MAX_BAUD_RATE = 5_000_000;

/** Drops undefined fields, so optional properties stay absent (exactOptionalPropertyTypes). */
export function compact<T extends Fields>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

export function empty(value: unknown, field: string): Record<string, never> {
  onlyKeys(record(value, field), field, []);
  return {};
}

export function record(value: unknown, field: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array) {
    throw invalid(field, 'an object', value);
  }
  return value as Fields;
}

/** Refuses keys the contract does not know, so typos and injected fields fail loudly. */
export function onlyKeys(value: Fields, field: string, allowed: readonly string[]): void {
  const extra = Object.keys(value).find((key) => !allowed.includes(key));
  if (extra !== undefined) throw invalid(`${field}.${extra}`, `one of the fields ${allowed.join(', ')}`, extra);
}

export function text(value: unknown, field: string, maxLength: number): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
    throw invalid(field, `text of 1 to ${maxLength} characters`, value);
  }
  return value;
}

export function optionalText(value: unknown, field: string, maxLength: number): string | undefined {
  return value === undefined ? undefined : text(value, field, maxLength);
}

export function integer(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(field, `a whole number from ${min} to ${max}`, value);
  }
  return value;
}

export function optionalInteger(value: unknown, field: string, min: number, max: number): number | undefined {
  return value === undefined ? undefined : integer(value, field, min, max);
}

export function flag(value: unknown, field: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw invalid(field, 'true or false', value);
  return value;
}

export function choice<T extends string>(value: unknown, field: string, choices: readonly T[]): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw invalid(field, `one of ${choices.join(', ')}`, value);
  }
  return value as T;
}

export function optionalChoice<T extends string>(value: unknown, field: string, choices: readonly T[]): T | undefined {
  return value === undefined ? undefined : choice(value, field, choices);
}

export function optionalChip(value: unknown, field: string): ChipId | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isChipId(value)) throw invalid(field, 'a chip id such as esp32', value);
  return value;
}

export function bytes(value: unknown, field: string, maxBytes: number): Uint8Array {
  if (!(value instanceof Uint8Array) || value.length > maxBytes) {
    throw invalid(field, `bytes (at most ${maxBytes})`, value);
  }
  return value;
}

export function list(value: unknown, field: string, maxItems: number): readonly unknown[] {
  if (!Array.isArray(value) || value.length > maxItems) throw invalid(field, `a list of at most ${maxItems} items`, value);
  return value;
}

/**
 * An absolute path on the service's machine: no NUL bytes, POSIX or Windows form, and no ".."
 * parts. Dialogs, project layouts (path.join) and saved settings only ever hand over normalised
 * paths, so a ".." part can only come from a crafted request climbing out of a folder it names.
 */
export function absolutePath(value: unknown, field: string): string {
  const path = text(value, field, 4096);
  if (path.includes('\0') || !(path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\'))) {
    throw invalid(field, 'an absolute path', value);
  }
  if (/(^|[\\/])\.\.([\\/]|$)/.test(path)) throw invalid(field, 'an absolute path without ".." parts', value);
  return path;
}

/** A file name with no directory part, for save dialogs and downloads. */
export function fileName(value: unknown, field: string): string {
  const name = text(value, field, 255);
  if (/[\\/\0]/.test(name) || name === '.' || name === '..') throw invalid(field, 'a file name without folders', value);
  return name;
}
