/**
 * Markdown pieces for the support report. Forums render Markdown differently (GitHub,
 * Discourse, phpBB plug-ins), so the report sticks to what all of them read the same way:
 * headings, flat lists with `[ ]`/`[x]`, pipe tables, fenced code, one image line. No HTML:
 * text from the board or another tool is escaped, never passed through.
 */

/** Inline text: Markdown punctuation and angle brackets escaped, line breaks folded. */
export function escapeText(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/([\\`*[\]<>|])/g, '\\$1')
    // Underscores inside words (SPI_FAST_FLASH_BOOT) never start emphasis; only the others do.
    .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_')
    .replace(/^([#+-]|\d+\.)(\s)/, '\\$1$2');
}

/** A code span that survives backticks inside the value. */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced block; control bytes other than line breaks and tabs show as dots. */
export function codeBlock(text: string, info = 'text'): string {
  // eslint-disable-next-line no-control-regex -- replacing control characters is the point
  const clean = text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '.').replace(/\n+$/, '');
  const longestRun = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${info}\n${clean}\n${fence}`;
}

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A table cell from plain text. */
export function cell(text: string): string {
  return escapeText(text);
}
