import type { MonitorChunk, MonitorDataMessage, MonitorStatus } from '../../src-shared/ipc/monitor';
import type { FakeApi } from './fake-api';

/**
 * Monitor answers for the fake api: set-lines, set-baud and reset-board reply with the status
 * they would produce, so stores and views see what the service would tell them.
 */
export function answerMonitorRequests(fake: FakeApi): void {
  let last: MonitorStatus | undefined;
  fake.respond('monitor:open-monitor', (request) => {
    last = {
      monitorId: 'monitor-1',
      port: request.port,
      state: 'open',
      baudRate: request.baudRate,
      appBaudRate: request.baudRate,
      lines: request.lines ?? { dtr: false, rts: false },
    };
    return last;
  });
  fake.respond('monitor:set-lines', (request) => (last = { ...last!, lines: request.lines }));
  fake.respond('monitor:set-baud', (request) => (last = { ...last!, baudRate: request.baudRate, appBaudRate: request.baudRate }));
  fake.respond('monitor:reset-board', (request) => (last = { ...last!, message: `Reset into ${request.into}` }));
}

export function chunk(text: string, atMs = 1_000, baudRate = 115200): MonitorChunk {
  return { atMs, baudRate, data: new TextEncoder().encode(text) };
}

export function dataMessage(seq: number, chunks: readonly MonitorChunk[], monitorId = 'monitor-1'): MonitorDataMessage {
  return { monitorId, seq, chunks };
}

/** What a virtual ESP32 prints: its ROM banner, a panic, and the functions of its app. */
export const ESP32_BANNER = 'ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n';
export const ESP32_CRASH =
  "Guru Meditation Error: Core  1 panic'ed (LoadProhibited). Exception was unhandled.\r\n\r\nCore  1 register dump:\r\n" +
  'PC      : 0x400d1a2f  PS      : 0x00060a30  A0      : 0x800d1a6b  A1      : 0x3ffb1f60  \r\n' +
  'EXCVADDR: 0x00000000  LBEG    : 0x400d1a24  LEND    : 0x400d1a2c  LCOUNT  : 0x00000000  \r\n\r\n' +
  'Backtrace: 0x400d1a2c:0x3ffb1f60 0x400d1a68:0x3ffb1f80 0x400d0f15:0x3ffb1fa0\r\n\r\nELF file SHA256: 5f8e1c2a9b7d3e40\r\n\r\nRebooting...\r\n';
export const APP_SYMBOLS = [
  { name: 'app_main', address: 0x400d0f00, sizeBytes: 0x5c },
  { name: 'parse_reading', address: 0x400d1a10, sizeBytes: 0x40 },
  { name: 'read_sensor', address: 0x400d1a50, sizeBytes: 0x4c },
];
