import type { LogObservations } from './log-observations';

/**
 * The reset method a log shows, in one short phrase: esptool-ck's board name is its reset
 * method ("ck", "nodemcu"); esptool names --before and --after.
 */
export function describeResetMethod(observations: LogObservations): string | undefined {
  if (observations.ckBoard !== undefined) return observations.ckBoard;
  const parts = [
    ...(observations.before === undefined ? [] : [`before ${observations.before}`]),
    ...(observations.after === undefined ? [] : [`after ${observations.after}`]),
  ];
  return parts.length === 0 ? undefined : parts.join(', ');
}
