/**
 * Terminal escape sequences removed from a printed line, so the decoders match what a person
 * reads. ESP-IDF colours its log lines ("\x1b[0;31mE (123) task_wdt: ...\x1b[0m"); other
 * firmware may send cursor or title sequences. A scanner instead of a regular expression keeps
 * control characters out of regex literals.
 */

const ESC = 0x1b;
const BEL = 0x07;

/** Index just past an escape sequence that starts at `start` (text[start] is ESC). */
function skipEscape(text: string, start: number): number {
  const kind = text.charCodeAt(start + 1);
  if (Number.isNaN(kind)) return start + 1;
  if (kind === 0x5b) {
    // CSI: ESC [ parameters and intermediates, ended by a final byte in @..~.
    let index = start + 2;
    while (index < text.length) {
      const code = text.charCodeAt(index);
      index += 1;
      if (code >= 0x40 && code <= 0x7e) break;
    }
    return index;
  }
  if (kind === 0x5d) {
    // OSC: ESC ] ... ended by BEL or ESC \.
    let index = start + 2;
    while (index < text.length) {
      const code = text.charCodeAt(index);
      if (code === BEL) return index + 1;
      if (code === ESC && text.charCodeAt(index + 1) === 0x5c) return index + 2;
      index += 1;
    }
    return index;
  }
  // Two-character sequences (ESC c, ESC 7, ...).
  return start + 2;
}

/** The text without ANSI/VT escape sequences. */
export function stripAnsi(text: string): string {
  if (!text.includes('\u001b')) return text;
  let out = '';
  let index = 0;
  while (index < text.length) {
    if (text.charCodeAt(index) === ESC) {
      index = skipEscape(text, index);
      continue;
    }
    out += text[index];
    index += 1;
  }
  return out;
}
