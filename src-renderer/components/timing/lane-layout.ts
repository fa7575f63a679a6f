import type { ChannelName } from '../../../src-shared/reset/derive-trace';

/**
 * Where each signal sits on the chart's one y axis: six stacked lanes, DTR on top, each one
 * unit tall, with a low and a high rail inside so neighbouring traces never touch.
 */
export const LANES: readonly ChannelName[] = ['DTR', 'RTS', 'EN', 'GPIO0', 'TXD', 'RXD'];
export const LANE_LOW = 0.2;
export const LANE_HIGH = 0.75;

/** Bottom of a lane in y units (the top lane has the highest base). */
export function laneBase(name: ChannelName): number {
  return LANES.length - 1 - LANES.indexOf(name);
}

/** y of a level in a lane: 0 is the low rail, 1 the high rail, values between for EN's RC curve. */
export function levelY(name: ChannelName, level: number): number {
  return laneBase(name) + LANE_LOW + level * (LANE_HIGH - LANE_LOW);
}

/** Where the lane's name is written on the left axis. */
export function laneLabelY(name: ChannelName): number {
  return laneBase(name) + (LANE_LOW + LANE_HIGH) / 2;
}

export function yAxisBounds(): { readonly min: number; readonly max: number } {
  return { min: 0, max: LANES.length };
}

/** The lane a y value falls in (for the axis labels and their colours). */
export function laneAt(y: number): ChannelName | undefined {
  const index = LANES.length - 1 - Math.floor(y);
  return y < 0 || y >= LANES.length ? undefined : LANES[index];
}

/** Lane names as the axis shows them; the host lines say they are the host's pins. */
export const LANE_LABELS: Readonly<Record<ChannelName, string>> = {
  DTR: 'DTR',
  RTS: 'RTS',
  EN: 'EN',
  GPIO0: 'GPIO0',
  TXD: 'TXD',
  RXD: 'RXD',
};
