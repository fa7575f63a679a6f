import { encodeResponse } from '../../flasher/protocol/packets';
import { Op } from '../../flasher/protocol/opcodes';

/** Sends unframed packets; the runtime SLIP-encodes them and puts them on the UART. */
export type PacketSink = (packets: readonly Uint8Array[]) => void;

const EMPTY = new Uint8Array(0);

/** The ROM answers one SYNC with eight identical frames (fact sheet §2.2). */
export const SYNC_RESPONSE_COUNT = 8;
/** SYNC response value of the ESP32-family ROMs: the first payload word, 07 07 12 20. */
export const ROM_SYNC_VALUE = 0x20120707;
/** ROM error 0x05: received message format invalid (also unsupported or refused commands). */
export const ROM_ERROR_INVALID_MESSAGE = 0x05;
/**
 * [UNVERIFIED] opcode byte of the ROM's unsupported-command frames. Hosts only require that it
 * differs from the request; 0x00 is never a real request, so it always differs (§1.7).
 */
const UNSUPPORTED_RESPONSE_OP = 0x00;

function withStatus(payload: Uint8Array, status: Uint8Array): Uint8Array {
  const data = new Uint8Array(payload.length + status.length);
  data.set(payload);
  data.set(status, payload.length);
  return data;
}

/**
 * ROM responses: `statusBytes` status bytes [status, error(, 0, 0)] after the payload, and a
 * sticky value field. [INFERRED from --trace captures, §1.3] ESP32 and ESP8266 ROMs keep the
 * last READ_REG result in the value field of later responses; SYNC sets it to its own value,
 * as if both wrote one static response word. Applied to every ROM here.
 */
export class RomResponder {
  private lastValue = 0;

  constructor(
    private readonly statusBytes: 2 | 4,
    private readonly send: PacketSink,
  ) {}

  ok(op: number, payload: Uint8Array = EMPTY): void {
    this.send([this.packet(op, payload, 0, 0)]);
  }

  fail(op: number, error: number): void {
    this.send([this.packet(op, EMPTY, 1, error)]);
  }

  readReg(value: number): void {
    this.lastValue = value >>> 0;
    this.ok(Op.READ_REG);
  }

  sync(): void {
    this.lastValue = ROM_SYNC_VALUE;
    const frame = this.packet(Op.SYNC, EMPTY, 0, 0);
    this.send(Array.from({ length: SYNC_RESPONSE_COUNT }, () => frame));
  }

  /** Eight frames `01 00 <size> <value> 01 05 (00 00)`: what esptool reads as "unsupported". */
  unsupported(): void {
    const frame = this.packet(UNSUPPORTED_RESPONSE_OP, EMPTY, 1, ROM_ERROR_INVALID_MESSAGE);
    this.send(Array.from({ length: SYNC_RESPONSE_COUNT }, () => frame));
  }

  private packet(op: number, payload: Uint8Array, status: number, error: number): Uint8Array {
    const statusField = new Uint8Array(this.statusBytes);
    statusField[0] = status;
    statusField[1] = error;
    return encodeResponse(op, this.lastValue, withStatus(payload, statusField));
  }
}

/** Stub responses: value 0 unless given, then 2 status bytes [code, 0x00]. */
export class StubResponder {
  constructor(private readonly send: PacketSink) {}

  ok(op: number, payload: Uint8Array = EMPTY, value = 0): void {
    this.send([encodeResponse(op, value, withStatus(payload, Uint8Array.of(0, 0)))]);
  }

  fail(op: number, code: number): void {
    this.send([encodeResponse(op, 0, Uint8Array.of(code, 0))]);
  }
}
