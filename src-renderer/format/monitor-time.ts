/** "12:34:56.789": local wall-clock time with milliseconds, for the terminal's line prefixes. */
export function formatLineTime(atMs: number): string {
  const date = new Date(atMs);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** "20260121-123456" for file names (local time, sorts by name). */
export function formatFileStamp(atMs: number): string {
  const date = new Date(atMs);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}
