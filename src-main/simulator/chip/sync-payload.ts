/** The SYNC payload: 07 07 12 20 followed by 32 x 0x55 (fact sheet §2.2). */
export const SYNC_PAYLOAD: Uint8Array = Uint8Array.from([0x07, 0x07, 0x12, 0x20, ...new Array<number>(32).fill(0x55)]);

export function isSyncPayload(data: Uint8Array): boolean {
  return data.length === SYNC_PAYLOAD.length && data.every((byte, index) => byte === SYNC_PAYLOAD[index]);
}
