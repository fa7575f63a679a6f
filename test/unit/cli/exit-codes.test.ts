import { describe, expect, it } from 'vitest';
import { EXIT_CODE_HELP, exitCodeFor } from '../../../src-main/cli/exit-codes';
import { ERROR_CATALOGUE, type ErrorCode } from '../../../src-shared/errors';

/** Exit codes by error family, as the help text documents them. */

describe('exitCodeFor', () => {
  it.each([
    ['input.invalid', 2],
    ['input.file-not-found', 2],
    ['reset.invalid-sequence', 2],
    ['port.busy', 3],
    ['port.not-found', 3],
    ['connect.wrong-boot-mode', 4],
    ['connect.wrong-chip', 4],
    ['chip.unknown', 4],
    ['transfer.timeout', 5],
    ['stub.no-hello', 5],
    ['power.brownout', 5],
    ['flash.md5-mismatch', 6],
    ['flash.read-failed', 6],
    ['image.invalid', 7],
    ['boot.failed', 8],
    ['operation.cancelled', 130],
    ['internal.unexpected', 1],
  ] as [ErrorCode, number][])('%s -> %d', (code, exit) => {
    expect(exitCodeFor(code)).toBe(exit);
  });

  it('every catalogued code has a documented, non-generic exit code (only internal.* is 1)', () => {
    for (const code of Object.keys(ERROR_CATALOGUE) as ErrorCode[]) {
      const exit = exitCodeFor(code);
      if (code.startsWith('internal.')) expect(exit).toBe(1);
      else expect(exit, code).not.toBe(1);
      expect(EXIT_CODE_HELP).toContain(`${exit} `);
    }
  });
});
