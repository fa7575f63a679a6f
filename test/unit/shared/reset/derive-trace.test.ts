import { describe, expect, it } from 'vitest';
import type { TraceBoard } from '../../../../src-shared/ipc/traces';
import { deriveTrace, type AnalogPoint, type DigitalChannel } from '../../../../src-shared/reset/derive-trace';
import { TraceBuilder, TWO_TRANSISTOR } from './trace-builder';

/*
 * Expected edges are worked out by hand from the circuit truth tables (fact sheet §5.4, §5.5)
 * and the EN RC: v(t) = 1 - exp(-t / tau), threshold 0.75, so EN crosses tau * ln 4 after release.
 * Line channels show pin levels: an asserted line is 0.
 */
const LN4 = 1.3862943611198906;
const CROSS_10MS = 10 * LN4; // 13.8629436111989

function edges(channel: DigitalChannel): Array<[number, number]> {
  return channel.edges.map((edge) => [edge.atMs, edge.level]);
}

function expectEdges(channel: DigitalChannel, initialLevel: 0 | 1, expected: Array<[number, number]>): void {
  expect(channel.initialLevel).toBe(initialLevel);
  const actual = edges(channel);
  expect(actual).toHaveLength(expected.length);
  expected.forEach(([atMs, level], index) => {
    expect(actual[index]![0]).toBeCloseTo(atMs, 6);
    expect(actual[index]![1]).toBe(level);
  });
}

function pointAt(points: readonly AnalogPoint[], atMs: number): AnalogPoint {
  const found = points.find((point) => Math.abs(point.atMs - atMs) < 1e-9);
  if (found === undefined) throw new Error(`no EN point at ${atMs} ms`);
  return found;
}

describe('deriveTrace: two-transistor circuit, Classic reset', () => {
  // D0 R1 at 10 (EN low), D1 at 110 (EN released, GPIO0 still high: (1,1)), R0 at 111 (GPIO0 low), D0 at 161.
  const events = new TraceBuilder().open(0).lines(0, 0, 0).classic(10, 50, 1).build().events;
  const derived = deriveTrace(events, TWO_TRANSISTOR);

  it('shows DTR and RTS as pin levels (asserted = 0)', () => {
    expectEdges(derived.channels.DTR, 1, [
      [110, 0],
      [161, 1],
    ]);
    expectEdges(derived.channels.RTS, 1, [
      [10, 0],
      [111, 1],
    ]);
  });

  it('holds EN low during (0,1) and lets it cross 0.75 at tau*ln4 after release', () => {
    expectEdges(derived.channels.EN, 1, [
      [10, 0],
      [110 + CROSS_10MS, 1],
    ]);
    expect(derived.resets).toEqual([{ startMs: 10, endMs: 110 }]);
  });

  it('pulls GPIO0 low only while (1,0) and samples the strap low: download', () => {
    expectEdges(derived.channels.GPIO0, 1, [
      [111, 0],
      [161, 1],
    ]);
    expect(derived.boots).toHaveLength(1);
    expect(derived.boots[0]!.atMs).toBeCloseTo(123.8629436111989, 9);
    expect(derived.boots[0]!.download).toBe(true);
  });

  it('samples the EN voltage along the RC curve', () => {
    // 0 V from the assert to the release, then 1 - exp(-(t - 110) / 10).
    expect(pointAt(derived.enAnalog, 0).level).toBe(1);
    const drop = derived.enAnalog.filter((point) => point.atMs === 10).map((point) => point.level);
    expect(drop).toEqual([1, 0]);
    expect(pointAt(derived.enAnalog, 110).level).toBe(0);
    expect(pointAt(derived.enAnalog, 115).level).toBeCloseTo(0.3934693402873666, 12); // 1 - e^-0.5
    expect(pointAt(derived.enAnalog, 120).level).toBeCloseTo(0.6321205588285577, 12); // 1 - e^-1
    expect(pointAt(derived.enAnalog, 130).level).toBeCloseTo(0.8646647167633873, 12); // 1 - e^-2
    // Sampled every tau/8 = 1.25 ms during the rise.
    const rise = derived.enAnalog.filter((point) => point.atMs > 110 && point.atMs <= 120);
    expect(rise.map((point) => point.atMs)).toEqual([111.25, 112.5, 113.75, 115, 116.25, 117.5, 118.75, 120]);
  });

  it('runs until the boot when the trace ends earlier', () => {
    expect(derived.durationMs).toBeCloseTo(161, 9);
    const short = deriveTrace(new TraceBuilder().open(0).lines(0, 0, 1).lines(100, 0, 0).build().events, TWO_TRANSISTOR);
    expect(short.boots).toHaveLength(1);
    expect(short.durationMs).toBeCloseTo(100 + CROSS_10MS, 9);
    expect(short.boots[0]!.download).toBe(false);
  });
});

describe('deriveTrace: the (1,1) moment and tiny EN capacitors', () => {
  const noCap: TraceBoard = { circuit: 'two-transistor', enTimeConstantMs: 0.05, circuitKnown: false };

  it('boots from flash when EN crosses before the RTS write pulls GPIO0 low', () => {
    // Release at 110 by D1; 0.05 * ln 4 = 0.0693 ms later EN is up, GPIO0 goes low only at 111.
    const derived = deriveTrace(new TraceBuilder().open(0).classic(10, 50, 1).build().events, noCap);
    expect(derived.boots).toHaveLength(1);
    expect(derived.boots[0]!.atMs).toBeCloseTo(110 + 0.05 * LN4, 9);
    expect(derived.boots[0]!.download).toBe(false);
  });

  it('spreads writes recorded in the same millisecond when asked to', () => {
    const events = new TraceBuilder().open(0).classic(10, 50, 0).build().events;
    expect(deriveTrace(events, noCap).boots[0]!.download).toBe(true);
    const spread = deriveTrace(events, noCap, { lineWriteGapMs: 1 });
    expect(spread.boots[0]!.download).toBe(false);
    // Writes at 10, 10, 110, 110, 160 reach the pins at 10, 11, 110, 111, 161: EN is released at 110.
    expect(spread.boots[0]!.atMs).toBeCloseTo(110 + 0.05 * LN4, 9);
  });

  it('still enters download with the tight reset, which releases EN as GPIO0 falls', () => {
    const derived = deriveTrace(new TraceBuilder().open(0).tight(10).build().events, noCap);
    expect(derived.boots[0]!.download).toBe(true);
  });
});

describe('deriveTrace: direct ("ck") wiring', () => {
  it('follows RTS for EN and DTR for GPIO0 with no interlock', () => {
    // ck: (0,1) at 5, (1,1) at 6, 255 ms, (1,0) at 261, 250 ms, (0,0) at 511.
    const events = new TraceBuilder().open(0).lines(0, 0, 0).lines(5, 0, 1).lines(6, 1, 1).lines(261, 1, 0).lines(511, 0, 0).build().events;
    const derived = deriveTrace(events, { circuit: 'direct', enTimeConstantMs: 10, circuitKnown: true });
    expectEdges(derived.channels.EN, 1, [
      [5, 0],
      [261 + CROSS_10MS, 1],
    ]);
    expectEdges(derived.channels.GPIO0, 1, [
      [6, 0],
      [511, 1],
    ]);
    expect(derived.resets).toEqual([{ startMs: 5, endMs: 261 }]);
    expect(derived.boots.map((boot) => boot.download)).toEqual([true]);
  });

  it('is held in reset by a port that opens with both lines asserted', () => {
    const derived = deriveTrace(new TraceBuilder().open(0).lines(0, 1, 1).build().events, { circuit: 'direct', enTimeConstantMs: 10, circuitKnown: true });
    expect(derived.resets).toEqual([{ startMs: 0, endMs: 0, unreleased: true }]);
    expect(derived.boots).toEqual([]);
  });
});

describe('deriveTrace: USB-Serial/JTAG', () => {
  it('latches the boot request when RTS rises and boots at once on release', () => {
    // esptool USBJTAGSerialReset: (1,0) at 100, (1,1) at 200, (0,1) at 201, (0,0) at 301; then a hard reset (0,1) 400..500.
    const events = new TraceBuilder()
      .open(0)
      .lines(0, 0, 0)
      .lines(100, 1, 0)
      .lines(200, 1, 1)
      .lines(201, 0, 1)
      .lines(301, 0, 0)
      .lines(400, 0, 1)
      .lines(500, 0, 0)
      .build().events;
    const derived = deriveTrace(events, { circuit: 'usb-serial-jtag', enTimeConstantMs: 0, circuitKnown: true });
    // DTR alone does nothing (no RTS rise yet); RTS rising with DTR asserted latches download.
    expectEdges(derived.channels.GPIO0, 1, [
      [200, 0],
      [400, 1],
    ]);
    expectEdges(derived.channels.EN, 1, [
      [201, 0],
      [301, 1],
      [400, 0],
      [500, 1],
    ]);
    expect(derived.boots).toEqual([
      { atMs: 301, download: true },
      { atMs: 500, download: false },
    ]);
    expect(derived.enAnalog.filter((point) => point.atMs === 301).map((point) => point.level)).toEqual([0, 1]);
  });
});

describe('deriveTrace: no auto-reset circuit', () => {
  it('keeps EN and GPIO0 flat high whatever the lines do', () => {
    const derived = deriveTrace(new TraceBuilder().open(0).classic(10).tight(300).build().events, {
      circuit: 'none',
      enTimeConstantMs: 10,
      circuitKnown: true,
    });
    expect(derived.channels.EN).toEqual({ name: 'EN', initialLevel: 1, edges: [] });
    expect(derived.channels.GPIO0).toEqual({ name: 'GPIO0', initialLevel: 1, edges: [] });
    expect(derived.channels.RTS.edges.length).toBeGreaterThan(0);
    expect(derived.resets).toEqual([]);
    expect(derived.boots).toEqual([]);
    expect(derived.enAnalog.every((point) => point.level === 1)).toBe(true);
  });
});

describe('deriveTrace: TXD and RXD bursts', () => {
  it('lasts bytes x 10 bits / baud at the rate in force', () => {
    const events = new TraceBuilder()
      .open(0, 115200)
      .tx(10, 100) // 100 x 10 / 115200 s = 8.680555... ms
      .baud(50, 921600)
      .tx(60, 9216) // 9216 x 10 / 921600 s = 100 ms
      .build().events;
    const derived = deriveTrace(events, TWO_TRANSISTOR);
    expectEdges(derived.channels.TXD, 1, [
      [10, 0],
      [10 + 8.680555555555555, 1],
      [60, 0],
      [160, 1],
    ]);
    expect(derived.durationMs).toBeCloseTo(160, 9);
  });

  it('queues writes behind a burst still on the wire and merges them', () => {
    // 1152 bytes at 115200 = 100 ms: the second write at 50 starts at 110 and ends at 210.
    const derived = deriveTrace(new TraceBuilder().open(0).tx(10, 1152).tx(50, 1152).build().events, TWO_TRANSISTOR);
    expectEdges(derived.channels.TXD, 1, [
      [10, 0],
      [210, 1],
    ]);
  });

  it('places received bytes on the wire before they arrived', () => {
    // 576 bytes at 115200 = 50 ms, arriving at 200: on the wire 150..200. 7 bytes at 74880 = 0.93483 ms.
    const derived = deriveTrace(new TraceBuilder().open(0).rx(200, 576).baud(300, 74880).rx(400, 'hello\r\n').build().events, TWO_TRANSISTOR);
    expectEdges(derived.channels.RXD, 1, [
      [150, 0],
      [200, 1],
      [400 - 0.9348290598290598, 0],
      [400, 1],
    ]);
  });

  it('counts sizeBytes when the bytes were not kept', () => {
    const derived = deriveTrace(new TraceBuilder().open(0, 921600).rx(100, 92160).build().events, TWO_TRANSISTOR);
    expectEdges(derived.channels.RXD, 1, [
      [0, 0],
      [100, 1],
    ]);
  });
});

describe('deriveTrace: banners', () => {
  it('reads each reset\'s banner at the baud rate in force', () => {
    const events = new TraceBuilder()
      .open(0, 115200, 'sim:esp8266')
      .baud(5, 74880)
      .classic(10)
      .rx(130, '\r\n ets Jan  8 2013,rst cause:2, boot mode:(1,7)\r\n')
      .baud(170, 115200)
      .classic(200)
      .rx(330, '\r\n ets Jan  8 2013,rst cause:2, boot mode:(3,6)\r\n')
      .build().events;
    const derived = deriveTrace(events, TWO_TRANSISTOR);
    expect(derived.banners.map((found) => [found.atMs, found.baudRate, found.banner.bootModeText, found.banner.download])).toEqual([
      [130, 74880, 'boot mode:(1,7)', true],
      [330, 115200, 'boot mode:(3,6)', false],
    ]);
  });

  it('finds several banners without resets and keeps "waiting for download" with its own banner', () => {
    const events = new TraceBuilder()
      .open(0)
      .rx(100, 'rst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\napp running\r\n')
      .rx(200, 'rst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\r\n')
      .rx(201, 'waiting for download\r\n')
      .build().events;
    const derived = deriveTrace(events, TWO_TRANSISTOR);
    expect(derived.banners.map((found) => [found.atMs, found.banner.download, found.banner.waitingForDownload])).toEqual([
      [100, false, false],
      [200, true, true],
    ]);
  });
});

describe('deriveTrace: phases', () => {
  it('splits a connect attempt into reset, banner and sync, and maps session phases', () => {
    const events = new TraceBuilder()
      .open(0)
      .mark(0, 'connecting')
      .mark(1, 'attempt 1: Classic reset (50 ms)')
      .classic(10, 50, 1) // EN released at 110, crosses at 123.86
      .rx(130, 'rst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\r\nwaiting for download\r\n')
      .tx(165, 46)
      .mark(200, 'uploading-stub')
      .mark(300, 'changing-baud')
      .mark(310, 'writing')
      .mark(400, 'verifying')
      .mark(450, 'resetting')
      .lines(450, 0, 1)
      .lines(550, 0, 0)
      .mark(600, 'checking-boot')
      .close(700)
      .build().events;
    const derived = deriveTrace(events, TWO_TRANSISTOR);
    const phases = derived.phases.map((phase) => [phase.label, phase.kind, Number(phase.startMs.toFixed(3)), Number(phase.endMs.toFixed(3))]);
    expect(phases).toEqual([
      ['connecting', 'sync', 0, 1],
      ['attempt 1: Classic reset (50 ms)', 'reset', 1, 123.863],
      ['boot banner (boot:0x3, download)', 'boot-banner', 123.863, 165],
      ['sync (attempt 1)', 'sync', 165, 200],
      ['uploading-stub', 'stub-upload', 200, 300],
      ['changing-baud', 'baud-change', 300, 310],
      ['writing', 'data', 310, 400],
      ['verifying', 'verify', 400, 450],
      ['resetting', 'reset-after', 450, 600],
      ['checking-boot', 'monitor', 600, 700],
    ]);
    expect(derived.resets).toEqual([
      { startMs: 10, endMs: 110, attempt: 1 },
      { startMs: 450, endMs: 550 },
    ]);
  });

  it('splits a monitor reset into reset, banner and monitoring, and reads monitor labels', () => {
    const events = new TraceBuilder()
      .open(0)
      .mark(0, 'baud 115200')
      .mark(100, 'reset into app: Hard reset')
      .lines(100, 0, 1)
      .lines(200, 0, 0) // EN crosses at 213.863
      .rx(240, 'rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n')
      .rx(300, 'app: hello\r\n')
      .mark(400, 'paused for flashing')
      .mark(500, 'resumed after flashing')
      .mark(600, 'ROM baud 74880')
      .mark(700, 'app baud 115200 (ROM output ended)')
      .close(800)
      .build().events;
    const phases = deriveTrace(events, TWO_TRANSISTOR).phases.map((phase) => [phase.label, phase.kind, Number(phase.startMs.toFixed(3)), Number(phase.endMs.toFixed(3))]);
    expect(phases).toEqual([
      ['baud 115200', 'monitor', 0, 100],
      ['reset into app: Hard reset', 'reset', 100, 213.863],
      ['boot banner (boot:0x13, flash boot)', 'boot-banner', 213.863, 240],
      ['monitor', 'monitor', 240, 400],
      ['paused for flashing', 'other', 400, 500],
      ['resumed after flashing', 'monitor', 500, 600],
      ['ROM baud 74880', 'boot-banner', 600, 700],
      ['app baud 115200 (ROM output ended)', 'monitor', 700, 800],
    ]);
  });

  it('makes reset and banner phases from the resets when there are no marks', () => {
    const events = new TraceBuilder()
      .open(0)
      .lines(50, 0, 1)
      .lines(150, 0, 0)
      .rx(170, 'rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n')
      .build().events;
    const phases = deriveTrace(events, TWO_TRANSISTOR).phases.map((phase) => [phase.label, phase.kind, Number(phase.startMs.toFixed(3)), Number(phase.endMs.toFixed(3))]);
    expect(phases).toEqual([
      ['reset', 'reset', 50, 163.863],
      ['boot banner (boot:0x13, flash boot)', 'boot-banner', 163.863, 170],
    ]);
  });
});
