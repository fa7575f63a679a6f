import { describe, expect, it } from 'vitest';
import { failureFactsFromError, type FailureContext } from '../../../src-main/diagnostics/failure-facts';
import { chipFromText } from '../../../src-main/diagnostics/facts/evidence-read';
import { ERROR_CATALOGUE, type ErrorCode, type EspErrorData, type Evidence } from '../../../src-shared/errors';
import type { RecordedTrace } from '../../../src-shared/ipc/traces';
import { bridgeForUsbIds, type PortInfo } from '../../../src-shared/serial';

/** Facts from errors shaped as the engine raises them (evidence keys as the flasher writes them). */
function error(code: ErrorCode, evidence: Evidence, message = ERROR_CATALOGUE[code].message): EspErrorData {
  return { code, message, hint: ERROR_CATALOGUE[code].hint, evidence };
}

const linux: FailureContext = { platform: 'linux' };
const ascii = (text: string): Uint8Array => Uint8Array.from(text, (char) => char.charCodeAt(0));

describe('connect failures', () => {
  it('wrong boot mode: the banner decoded, attempts and reset strategies counted, no SYNC reply', () => {
    const bootLog = 'ets Jun  8 2016 00:22:57\nrst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\nconfigsip: 0, SPIWP:0xee';
    const facts = failureFactsFromError(
      error('connect.wrong-boot-mode', {
        port: 'sim:esp32?faults=gpio0-stuck-high',
        attempts: ['Tight reset (50 ms): booted from flash (boot:0x13)', 'Tight reset (550 ms): booted from flash (boot:0x13)', 'Classic reset (50 ms): booted from flash (boot:0x13)'],
        bootLog,
        bootBanner: 'rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)',
        bootMode: 'boot:0x13',
        baudRate: 115200,
      }),
      linux,
    );
    expect(facts).toMatchObject({
      source: 'engine',
      errorCode: 'connect.wrong-boot-mode',
      port: 'sim:esp32?faults=gpio0-stuck-high',
      platform: 'linux',
      connectAttempts: 3,
      resetMethod: 'Tight reset (50 ms), Tight reset (550 ms), Classic reset (50 ms)',
      syncReplied: false,
      baudRate: 115200,
      bytesReceived: bootLog.length,
    });
    expect(facts.banner).toMatchObject({ family: 'esp32', bootMode: 0x13, download: false });
    expect(facts.portVanished).toBeUndefined();
  });

  it('no data: zero bytes, no banner', () => {
    const facts = failureFactsFromError(error('connect.no-data', { port: '/dev/ttyUSB0', attempts: ['Tight reset (50 ms): no data', 'Classic reset (50 ms): no data'] }), linux);
    expect(facts).toMatchObject({ bytesReceived: 0, syncReplied: false, connectAttempts: 2 });
    expect(facts.banner).toBeUndefined();
  });

  it('unreadable bytes only (connect.failed) count as invalid packets', () => {
    const facts = failureFactsFromError(error('connect.failed', { port: '/dev/ttyUSB0', attempts: ['Tight reset (50 ms): 37 unreadable bytes at 115200 baud'] }), linux);
    expect(facts).toMatchObject({ invalidPackets: true, syncReplied: false });
  });
});

describe('port failures', () => {
  it('busy, held by our own monitor: the holder is this app', () => {
    const facts = failureFactsFromError(error('port.busy', { port: 'sim:esp32', monitorId: 'm-1', state: 'open' }), linux);
    expect(facts.portHolder).toEqual({ pid: process.pid, command: 'ESP Companion (its serial monitor)' });
    // Opening failed: nothing was exchanged, so bytes and SYNC are unknown, not zero.
    expect(facts.bytesReceived).toBeUndefined();
    expect(facts.syncReplied).toBeUndefined();
  });

  it('busy, held by another program the host probe found', () => {
    const facts = failureFactsFromError(error('port.busy', { path: '/dev/ttyUSB0', osMessage: 'Error Resource temporarily unavailable Cannot lock port' }), {
      platform: 'linux',
      host: { exists: true, holder: { pid: 4242, command: 'screen' }, conflictingServices: [] },
    });
    expect(facts).toMatchObject({ port: '/dev/ttyUSB0', portExists: true, portHolder: { pid: 4242, command: 'screen' } });
  });

  it('busy with nobody known: no holder is made up', () => {
    expect(failureFactsFromError(error('port.busy', { path: 'sim:esp32' }), linux).portHolder).toBeUndefined();
  });

  it('permission denied: the group and membership, and services that grab ports', () => {
    const facts = failureFactsFromError(error('port.permission-denied', { path: '/dev/ttyUSB0', osMessage: 'Error: Permission denied, cannot open /dev/ttyUSB0' }), {
      platform: 'linux',
      host: {
        exists: true,
        portGroup: { group: 'dialout', userIsMember: false, listedInGroupFile: true },
        conflictingServices: ['brltty (running)'],
      },
    });
    expect(facts.portGroup).toEqual({ group: 'dialout', userIsMember: false });
    expect(facts.conflictingServices).toEqual(['brltty (running)']);
    expect(facts.errorText).toBe(ERROR_CATALOGUE['port.permission-denied'].message);
  });

  it('disconnected part way through a write: vanished, with the progress', () => {
    const facts = failureFactsFromError(error('port.disconnected', { path: 'sim:esp32', writtenBytes: 65536, totalBytes: 233472, file: 'app.bin', baudRate: 460800 }), linux);
    expect(facts).toMatchObject({ portVanished: true, writeProgress: { doneBytes: 65536, totalBytes: 233472 }, baudRate: 460800 });
  });

  it('the port as listed: bridge, native USB and the chip a virtual board knows', () => {
    const usb = { vendorId: 0x303a, productId: 0x1001 };
    const portInfo: PortInfo = { path: 'sim:esp32c3', kind: 'virtual', usb, bridge: bridgeForUsbIds(usb)!, description: 'x', lineControl: true, chip: 'esp32c3' };
    const facts = failureFactsFromError(error('port.disconnected', { path: 'sim:esp32c3' }), { platform: 'linux', portInfo, host: { exists: false, conflictingServices: [] } });
    expect(facts).toMatchObject({ bridge: 'esp-usb-serial-jtag', nativeUsb: true, chip: 'esp32c3', portExists: false, portVanished: true });
  });
});

describe('failures after the chip answered', () => {
  it('brown-out during a write: the brown-out banner, SYNC replied, write progress', () => {
    const facts = failureFactsFromError(
      error('power.brownout', {
        command: 'FLASH_DEFL_DATA',
        receivedBytes: 120,
        bootBanner: 'rst:0xf (BROWNOUT_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)',
        block: 4,
        writtenBytes: 65536,
        totalBytes: 200000,
      }),
      linux,
    );
    expect(facts).toMatchObject({ syncReplied: true, bytesReceived: 120, writeProgress: { doneBytes: 65536, totalBytes: 200000 } });
    expect(facts.banner?.brownout).toBe(true);
  });

  it('invalid packets at a high baud rate', () => {
    const facts = failureFactsFromError(error('transfer.invalid-packet', { command: 'FLASH_DEFL_DATA', invalidFrames: 2, baudRate: 921600 }), linux);
    expect(facts).toMatchObject({ invalidPackets: true, syncReplied: true, baudRate: 921600 });
  });

  it('board does not start: the boot output and what was written (mode, bootloader offset, image chip)', () => {
    const facts = failureFactsFromError(
      error('boot.failed', {
        bootLog: 'rst:0x10 (RTCWDT_RTC_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\nflash read err, 1000',
        resets: 3,
        headerFlashMode: 'qio',
        bootloaderOffset: '0x0',
        expectedBootloaderOffset: '0x1000',
        imageChip: 'ESP32-C3',
        imageFlashSize: '4MB',
      }),
      linux,
    );
    expect(facts.bootOutput).toEqual({ started: false, text: 'rst:0x10 (RTCWDT_RTC_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\nflash read err, 1000' });
    expect(facts.image).toEqual({ chip: 'esp32c3', flashMode: 'qio', flashSize: '4MB', bootloaderOffset: 0 });
    // The banner after flashing is the firmware's boot, not a connect's boot mode.
    expect(facts.banner).toBeUndefined();
    expect(facts.syncReplied).toBe(true);
  });

  it('wrong chip selected: the detected chip and the one asked for', () => {
    const facts = failureFactsFromError(error('connect.wrong-chip', { detected: 'ESP32', selected: 'ESP32-C3', port: 'sim:esp32' }, 'This chip is ESP32, not ESP32-C3.'), linux);
    expect(facts).toMatchObject({ chip: 'esp32', expectedChip: 'esp32c3', syncReplied: true, errorText: 'This chip is ESP32, not ESP32-C3.' });
  });

  it('image for another chip: the image chip and the board chip', () => {
    const facts = failureFactsFromError(error('image.wrong-chip', { name: 'app.bin', builtFor: 'ESP32-C3', boardChip: 'ESP32', imageChipId: 5, expectedChipId: 0 }), linux);
    expect(facts).toMatchObject({ chip: 'esp32', image: { chip: 'esp32c3' } });
  });
});

describe('with the recorded trace', () => {
  const trace: RecordedTrace = {
    formatVersion: 1,
    summary: {
      traceId: 't-1',
      source: 'detect',
      port: 'sim:esp32c3',
      startedAtIso: '2026-01-01T00:00:00.000Z',
      durationMs: 400,
      outcome: 'failed',
      errorCode: 'connect.no-sync-reply',
      board: { circuit: 'usb-serial-jtag', enTimeConstantMs: 0.1, circuitKnown: true, chip: 'esp32c3' },
      eventCount: 9,
      resetCount: 1,
    },
    events: [
      { kind: 'mark', atMs: 0, label: 'connecting' },
      { kind: 'open', atMs: 1, path: 'sim:esp32c3', baudRate: 115200 },
      { kind: 'mark', atMs: 2, label: 'attempt 1: USB-Serial/JTAG reset' },
      { kind: 'lines', atMs: 3, dtr: false, rts: false },
      { kind: 'lines', atMs: 4, dtr: true, rts: false },
      { kind: 'lines', atMs: 104, dtr: true, rts: true },
      { kind: 'lines', atMs: 204, dtr: false, rts: false },
      { kind: 'rx', atMs: 230, bytes: ascii('ESP-ROM:esp32c3-api1-20210207\r\nrst:0x15 (USB_UART_CHIP_RESET),boot:0x7 (DOWNLOAD(USB/UART0/1))\r\nwaiting for download\r\n') },
      { kind: 'tx', atMs: 240, bytes: Uint8Array.from([0xc0, 0x00, 0x08, 0x24, 0x00, 0xc0]) },
      { kind: 'close', atMs: 400 },
    ],
  };

  it('bytes, banner, attempts, the circuit and the reset verdict come from the trace', () => {
    const facts = failureFactsFromError(error('connect.no-sync-reply', { port: 'sim:esp32c3' }), { platform: 'linux', trace });
    expect(facts.bytesReceived).toBeGreaterThan(50);
    expect(facts.banner).toMatchObject({ download: true, waitingForDownload: true });
    expect(facts).toMatchObject({ syncReplied: false, connectAttempts: 1, resetMethod: 'USB-Serial/JTAG reset', nativeUsb: true });
    expect(facts.resetSuspect).toBe('no-sync-reply');
    expect(facts.resetVerdictTitle).toEqual(expect.any(String));
  });

  it('an open failure ignores the trace bytes: nothing was exchanged', () => {
    const facts = failureFactsFromError(error('port.busy', { path: 'sim:esp32c3' }), { platform: 'linux', trace });
    expect(facts.bytesReceived).toBeUndefined();
    expect(facts.banner).toBeUndefined();
    expect(facts.resetSuspect).toBeUndefined();
  });

  it('a port that vanished keeps only positive evidence: bytes that came, not the silence after', () => {
    const silent: RecordedTrace = { ...trace, events: trace.events.filter((event) => event.kind !== 'rx') };
    const cut = failureFactsFromError(error('port.disconnected', { path: 'sim:esp32c3' }), { platform: 'linux', trace: silent });
    expect(cut).toMatchObject({ portVanished: true, nativeUsb: true });
    expect(cut.bytesReceived).toBeUndefined();
    expect(cut.syncReplied).toBeUndefined();
    expect(cut.resetSuspect).toBeUndefined();
    const heard = failureFactsFromError(error('port.disconnected', { path: 'sim:esp32c3' }), { platform: 'linux', trace });
    expect(heard.bytesReceived).toBeGreaterThan(50);
  });
});

describe('chip names in evidence', () => {
  it('finds the longest name and not ESP32 inside ESP32-S3', () => {
    expect(chipFromText('ESP32-S3')).toBe('esp32s3');
    expect(chipFromText('an ESP32-C3 (chip id 5)')).toBe('esp32c3');
    expect(chipFromText('ESP32')).toBe('esp32');
    expect(chipFromText('esp32c6')).toBe('esp32c6');
    expect(chipFromText('chip id 99')).toBeUndefined();
  });
});
