import type { ITheme } from '@xterm/xterm';

/**
 * Terminal colours that follow the app's light/dark theme. ESP-IDF colours its log levels
 * (E red, W yellow, I green), so the ANSI palette is tuned per theme: plain yellow on white is
 * unreadable, so light mode gets darker shades that keep at least 4.5:1 contrast.
 */
const LIGHT: ITheme = {
  background: '#ffffff',
  foreground: '#1b2230',
  cursor: '#1b2230',
  cursorAccent: '#ffffff',
  selectionBackground: '#b9d3fb',
  black: '#1b2230',
  red: '#b3261e',
  green: '#146c43',
  yellow: '#7a5200',
  blue: '#1d57c0',
  magenta: '#8e2a9c',
  cyan: '#0b6b78',
  white: '#5a6473',
  brightBlack: '#5a6473',
  brightRed: '#c4262e',
  brightGreen: '#18794e',
  brightYellow: '#8a5a00',
  brightBlue: '#1d63d6',
  brightMagenta: '#9c36b5',
  brightCyan: '#0c7a89',
  brightWhite: '#1b2230',
};

const DARK: ITheme = {
  background: '#12151b',
  foreground: '#e6e9ef',
  cursor: '#e6e9ef',
  cursorAccent: '#12151b',
  selectionBackground: '#2f4a7a',
  black: '#2b3240',
  red: '#ff6b6b',
  green: '#4cc38a',
  yellow: '#f0b44c',
  blue: '#6ba1ff',
  magenta: '#d08cf0',
  cyan: '#4fc6d6',
  white: '#c9ced8',
  brightBlack: '#7d8799',
  brightRed: '#ff8a8a',
  brightGreen: '#6fd8a4',
  brightYellow: '#ffd27a',
  brightBlue: '#8fb8ff',
  brightMagenta: '#e0a8ff',
  brightCyan: '#7fdbe6',
  brightWhite: '#ffffff',
};

export const SEARCH_COLOURS = {
  light: { matchBackground: '#fff1a8', activeMatchBackground: '#ffb347', matchOverviewRuler: '#d9a400', activeMatchColorOverviewRuler: '#e06c00' },
  dark: { matchBackground: '#5a4a12', activeMatchBackground: '#8a5a00', matchOverviewRuler: '#f0b44c', activeMatchColorOverviewRuler: '#ffb347' },
} as const;

export function prefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
}

export function terminalTheme(dark: boolean): ITheme {
  return dark ? DARK : LIGHT;
}

/** Calls `onChange` when the system switches between light and dark; returns the unsubscribe. */
export function watchColourScheme(onChange: (dark: boolean) => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => undefined;
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  const listener = (event: MediaQueryListEvent) => onChange(event.matches);
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}
