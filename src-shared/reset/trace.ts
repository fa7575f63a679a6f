/**
 * One recorded session on a port: every line change, byte burst and baud change with the time
 * it was issued to (or received from) the driver. The timing chart, the failure classifier and
 * the support report all read this one shape. Times are milliseconds from the recording start.
 *
 * Long sessions keep the bytes of the first kilobytes after each reset and baud change (banners,
 * sync) and only the sizes after that: a tx/rx event with `sizeBytes` set and `bytes` shorter
 * (usually empty) stands for a burst of `sizeBytes` bytes whose contents were not kept.
 */
export type TraceEvent =
  | { readonly kind: 'open'; readonly atMs: number; readonly path: string; readonly baudRate: number }
  | { readonly kind: 'lines'; readonly atMs: number; readonly dtr: boolean; readonly rts: boolean }
  | { readonly kind: 'tx'; readonly atMs: number; readonly bytes: Uint8Array; readonly sizeBytes?: number }
  | { readonly kind: 'rx'; readonly atMs: number; readonly bytes: Uint8Array; readonly sizeBytes?: number }
  | { readonly kind: 'baud'; readonly atMs: number; readonly baudRate: number }
  | { readonly kind: 'mark'; readonly atMs: number; readonly label: string }
  | { readonly kind: 'close'; readonly atMs: number };

export type TraceSink = (event: TraceEvent) => void;
