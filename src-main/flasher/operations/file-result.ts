import type { FileResult } from '../../../src-shared/flash-job';

/** What one written file reports, for full writes and diff writes alike. */
export function fileResult(
  file: { readonly name: string; readonly offset: number; readonly data: Uint8Array },
  outcome: { readonly wireBytes: number; readonly startedAtMs: number; readonly md5: string; readonly verified: boolean; readonly skippedBytes?: number },
): FileResult {
  return {
    fileName: file.name,
    offset: file.offset,
    sizeBytes: file.data.length,
    wireBytes: outcome.wireBytes,
    seconds: (performance.now() - outcome.startedAtMs) / 1000,
    md5: outcome.md5,
    verified: outcome.verified,
    ...(outcome.skippedBytes === undefined ? {} : { skippedBytes: outcome.skippedBytes }),
  };
}
