/**
 * Colours of the logic-analyzer chart. The dark palette is what analyzer software looks like
 * (bright traces on near-black); the light one keeps the same hue per lane, darkened so thin
 * lines stay readable on white and in a forum post.
 */
export const LANE_NAMES = ['DTR', 'RTS', 'EN', 'GPIO0', 'TXD', 'RXD'] as const;
export type LaneName = (typeof LANE_NAMES)[number];

export const PHASE_KINDS = ['reset', 'boot-banner', 'sync', 'stub-upload', 'baud-change', 'data', 'verify', 'reset-after', 'monitor', 'other'] as const;
export type PhaseKind = (typeof PHASE_KINDS)[number];

export interface ChartPalette {
  readonly dark: boolean;
  readonly background: string;
  readonly laneStripe: string;
  readonly laneSeparator: string;
  readonly grid: string;
  readonly axisText: string;
  readonly text: string;
  readonly lanes: Readonly<Record<LaneName, string>>;
  readonly enAnalog: string;
  readonly threshold: string;
  readonly reference: string;
  readonly cursorA: string;
  readonly cursorB: string;
  readonly measurement: string;
  readonly bootDownload: string;
  readonly bootFlash: string;
  readonly phases: Readonly<Record<PhaseKind, string>>;
  readonly phaseText: string;
}

const DARK: ChartPalette = {
  dark: true,
  background: '#0b0e13',
  laneStripe: 'rgba(255, 255, 255, 0.025)',
  laneSeparator: 'rgba(255, 255, 255, 0.08)',
  grid: 'rgba(255, 255, 255, 0.07)',
  axisText: '#8b95a7',
  text: '#e6e9ef',
  lanes: { DTR: '#ffd166', RTS: '#ff9f43', EN: '#4ade80', GPIO0: '#38bdf8', TXD: '#f472b6', RXD: '#a78bfa' },
  enAnalog: 'rgba(74, 222, 128, 0.55)',
  threshold: 'rgba(74, 222, 128, 0.45)',
  reference: 'rgba(230, 233, 239, 0.75)',
  cursorA: '#f87171',
  cursorB: '#60a5fa',
  measurement: '#fde047',
  bootDownload: '#fbbf24',
  bootFlash: '#34d399',
  phases: {
    reset: 'rgba(248, 113, 113, 0.16)',
    'boot-banner': 'rgba(167, 139, 250, 0.14)',
    sync: 'rgba(56, 189, 248, 0.13)',
    'stub-upload': 'rgba(251, 191, 36, 0.12)',
    'baud-change': 'rgba(244, 114, 182, 0.16)',
    data: 'rgba(74, 222, 128, 0.09)',
    verify: 'rgba(45, 212, 191, 0.13)',
    'reset-after': 'rgba(248, 113, 113, 0.12)',
    monitor: 'rgba(148, 163, 184, 0.10)',
    other: 'rgba(148, 163, 184, 0.08)',
  },
  phaseText: '#c3cad6',
};

const LIGHT: ChartPalette = {
  dark: false,
  background: '#fcfcfd',
  laneStripe: 'rgba(15, 23, 42, 0.03)',
  laneSeparator: 'rgba(15, 23, 42, 0.10)',
  grid: 'rgba(15, 23, 42, 0.07)',
  axisText: '#5a6473',
  text: '#1b2230',
  lanes: { DTR: '#a16207', RTS: '#c2410c', EN: '#15803d', GPIO0: '#0369a1', TXD: '#be185d', RXD: '#6d28d9' },
  enAnalog: 'rgba(21, 128, 61, 0.5)',
  threshold: 'rgba(21, 128, 61, 0.45)',
  reference: 'rgba(27, 34, 48, 0.6)',
  cursorA: '#dc2626',
  cursorB: '#2563eb',
  measurement: '#a16207',
  bootDownload: '#b45309',
  bootFlash: '#047857',
  phases: {
    reset: 'rgba(220, 38, 38, 0.10)',
    'boot-banner': 'rgba(109, 40, 217, 0.08)',
    sync: 'rgba(3, 105, 161, 0.09)',
    'stub-upload': 'rgba(180, 83, 9, 0.09)',
    'baud-change': 'rgba(190, 24, 93, 0.10)',
    data: 'rgba(21, 128, 61, 0.07)',
    verify: 'rgba(15, 118, 110, 0.09)',
    'reset-after': 'rgba(220, 38, 38, 0.08)',
    monitor: 'rgba(71, 85, 105, 0.07)',
    other: 'rgba(71, 85, 105, 0.05)',
  },
  phaseText: '#3b4452',
};

export function chartPalette(dark: boolean): ChartPalette {
  return dark ? DARK : LIGHT;
}
