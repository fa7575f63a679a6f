import type { FrameReader } from '../connection/frame-reader';
import type { CommandClient } from '../protocol/command-client';
import { Op } from '../protocol/opcodes';
import { decodeResponse } from '../protocol/packets';
import { syncPayload } from '../protocol/payloads';
import { SYNC_TIMEOUT_MS } from '../protocol/timeouts';

/** The ROM answers one SYNC with 8 identical frames; read the rest so they do not linger. */
const EXTRA_SYNC_REPLIES = 7;

export interface SyncReply {
  /** Non-zero from a ROM (usually 0x20120707); 0 from a running stub. */
  readonly value: number;
}

/**
 * One SYNC try. Frames that are not SYNC replies are ignored and bytes outside frames stay in
 * the reader for the caller to classify. Returns undefined when no reply came in time.
 */
export async function trySync(client: CommandClient, reader: FrameReader, signal?: AbortSignal): Promise<SyncReply | undefined> {
  await client.send(Op.SYNC, syncPayload());
  const deadline = performance.now() + SYNC_TIMEOUT_MS;
  let reply: SyncReply | undefined;
  while (!reply) {
    const remainingMs = deadline - performance.now();
    if (remainingMs <= 0) return undefined;
    const frame = await reader.readFrame(remainingMs, signal);
    if (!frame) return undefined;
    const response = decodeResponse(frame);
    if (response?.op === Op.SYNC && response.data[0] === 0) reply = { value: response.value };
  }
  for (let extra = 0; extra < EXTRA_SYNC_REPLIES; extra++) {
    const frame = await reader.readFrame(SYNC_TIMEOUT_MS, signal);
    if (!frame) break;
  }
  return reply;
}
