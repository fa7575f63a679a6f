import type { JobState } from '../stores/job-state';

/** The words a many-boards run ends with, and its export as text or CSV. Pure, so it is easy to test. */
export interface BatchBoard {
  readonly port: string;
  readonly state: JobState;
}

export interface BatchCounts {
  readonly total: number;
  readonly running: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly cancelled: number;
}

export function batchCounts(boards: readonly BatchBoard[]): BatchCounts {
  const count = (test: (state: JobState) => boolean) => boards.filter((board) => test(board.state)).length;
  return {
    total: boards.length,
    running: count((state) => state.status === 'starting' || state.status === 'running' || state.status === 'cancelling'),
    succeeded: count((state) => state.status === 'succeeded'),
    failed: count((state) => state.status === 'failed'),
    cancelled: count((state) => state.status === 'cancelled'),
  };
}

function listed(boards: readonly BatchBoard[], status: JobState['status'], withCode: boolean): string {
  return boards
    .filter((board) => board.state.status === status)
    .map((board) => (withCode && board.state.error !== undefined ? `${board.port} ${board.state.error.code}` : board.port))
    .join(', ');
}

/** "7 of 8 flashed, 1 failed: /dev/ttyUSB3 connect.wrong-boot-mode" (running boards are counted as such). */
export function batchSummaryLine(boards: readonly BatchBoard[]): string {
  const counts = batchCounts(boards);
  if (counts.total === 0) return 'No boards flashed yet.';
  const parts = [`${counts.succeeded} of ${counts.total} flashed`];
  if (counts.running > 0) parts.push(`${counts.running} still running`);
  if (counts.failed > 0) parts.push(`${counts.failed} failed: ${listed(boards, 'failed', true)}`);
  if (counts.cancelled > 0) parts.push(`${counts.cancelled} cancelled: ${listed(boards, 'cancelled', false)}`);
  return parts.join(', ');
}

function outcome(state: JobState): string {
  if (state.status === 'succeeded') return 'flashed';
  if (state.status === 'failed' || state.status === 'cancelled') return state.status;
  return 'running';
}

function verifiedFiles(state: JobState): string {
  if (state.result?.kind !== 'flash') return '';
  const files = state.result.files;
  return `${files.filter((file) => file.verified).length}/${files.length}`;
}

function bootVerified(state: JobState): string {
  if (state.result?.kind !== 'flash') return '';
  return state.result.bootVerified === true ? 'yes' : 'no';
}

function seconds(state: JobState): string {
  return state.finishedAtMs === undefined ? '' : ((state.finishedAtMs - state.startedAtMs) / 1000).toFixed(1);
}

interface Column {
  readonly title: string;
  readonly value: (board: BatchBoard) => string;
}

const COLUMNS: readonly Column[] = [
  { title: 'port', value: (board) => board.port },
  { title: 'outcome', value: (board) => outcome(board.state) },
  { title: 'chip', value: (board) => board.state.chip?.name ?? board.state.result?.chip.name ?? '' },
  { title: 'mac', value: (board) => board.state.chip?.mac ?? board.state.result?.chip.mac ?? '' },
  { title: 'verified_files', value: (board) => verifiedFiles(board.state) },
  { title: 'boot_verified', value: (board) => bootVerified(board.state) },
  { title: 'seconds', value: (board) => seconds(board.state) },
  { title: 'error_code', value: (board) => board.state.error?.code ?? '' },
  { title: 'error_message', value: (board) => board.state.error?.message ?? '' },
];

function csvCell(value: string): string {
  // Quote anything a spreadsheet would split or read as a formula.
  const guarded = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) || guarded !== value ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function batchCsv(boards: readonly BatchBoard[]): string {
  const rows = [COLUMNS.map((column) => column.title), ...boards.map((board) => COLUMNS.map((column) => column.value(board)))];
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export function batchText(boards: readonly BatchBoard[], title: string): string {
  const lines = [title, batchSummaryLine(boards), ''];
  for (const board of boards) {
    const details = COLUMNS.slice(1)
      .map((column) => [column.title, column.value(board)] as const)
      .filter(([, value]) => value !== '')
      .map(([name, value]) => `${name}=${value}`)
      .join(' ');
    lines.push(`${board.port}: ${details}`);
  }
  return `${lines.join('\n')}\n`;
}
