/**
 * The Telnet layer RFC 2217 rides on (RFC 854/855): data bytes with 0xFF (IAC) doubled, option
 * negotiation (IAC WILL/WONT/DO/DONT option) and subnegotiation (IAC SB option ... IAC SE).
 * The decoder is a byte-at-a-time state machine, so TCP may split a sequence anywhere.
 */

export const IAC = 0xff;
export const DONT = 0xfe;
export const DO = 0xfd;
export const WONT = 0xfc;
export const WILL = 0xfb;
export const SB = 0xfa;
export const SE = 0xf0;

export const OPTION_BINARY = 0;
export const OPTION_SUPPRESS_GO_AHEAD = 3;
export const OPTION_COM_PORT = 44;

export type NegotiationVerb = typeof WILL | typeof WONT | typeof DO | typeof DONT;

export type TelnetEvent =
  | { readonly kind: 'data'; readonly bytes: Uint8Array }
  | { readonly kind: 'negotiation'; readonly verb: NegotiationVerb; readonly option: number }
  | { readonly kind: 'subnegotiation'; readonly option: number; readonly payload: Uint8Array }
  /** Any other two-byte command (NOP, GA, AYT, ...): reported, callers ignore it. */
  | { readonly kind: 'command'; readonly command: number };

type State = 'data' | 'iac' | 'negotiation' | 'sb-option' | 'sb' | 'sb-iac';

/** Subnegotiations longer than this are dropped (RFC 2217 ones are a few bytes). */
const MAX_SUBNEGOTIATION_BYTES = 1024;

export class TelnetDecoder {
  private state: State = 'data';
  private verb: NegotiationVerb = WILL;
  private sbOption = 0;
  private sbBytes: number[] = [];

  /** Decodes one received chunk; events come out in stream order, adjacent data merged. */
  feed(chunk: Uint8Array): TelnetEvent[] {
    const events: TelnetEvent[] = [];
    let data: number[] = [];
    const flushData = (): void => {
      if (data.length === 0) return;
      events.push({ kind: 'data', bytes: Uint8Array.from(data) });
      data = [];
    };
    for (const byte of chunk) {
      switch (this.state) {
        case 'data':
          if (byte === IAC) this.state = 'iac';
          else data.push(byte);
          break;
        case 'iac':
          if (byte === IAC) {
            data.push(IAC);
            this.state = 'data';
          } else if (byte === WILL || byte === WONT || byte === DO || byte === DONT) {
            this.verb = byte;
            this.state = 'negotiation';
          } else if (byte === SB) {
            this.state = 'sb-option';
          } else {
            flushData();
            events.push({ kind: 'command', command: byte });
            this.state = 'data';
          }
          break;
        case 'negotiation':
          flushData();
          events.push({ kind: 'negotiation', verb: this.verb, option: byte });
          this.state = 'data';
          break;
        case 'sb-option':
          this.sbOption = byte;
          this.sbBytes = [];
          this.state = 'sb';
          break;
        case 'sb':
          if (byte === IAC) this.state = 'sb-iac';
          else if (this.sbBytes.length < MAX_SUBNEGOTIATION_BYTES) this.sbBytes.push(byte);
          break;
        case 'sb-iac':
          if (byte === SE) {
            flushData();
            events.push({ kind: 'subnegotiation', option: this.sbOption, payload: Uint8Array.from(this.sbBytes) });
            this.state = 'data';
          } else {
            // IAC IAC inside SB is a literal 0xFF; anything else is malformed, kept as-is
            // (pyserial does the same rather than dropping the connection).
            if (this.sbBytes.length < MAX_SUBNEGOTIATION_BYTES) this.sbBytes.push(byte);
            this.state = 'sb';
          }
          break;
      }
    }
    flushData();
    return events;
  }
}

/** Data bytes for the wire: every 0xFF doubled. Returns the input when there is none. */
export function escapeIac(bytes: Uint8Array): Uint8Array {
  let count = 0;
  for (const byte of bytes) if (byte === IAC) count += 1;
  if (count === 0) return bytes;
  const out = new Uint8Array(bytes.length + count);
  let index = 0;
  for (const byte of bytes) {
    out[index++] = byte;
    if (byte === IAC) out[index++] = IAC;
  }
  return out;
}

export function encodeNegotiation(verb: NegotiationVerb, option: number): Uint8Array {
  return Uint8Array.of(IAC, verb, option);
}

export function encodeSubnegotiation(option: number, payload: Uint8Array): Uint8Array {
  const body = escapeIac(payload);
  const out = new Uint8Array(body.length + 5);
  out.set([IAC, SB, option], 0);
  out.set(body, 3);
  out.set([IAC, SE], body.length + 3);
  return out;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
