import { describe, expect, it } from 'vitest';
import { batchCsv, batchSummaryLine, type BatchBoard } from '../../../src-renderer/format/batch-summary';
import type { ErrorCode } from '../../../src-shared/errors';
import { failJob, initialJobState, type JobState } from '../../../src-renderer/stores/job-state';

function board(port: string, change: (state: JobState) => JobState = (state) => state): BatchBoard {
  return { port, state: change({ ...initialJobState('flash', port, [], 1000), status: 'running' }) };
}

const failed = (code: ErrorCode) => (state: JobState) => failJob(state, { code, message: 'm', hint: 'h', evidence: {} }, 2500);
const succeeded = (state: JobState): JobState => ({ ...state, status: 'succeeded', finishedAtMs: 3000 });

describe('batch summary', () => {
  it('says how many of how many flashed, and which failed with which code', () => {
    const boards = [
      ...Array.from({ length: 7 }, (_, index) => board(`/dev/ttyUSB${index < 3 ? index : index + 1}`, succeeded)),
      board('/dev/ttyUSB3', failed('connect.wrong-boot-mode')),
    ];
    expect(batchSummaryLine(boards)).toBe('7 of 8 flashed, 1 failed: /dev/ttyUSB3 connect.wrong-boot-mode');
    expect(batchSummaryLine([board('a', succeeded), board('b')])).toBe('1 of 2 flashed, 1 still running');
    expect(batchSummaryLine([])).toBe('No boards flashed yet.');
  });

  it('CSV guards cells a spreadsheet would run as formulas', () => {
    const csv = batchCsv([board('=cmd|calc', failed('connect.not-reset'))]);
    expect(csv.split('\r\n')[1]).toMatch(/^"'=cmd\|calc",failed,/);
    expect(csv.split('\r\n')[1]).toContain(',1.5,connect.not-reset,m');
  });
});
