import type { EspErrorData } from '../../src-shared/errors';

/** Where the CLI writes; tests pass buffers, the real CLI passes process streams. */
export interface CliStreams {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** True when stderr is a terminal: progress redraws one line in place. */
  readonly interactive: boolean;
}

export function processStreams(): CliStreams {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    interactive: process.stderr.isTTY === true,
  };
}

/** Prints an error in the project's shape: what, why (evidence), what to do. */
export function formatError(error: EspErrorData): string {
  const lines = [`A fatal error occurred: ${error.message}`, `  [${error.code}]`];
  const evidence = Object.entries(error.evidence);
  if (evidence.length > 0) {
    lines.push('  Evidence:');
    for (const [key, value] of evidence) {
      if (Array.isArray(value)) {
        lines.push(`    ${key}:`);
        for (const item of value) lines.push(`      - ${String(item)}`);
      } else if (typeof value === 'string' && value.includes('\n')) {
        lines.push(`    ${key}:`);
        for (const line of value.split(/\r?\n/).filter((part) => part.trim().length > 0).slice(0, 20)) lines.push(`      | ${line}`);
      } else {
        lines.push(`    ${key}: ${String(value)}`);
      }
    }
  }
  lines.push(`  Next step: ${error.hint}`);
  return `${lines.join('\n')}\n`;
}

export function hex(value: number, digits = 8): string {
  return `0x${value.toString(16).padStart(digits, '0')}`;
}
