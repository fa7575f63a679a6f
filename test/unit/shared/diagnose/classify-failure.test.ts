import { describe, expect, it } from 'vitest';
import { parseBootBanner, type BootBanner } from '../../../../src-shared/decode/boot-banner';
import { classifyFailure } from '../../../../src-shared/diagnose/classify-failure';
import type { Diagnosis, FailureFacts } from '../../../../src-shared/diagnose/diagnosis';

// One case (or more) per cause: the cause, the evidence it rests on and the first step.

function engine(extra: Omit<FailureFacts, 'source'>): FailureFacts {
  return { source: 'engine', ...extra };
}

function banner(text: string): BootBanner {
  const parsed = parseBootBanner(text);
  if (parsed === undefined) throw new Error(`not a banner: ${text}`);
  return parsed;
}

function evidence(diagnosis: Diagnosis, label: string): string | undefined {
  return diagnosis.evidence.find((entry) => entry.label === label)?.value;
}

function firstStep(diagnosis: Diagnosis): Diagnosis['steps'][number] {
  const step = diagnosis.steps[0];
  if (step === undefined) throw new Error('no steps');
  return step;
}

const ESP8266_FLASH_BOOT = ' ets Jan  8 2013,rst cause:2, boot mode:(3,6)\r\n';
const ESP32_FLASH_BOOT = 'ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n';
const ESP32_DOWNLOAD = 'ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\r\nwaiting for download\r\n';

describe('no-data', () => {
  it('rests on zero bytes and starts with power and the boot-mode probe', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'connect.no-data', bytesReceived: 0, syncReplied: false, connectAttempts: 7 }));
    expect(diagnosis.cause).toBe('no-data');
    expect(diagnosis.confidence).toBe('high');
    expect(evidence(diagnosis, 'Bytes from the board')).toMatch(/^0 /);
    expect(firstStep(diagnosis)).toMatchObject({ check: 'boot-mode' });
    expect(firstStep(diagnosis).title).toMatch(/power/);
    expect(diagnosis.steps.some((step) => /TX .*RX/.test(step.title))).toBe(true);
    expect(diagnosis.steps.some((step) => step.check === 'port-access')).toBe(true);
    expect(diagnosis.steps.some((step) => /cable/.test(step.title))).toBe(true);
  });

  it('suggests the manual bootloader instead of wiring on native USB', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'connect.no-data', bytesReceived: 0, nativeUsb: true, chip: 'esp32s3' }));
    expect(diagnosis.steps[1]?.check).toBe('manual-bootloader');
  });
});

describe('wrong-boot-mode', () => {
  it('decodes ESP32 boot:0x13 as flash boot with GPIO0 high', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'connect.wrong-boot-mode', chip: 'esp32', banner: banner(ESP32_FLASH_BOOT) }));
    expect(diagnosis.cause).toBe('wrong-boot-mode');
    expect(diagnosis.confidence).toBe('high');
    expect(diagnosis.title).toBe('The chip booted from flash instead of the bootloader');
    expect(diagnosis.explanation).toMatch(/boot:0x13.*GPIO0 was high/);
    expect(evidence(diagnosis, 'GPIO0')).toBe('high');
    expect(evidence(diagnosis, 'Boot banner')).toMatch(/boot:0x13/);
    expect(firstStep(diagnosis)).toMatchObject({ check: 'manual-bootloader' });
  });

  it('decodes the ESP8266 boot mode (3,6) and offers the reset method for ck wiring', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'connect.failed', chip: 'esp8266', resetMethod: 'ck', banner: banner(ESP8266_FLASH_BOOT) }));
    expect(diagnosis.cause).toBe('wrong-boot-mode');
    expect(diagnosis.explanation).toMatch(/boot mode:\(3,6\)/);
    expect(evidence(diagnosis, 'GPIO15')).toBe('low');
    expect(evidence(diagnosis, 'GPIO0')).toBe('high');
    expect(evidence(diagnosis, 'GPIO2')).toBe('high');
    const method = diagnosis.steps.find((step) => step.title === 'Match the reset method to the wiring');
    expect(method?.detail).toMatch(/nodemcu.*ck.*"ck"/);
  });

  it('blames GPIO15 (D8) for an SDIO boot mode', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'connect.failed', banner: banner(' ets Jan  8 2013,rst cause:2, boot mode:(7,6)\r\n') }));
    expect(diagnosis.cause).toBe('wrong-boot-mode');
    expect(firstStep(diagnosis).title).toBe('Pull GPIO15 (D8) low');
  });

  it('blames GPIO2 (D4) for an invalid boot mode', () => {
    const diagnosis = classifyFailure(engine({ banner: banner(' ets Jan  8 2013,rst cause:2, boot mode:(2,6)\r\n') }));
    expect(firstStep(diagnosis).title).toBe('Keep GPIO2 (D4) high at reset');
  });

  it('names GPIO9 as the boot pin of an ESP32-C3', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'connect.wrong-boot-mode', chip: 'esp32c3', banner: banner('ESP-ROM:esp32c3-api1-20210207\r\nrst:0x1 (POWERON),boot:0xc (SPI_FAST_FLASH_BOOT)\r\n') }));
    expect(diagnosis.cause).toBe('wrong-boot-mode');
    expect(diagnosis.explanation).toMatch(/boot:0xc: GPIO9 was high/);
    expect(evidence(diagnosis, 'GPIO9')).toBe('high');
  });

  it('flags GPIO12 high on an ESP32 (1.8 V flash)', () => {
    const diagnosis = classifyFailure(engine({ chip: 'esp32', banner: banner('rst:0x1 (POWERON_RESET),boot:0x33 (SPI_FAST_FLASH_BOOT)\r\n') }));
    expect(diagnosis.cause).toBe('wrong-boot-mode');
    expect(firstStep(diagnosis).detail).toMatch(/GPIO12/);
  });

  it.each([
    ['en-cap-small', /capacitor between EN and GND/],
    ['gpio0-stuck-high', /Free the boot pin/],
    ['no-auto-reset', /hold BOOT, tap EN/],
    ['wrong-reset-method', /Match the reset method/],
  ])('starts with the fix for the trace suspect %s', (suspect, title) => {
    const diagnosis = classifyFailure(
      engine({ errorCode: 'connect.wrong-boot-mode', chip: 'esp32', banner: banner(ESP32_FLASH_BOOT), resetSuspect: suspect, resetVerdictTitle: 'EN rose too early' }),
    );
    expect(diagnosis.cause).toBe('wrong-boot-mode');
    expect(firstStep(diagnosis).title).toMatch(title);
    expect(evidence(diagnosis, 'Reset trace suspect')).toMatch(new RegExp(`\\(${suspect}\\)$`));
    expect(evidence(diagnosis, 'Reset trace')).toBe('EN rose too early');
  });

  it('explains a chip that was never reset (connect.not-reset, no banner)', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'connect.not-reset', bytesReceived: 900, resetSuspect: 'no-auto-reset' }));
    expect(diagnosis.cause).toBe('wrong-boot-mode');
    expect(diagnosis.confidence).toBe('high');
    expect(diagnosis.title).toMatch(/did not bring the chip into its bootloader/);
    expect(firstStep(diagnosis).check).toBe('manual-bootloader');
  });
});

describe('no-sync-reply', () => {
  it('prefers a download-mode banner over a generic connect error', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'connect.failed', banner: banner(ESP32_DOWNLOAD), syncReplied: false, bytesReceived: 120 }));
    expect(diagnosis.cause).toBe('no-sync-reply');
    expect(diagnosis.confidence).toBe('medium');
    expect(evidence(diagnosis, 'Reply to SYNC')).toBe('none');
    expect(evidence(diagnosis, 'Boot banner')).toMatch(/DOWNLOAD_BOOT/);
    expect(firstStep(diagnosis)).toMatchObject({ check: 'loopback' });
    expect(firstStep(diagnosis).title).toMatch(/TX to the chip's RX/);
  });

  it('is high when the code and the banner agree', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'connect.no-sync-reply', banner: banner(ESP32_DOWNLOAD), syncReplied: false }));
    expect(diagnosis.cause).toBe('no-sync-reply');
    expect(diagnosis.confidence).toBe('high');
    expect(diagnosis.steps.some((step) => step.check === 'baud-sweep')).toBe(true);
  });
});

describe('noisy-line', () => {
  it('goes straight to 115200 on a CH340 at 921600', () => {
    const diagnosis = classifyFailure(
      engine({ errorCode: 'transfer.invalid-packet', invalidPackets: true, bridge: 'ch340', baudRate: 921600, bytesReceived: 40, syncReplied: false }),
    );
    expect(diagnosis.cause).toBe('noisy-line');
    expect(diagnosis.confidence).toBe('high');
    expect(firstStep(diagnosis)).toMatchObject({ title: 'Lower the baud rate to 115200', check: 'baud-sweep' });
    expect(firstStep(diagnosis).detail).toMatch(/921600 baud is more than this adapter carries/);
    expect(evidence(diagnosis, 'Invalid packets')).toBe('yes');
    expect(evidence(diagnosis, 'Baud rate')).toBe('921600');
  });

  it.each([
    [921600, 'cp210x', 460800],
    [460800, 'ft232r', 115200],
    [115200, 'cp210x', 9600],
  ] as const)('steps down from %d on %s to %d', (baudRate, bridge, expected) => {
    const diagnosis = classifyFailure(engine({ errorCode: 'transfer.invalid-packet', invalidPackets: true, syncReplied: true, baudRate, bridge }));
    expect(firstStep(diagnosis).title).toBe(`Lower the baud rate to ${expected}`);
  });
});

describe('write-interrupted', () => {
  it('puts power first after a brown-out part way through', () => {
    const diagnosis = classifyFailure(
      engine({ errorCode: 'power.brownout', syncReplied: true, writeProgress: { doneBytes: 131072, totalBytes: 524288 } }),
    );
    expect(diagnosis.cause).toBe('write-interrupted');
    expect(diagnosis.confidence).toBe('high');
    expect(evidence(diagnosis, 'Written')).toBe('131072 of 524288 bytes (25 %)');
    expect(evidence(diagnosis, 'Brown-out')).toBe('yes');
    expect(firstStep(diagnosis).title).toMatch(/power supply/);
  });


  it('words a failed verification as corrupted data, not a stopped write', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'flash.md5-mismatch', syncReplied: true, writeProgress: { doneBytes: 64, totalBytes: 64 } }));
    expect(diagnosis.cause).toBe('write-interrupted');
    expect(diagnosis.title).toBe('What was written does not match the file');
    expect(firstStep(diagnosis)).toMatchObject({ title: 'Erase the flash and write again at a lower baud rate', check: 'baud-sweep' });
  });

  it('lowers the baud first when nothing points to power', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'transfer.timeout', syncReplied: true, writeProgress: { doneBytes: 1, totalBytes: 2 } }));
    expect(diagnosis.cause).toBe('write-interrupted');
    expect(firstStep(diagnosis).check).toBe('baud-sweep');
  });
});

describe('app-not-running', () => {
  const written = { syncReplied: true, writeProgress: { doneBytes: 4096, totalBytes: 4096 } } as const;

  it('blames QIO on flash that reads back garbage', () => {
    const diagnosis = classifyFailure(
      engine({ ...written, errorCode: 'boot.failed', chip: 'esp8266', image: { flashMode: 'qio' }, bootOutput: { started: false, text: 'ets Jan  8 2013,rst cause:2, boot mode:(3,6)\nflash read err, 1000\n' } }),
    );
    expect(diagnosis.cause).toBe('app-not-running');
    expect(diagnosis.confidence).toBe('high');
    expect(diagnosis.detail).toMatch(/flash mode/);
    expect(firstStep(diagnosis)).toMatchObject({ title: 'Flash again with flash mode DIO', check: 'flash-mode' });
    expect(evidence(diagnosis, 'Flash mode in the image')).toBe('QIO');
    expect(evidence(diagnosis, 'Boot output')).toBe('flash read err, 1000');
  });

  it.each([
    ['esp32s3', 0x1000, '0x0'],
    ['esp32', 0x0, '0x1000'],
    ['esp32p4', 0x0, '0x2000'],
  ] as const)('finds the bootloader at the wrong offset for %s', (chip, offset, expected) => {
    const diagnosis = classifyFailure(engine({ ...written, errorCode: 'boot.failed', chip, image: { bootloaderOffset: offset, flashMode: 'dio' }, bootOutput: { started: false, text: 'invalid header: 0xffffffff' } }));
    expect(diagnosis.cause).toBe('app-not-running');
    expect(diagnosis.detail).toMatch(/offset/);
    expect(firstStep(diagnosis).title).toBe(`Write bootloader.bin at ${expected}`);
  });

  it('finds an image built for another chip after writing', () => {
    const diagnosis = classifyFailure(engine({ ...written, chip: 'esp32c3', image: { chip: 'esp32' }, bootOutput: { started: false } }));
    expect(diagnosis.cause).toBe('app-not-running');
    expect(diagnosis.detail).toMatch(/another chip/);
    expect(evidence(diagnosis, 'Image built for')).toBe('ESP32');
  });

  it('finds a flash size larger than the chip', () => {
    const diagnosis = classifyFailure(engine({ ...written, chip: 'esp32', flashSizeBytes: 4 * 1024 * 1024, image: { flashSize: '16MB', flashMode: 'dio', bootloaderOffset: 0x1000 }, bootOutput: { started: false } }));
    expect(diagnosis.detail).toMatch(/flash size/);
    expect(firstStep(diagnosis).title).toMatch(/4MB/);
  });

  it('quotes the error line of the boot output, not the ROM date line', () => {
    const text = 'ets Jun  8 2016 00:22:57\r\nrst:0x10 (RTCWDT_RTC_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\nE (37) flash_parts: partition 0 invalid magic number 0xffff\r\nload:0x3fff0030\r\n';
    const diagnosis = classifyFailure(engine({ ...written, errorCode: 'boot.failed', chip: 'esp32', image: { flashMode: 'qio' }, bootOutput: { started: false, text } }));
    expect(evidence(diagnosis, 'Boot output')).toBe('E (37) flash_parts: partition 0 invalid magic number 0xffff');
  });

  it('tells a crash at start-up from a flashing problem', () => {
    const diagnosis = classifyFailure(engine({ ...written, chip: 'esp32', image: { flashMode: 'dio', bootloaderOffset: 0x1000 }, bootOutput: { started: false, text: "Guru Meditation Error: Core  0 panic'ed (LoadProhibited)" } }));
    expect(diagnosis.detail).toMatch(/crash/);
    expect(firstStep(diagnosis).title).toMatch(/monitor/);
  });

  it('falls back to the flash-mode check when nothing is specific', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'boot.failed' }));
    expect(diagnosis.cause).toBe('app-not-running');
    expect(diagnosis.confidence).toBe('medium');
    expect(firstStep(diagnosis).check).toBe('flash-mode');
  });
});

describe('wrong-chip', () => {
  it('stops an image built for another chip before writing', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'image.wrong-chip', chip: 'esp32', image: { chip: 'esp32s3' }, syncReplied: true }));
    expect(diagnosis.cause).toBe('wrong-chip');
    expect(diagnosis.confidence).toBe('high');
    expect(diagnosis.title).toBe('The image was built for ESP32-S3, not for ESP32');
    expect(firstStep(diagnosis).title).toBe('Build the firmware for ESP32');
  });

  it('names the selected and the detected chip', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'connect.wrong-chip', chip: 'esp32c3', expectedChip: 'esp32', syncReplied: true }));
    expect(diagnosis.cause).toBe('wrong-chip');
    expect(evidence(diagnosis, 'Chip selected')).toBe('ESP32');
    expect(evidence(diagnosis, 'Chip on the board')).toBe('ESP32-C3');
    expect(firstStep(diagnosis).title).toMatch(/Select the chip that was detected/);
  });
});

describe('usb-jtag-trouble', () => {
  it('reads protocol errors on native USB', () => {
    const diagnosis = classifyFailure(
      engine({ errorCode: 'port.io-failed', errorText: '[Errno 71] Protocol error', nativeUsb: true, chip: 'esp32c3', bridge: 'esp-usb-serial-jtag' }),
    );
    expect(diagnosis.cause).toBe('usb-jtag-trouble');
    expect(diagnosis.confidence).toBe('high');
    expect(evidence(diagnosis, 'USB error')).toBe('[Errno 71] Protocol error');
    expect(evidence(diagnosis, 'Connection')).toBe("the ESP32-C3's own USB (USB-Serial/JTAG)");
    expect(firstStep(diagnosis).check).toBe('manual-bootloader');
  });

  it('resets a chip left in download mode after flashing', () => {
    const diagnosis = classifyFailure(
      engine({ syncReplied: true, nativeUsb: true, chip: 'esp32c3', writeProgress: { doneBytes: 8, totalBytes: 8 }, bootOutput: { started: false, text: 'rst:0x15 (USB_UART_CHIP_RESET),boot:0x7 (DOWNLOAD(USB/UART0/1))\nwaiting for download' } }),
    );
    expect(diagnosis.cause).toBe('usb-jtag-trouble');
    expect(diagnosis.title).toBe('The chip stayed in download mode after flashing');
    expect(firstStep(diagnosis).title).toMatch(/Press RESET/);
    expect(diagnosis.alternatives ?? []).not.toContain('no-data');
  });

  it('uses a watchdog reset over USB-OTG', () => {
    const diagnosis = classifyFailure(
      engine({ syncReplied: true, nativeUsb: true, chip: 'esp32s3', bridge: 'esp-usb-otg', bootOutput: { started: false, text: 'waiting for download' } }),
    );
    expect(firstStep(diagnosis).command).toMatch(/--after watchdog-reset/);
  });

  it('reads a vanished native-USB port as USB trouble, with port-vanished as the alternative', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'port.disconnected', portVanished: true, nativeUsb: true, chip: 'esp32s3' }));
    expect(diagnosis.cause).toBe('usb-jtag-trouble');
    expect(diagnosis.alternatives).toContain('port-vanished');
    expect(firstStep(diagnosis).title).toMatch(/Pick the port again/);
  });
});

describe('unknown', () => {
  it('says so honestly and still gives ranked steps', () => {
    const diagnosis = classifyFailure({ source: 'log' });
    expect(diagnosis.cause).toBe('unknown');
    expect(diagnosis.confidence).toBe('low');
    expect(diagnosis.title).toBe('We could not tell what went wrong');
    expect(firstStep(diagnosis).check).toBe('port-access');
    expect(diagnosis.steps.length).toBeGreaterThanOrEqual(3);
  });

  it('says no failure was found when the chip answered and the program ran', () => {
    const diagnosis = classifyFailure({ source: 'log', syncReplied: true, writeProgress: { doneBytes: 10, totalBytes: 10 }, bootOutput: { started: true } });
    expect(diagnosis.cause).toBe('unknown');
    expect(diagnosis.title).toBe('No failure found');
  });
});
