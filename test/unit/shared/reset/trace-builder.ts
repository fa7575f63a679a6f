import type { RecordedTrace, TraceBoard, TraceSummary } from '../../../../src-shared/ipc/traces';
import type { TraceEvent } from '../../../../src-shared/reset/trace';

/**
 * Builds traces by hand for the reset tests. Reset sequences are written out from the fact
 * sheet (§5.1, §5.5) as (DTR, RTS) writes, 1 = asserted, not taken from strategies.ts, so a
 * mistake there cannot hide here.
 */
export const TWO_TRANSISTOR: TraceBoard = { circuit: 'two-transistor', enTimeConstantMs: 10, circuitKnown: true };

const encoder = new TextEncoder();

/** SYNC command as esptool sends it: C0, header, 07 07 12 20, 32 x 0x55, C0 (46 bytes). */
export const SYNC_FRAME = new Uint8Array([0xc0, 0x00, 0x08, 0x24, 0x00, 0, 0, 0, 0, 0x07, 0x07, 0x12, 0x20, ...new Array<number>(32).fill(0x55), 0xc0]);
/** A ROM reply to SYNC. */
export const SYNC_REPLY = new Uint8Array([0xc0, 0x01, 0x08, 0x04, 0x00, 0x07, 0x07, 0x12, 0x20, 0x00, 0x00, 0x00, 0x00, 0xc0]);

export const ESP32_DOWNLOAD_BANNER =
  'ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\r\nwaiting for download\r\n';
export const ESP32_FLASH_BANNER = 'ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\nconfigsip: 0, SPIWP:0xee\r\n';
export const ESP8266_DOWNLOAD_BANNER = '\r\n ets Jan  8 2013,rst cause:2, boot mode:(1,7)\r\n\r\n';

export class TraceBuilder {
  readonly events: TraceEvent[] = [];

  open(atMs: number, baudRate = 115200, path = 'sim:esp32'): this {
    this.events.push({ kind: 'open', atMs, path, baudRate });
    return this;
  }

  lines(atMs: number, dtr: 0 | 1, rts: 0 | 1): this {
    this.events.push({ kind: 'lines', atMs, dtr: dtr === 1, rts: rts === 1 });
    return this;
  }

  tx(atMs: number, data: Uint8Array | number): this {
    this.events.push(typeof data === 'number' ? { kind: 'tx', atMs, bytes: new Uint8Array(0), sizeBytes: data } : { kind: 'tx', atMs, bytes: data });
    return this;
  }

  rx(atMs: number, data: Uint8Array | string | number): this {
    if (typeof data === 'number') this.events.push({ kind: 'rx', atMs, bytes: new Uint8Array(0), sizeBytes: data });
    else this.events.push({ kind: 'rx', atMs, bytes: typeof data === 'string' ? encoder.encode(data) : data });
    return this;
  }

  baud(atMs: number, baudRate: number): this {
    this.events.push({ kind: 'baud', atMs, baudRate });
    return this;
  }

  mark(atMs: number, label: string): this {
    this.events.push({ kind: 'mark', atMs, label });
    return this;
  }

  close(atMs: number): this {
    this.events.push({ kind: 'close', atMs });
    return this;
  }

  /** ClassicReset(d) starting at t: D0|R1|W0.1|D1|R0|Wd|D0, with `gapMs` between D1 and R0. EN released at t+100. */
  classic(t: number, delayMs = 50, gapMs = 0): this {
    return this.lines(t, 0, 0)
      .lines(t, 0, 1)
      .lines(t + 100, 1, 1)
      .lines(t + 100 + gapMs, 1, 0)
      .lines(t + 100 + gapMs + delayMs, 0, 0);
  }

  /** UnixTightReset(d) starting at t: (0,0) (1,1) (0,1) W0.1 (1,0) Wd (0,0) (0,0). EN released at t+100. */
  tight(t: number, delayMs = 50): this {
    return this.lines(t, 0, 0)
      .lines(t, 1, 1)
      .lines(t, 0, 1)
      .lines(t + 100, 1, 0)
      .lines(t + 100 + delayMs, 0, 0)
      .lines(t + 100 + delayMs, 0, 0);
  }

  /** Five SYNC tries from t, 150 ms apart (100 ms timeout + 50 ms pause). */
  syncs(t: number): this {
    for (let index = 0; index < 5; index++) this.tx(t + index * 150, SYNC_FRAME);
    return this;
  }

  build(summary: Partial<TraceSummary> = {}): RecordedTrace {
    const lastMs = this.events.at(-1)?.atMs ?? 0;
    return {
      formatVersion: 1,
      summary: {
        traceId: 'trace-1',
        source: 'flash',
        port: 'sim:esp32',
        startedAtIso: '2026-11-21T10:25:00.000Z',
        durationMs: lastMs,
        outcome: 'failed',
        board: TWO_TRANSISTOR,
        eventCount: this.events.length,
        resetCount: 0,
        ...summary,
      },
      events: this.events,
    };
  }
}
