import { describe, expect, it } from 'vitest';
import { deriveTrace } from '../../../../src-shared/reset/derive-trace';
import { resetVerdict } from '../../../../src-shared/reset/reset-verdict';
import { ESP8266_DOWNLOAD_BANNER, SYNC_FRAME, TraceBuilder, TWO_TRANSISTOR } from './trace-builder';
import { APP_OUTPUT, connectTrace, ESP32_DOWNLOAD_BANNER, ESP32_FLASH_BANNER } from './verdict-cases';

/*
 * Each case is a trace built by hand the way the connect loop records one. The verdict must
 * reason from the trace: the error code only supports it, so most cases leave it out.
 */

describe('resetVerdict: a good trace', () => {
  it('says which boot mode was entered and gives the measured pulse widths', () => {
    const verdict = resetVerdict(connectTrace([{ strategy: 'classic', printed: ESP32_DOWNLOAD_BANNER, answers: true }], { outcome: 'ok' }));
    expect(verdict.severity).toBe('ok');
    expect(verdict.suspect).toBe('none');
    expect(verdict.title).toBe('Reset into download mode worked');
    // EN low 10..110, crossing 13.86 ms later; GPIO0 low from 110 (same-instant writes) to 160.
    expect(verdict.explanation).toContain('held EN low for 100 ms');
    expect(verdict.explanation).toContain('13.9 ms after release');
    expect(verdict.explanation).toContain('36.1 ms after');
    expect(verdict.explanation).toContain('download mode');
    expect(verdict.evidence).toContain('The chip answered SYNC.');
  });

  it('warns when only a later attempt connected', () => {
    const verdict = resetVerdict(
      connectTrace(
        [
          { strategy: 'tight', printed: ESP32_FLASH_BANNER },
          { strategy: 'classic', printed: ESP32_DOWNLOAD_BANNER, answers: true },
        ],
        { outcome: 'ok' },
      ),
    );
    expect(verdict.severity).toBe('warning');
    expect(verdict.suspect).toBe('none');
    expect(verdict.title).toContain('attempt 2');
  });

  it('says a hard reset started the firmware', () => {
    const trace = new TraceBuilder()
      .open(0)
      .mark(0, 'resetting')
      .lines(0, 0, 1)
      .lines(100, 0, 0)
      .rx(130, ESP32_FLASH_BANNER)
      .build({ outcome: 'ok', source: 'monitor' });
    const verdict = resetVerdict(trace);
    expect(verdict.severity).toBe('ok');
    expect(verdict.title).toBe('The chip reset and started its firmware');
    expect(verdict.explanation).toContain('with GPIO0 high');
  });

  it('has nothing to check without a reset', () => {
    const verdict = resetVerdict(new TraceBuilder().open(0).lines(0, 0, 0).rx(50, APP_OUTPUT).build({ outcome: 'ok', source: 'monitor' }));
    expect(verdict).toMatchObject({ severity: 'ok', suspect: 'none', title: 'No reset in this trace' });
  });
});

describe('resetVerdict: (a) resets that never reached the chip', () => {
  it('blames a missing auto-reset circuit when no banner follows any reset while the app keeps printing', () => {
    const verdict = resetVerdict(
      connectTrace([
        { strategy: 'tight', printed: APP_OUTPUT },
        { strategy: 'classic', printed: APP_OUTPUT },
      ]),
    );
    expect(verdict.severity).toBe('error');
    expect(verdict.suspect).toBe('no-auto-reset');
    expect(verdict.explanation).toContain('no boot banner followed any of these resets');
    expect(verdict.explanation).toContain('EN low 100 ms, 100 ms');
    expect(verdict.nextSteps.join(' ')).toContain('hold BOOT');
  });

  it('says EN never went low on a board without an auto-reset circuit', () => {
    const verdict = resetVerdict(connectTrace([{ strategy: 'classic', printed: APP_OUTPUT }], {}, { circuit: 'none', enTimeConstantMs: 10, circuitKnown: true }));
    expect(verdict.suspect).toBe('no-auto-reset');
    expect(verdict.title).toBe('EN never went low: this board has no auto-reset circuit; hold BOOT and press EN');
  });

  it('says so when the line changes never pull EN low on the assumed circuit', () => {
    // DTR alone, then both: neither is (DTR=0, RTS=1) on a two-transistor board.
    const trace = new TraceBuilder().open(0).lines(0, 1, 0).lines(100, 1, 1).lines(200, 0, 0).tx(210, SYNC_FRAME).rx(300, APP_OUTPUT).build();
    const verdict = resetVerdict(trace);
    expect(verdict.suspect).toBe('wrong-reset-method');
    expect(verdict.title).toBe('EN never went low: no line change reset the chip');
  });

  it('asks for a reset method when the host never touched the lines', () => {
    const trace = new TraceBuilder().open(0).lines(0, 0, 0).tx(10, SYNC_FRAME).rx(50, APP_OUTPUT).build();
    expect(resetVerdict(trace)).toMatchObject({ suspect: 'wrong-reset-method', title: 'No reset was tried: the host never asserted DTR or RTS' });
  });
});

describe('resetVerdict: (b) the chip booted from flash after a reset', () => {
  it('finds a missing EN capacitor when a tiny EN time constant explains every flash boot', () => {
    // Classic writes D1 and R0 in the same recorded millisecond; on a 1 ms-per-write bridge the
    // (1,1) moment releases EN while GPIO0 is still high. A 0.05 ms EN crosses within it.
    const verdict = resetVerdict(
      connectTrace([
        { strategy: 'classic', printed: ESP32_FLASH_BANNER },
        { strategy: 'classic-550', printed: ESP32_FLASH_BANNER },
      ]),
    );
    expect(verdict.severity).toBe('error');
    expect(verdict.suspect).toBe('en-cap-small');
    expect(verdict.explanation).toContain('GPIO0 was already high when EN rose, so the chip booted from flash');
    expect(verdict.explanation).toContain('a tight reset (both lines at once) tells the two apart');
    expect(verdict.evidence).toContain(
      'Hypothesis, no EN capacitor (EN time constant 0.05 ms): reset 1: flash boot, reset 2: flash boot (matches the banners).',
    );
    expect(verdict.nextSteps.join(' ')).toContain('1-10 uF capacitor between EN and GND');
  });

  it('does not lean on the error code', () => {
    const plans = [
      { strategy: 'classic', printed: ESP32_FLASH_BANNER },
      { strategy: 'classic-550', printed: ESP32_FLASH_BANNER },
    ] as const;
    const withCode = resetVerdict(connectTrace(plans, { errorCode: 'connect.wrong-boot-mode' }));
    const misleadingCode = resetVerdict(connectTrace(plans, { errorCode: 'connect.no-data' }));
    expect(withCode.suspect).toBe('en-cap-small');
    expect(misleadingCode.suspect).toBe('en-cap-small');
  });

  it('finds GPIO0 not reaching the chip when GPIO0 was low through the rise under every hypothesis', () => {
    // Tight resets pull GPIO0 low at the very instant EN is released: no EN time constant makes
    // them boot from flash; the 550 ms variants hold GPIO0 past even a slow EN.
    const verdict = resetVerdict(
      connectTrace([
        { strategy: 'tight', printed: ESP32_FLASH_BANNER },
        { strategy: 'tight-550', printed: ESP32_FLASH_BANNER },
        { strategy: 'classic', printed: ESP32_FLASH_BANNER },
        { strategy: 'classic-550', printed: ESP32_FLASH_BANNER },
      ]),
    );
    expect(verdict.suspect).toBe('gpio0-stuck-high');
    expect(verdict.explanation).toContain('GPIO0 was low for the whole rise of EN');
    expect(verdict.explanation).toContain('with no EN capacitor (EN time constant 0.05 ms), resets 1 and 2 would still have entered download mode');
    expect(verdict.explanation).toContain('with a large EN capacitor (EN time constant 100 ms), resets 2 and 4 would still have entered download mode');
  });

  it('suspects a slow EN when only the short reset delay was tried', () => {
    const verdict = resetVerdict(
      connectTrace([
        { strategy: 'tight', printed: ESP32_FLASH_BANNER },
        { strategy: 'tight', printed: ESP32_FLASH_BANNER },
      ]),
    );
    expect(verdict.suspect).toBe('wrong-reset-method');
    expect(verdict.title).toBe('EN rises too slowly for this reset delay');
  });

  it('blames the reset method when GPIO0 was already high at the EN rise on the assumed circuit', () => {
    // The USB-Serial/JTAG sequence ends with (0,1) -> (0,0): on a two-transistor board GPIO0 is high then.
    const verdict = resetVerdict(connectTrace([{ strategy: 'usb-jtag', printed: ESP32_FLASH_BANNER }]));
    expect(verdict.suspect).toBe('wrong-reset-method');
    expect(verdict.title).toBe('GPIO0 was already high when EN rose, so the chip booted from flash');
    expect(verdict.evidence.join('\n')).toContain('GPIO0 was high at that moment');
  });
});

describe('resetVerdict: (b) on a USB-Serial/JTAG port', () => {
  it('does not blame an EN capacitor the peripheral does not have', () => {
    const verdict = resetVerdict(
      connectTrace([{ strategy: 'usb-jtag', printed: 'ESP-ROM:esp32c3-api1-20210207\r\nrst:0x15 (USB_UART_CHIP_RESET),boot:0xc (SPI_FAST_FLASH_BOOT)\r\n' }], {}, {
        circuit: 'usb-serial-jtag',
        enTimeConstantMs: 0,
        circuitKnown: true,
      }),
    );
    expect(verdict.suspect).toBe('gpio0-stuck-high');
    expect(verdict.title).toBe('The chip booted from flash although the USB peripheral asked for download mode');
    expect(verdict.explanation).not.toContain('capacitor');
  });
});

describe('resetVerdict: (c) download mode without a reply', () => {
  it('points at the host-to-chip path', () => {
    const verdict = resetVerdict(connectTrace([{ strategy: 'classic', printed: ESP32_DOWNLOAD_BANNER }]));
    expect(verdict.suspect).toBe('no-sync-reply');
    expect(verdict.explanation).toContain('waiting for download');
    expect(verdict.explanation).toContain('the host sent 230 bytes'); // five 46-byte SYNC frames
    expect(verdict.nextSteps[0]).toContain("chip's RX");
  });

  it('reads an ESP8266 banner captured at 74880 baud', () => {
    const trace = new TraceBuilder()
      .open(0, 115200, 'sim:esp8266')
      .mark(0, 'attempt 1: Classic reset (50 ms)')
      .baud(5, 74880)
      .classic(10)
      .rx(140, ESP8266_DOWNLOAD_BANNER)
      .baud(160, 115200)
      .syncs(170)
      .build();
    const verdict = resetVerdict(trace);
    expect(verdict.suspect).toBe('no-sync-reply');
    expect(verdict.explanation).toContain('boot mode:(1,7)');
    expect(verdict.evidence.join('\n')).toContain('(74880 baud)');
  });
});

describe('resetVerdict: (d) nothing came back', () => {
  it('says no data, naming power, cable and TX wiring', () => {
    const verdict = resetVerdict(connectTrace([{ strategy: 'classic' }, { strategy: 'tight' }], { errorCode: 'connect.no-data' }));
    expect(verdict.suspect).toBe('no-data');
    expect(verdict.evidence).toContain('Received 0 bytes from the board; sent 460.');
    expect(verdict.nextSteps.join(' ')).toMatch(/powered.*cable|cable.*powered/);
  });
});

describe('resetVerdict: other outcomes', () => {
  it('clears the reset when the chip answered and the session failed later', () => {
    const verdict = resetVerdict(
      connectTrace([{ strategy: 'classic', printed: ESP32_DOWNLOAD_BANNER, answers: true }], { errorCode: 'flash.md5-mismatch', errorMessage: 'Verification failed' }),
    );
    expect(verdict).toMatchObject({ severity: 'warning', suspect: 'none', title: 'Reset and connect worked; the session failed later' });
    expect(verdict.explanation).toContain('flash.md5-mismatch');
  });

  it('says a cancelled session was cancelled', () => {
    const verdict = resetVerdict(connectTrace([{ strategy: 'classic' }], { outcome: 'cancelled' }));
    expect(verdict.explanation.startsWith('The session was cancelled. ')).toBe(true);
    expect(verdict.suspect).toBe('no-data');
  });

  it('calls unreadable bytes what they are', () => {
    const noise = new Uint8Array(64).map((_value, index) => (index * 37 + 128) & 0xff);
    const verdict = resetVerdict(new TraceBuilder().open(0).classic(10).rx(180, noise).syncs(200).build());
    expect(verdict.suspect).toBe('unknown');
    expect(verdict.title).toBe('Only unreadable bytes came back');
    expect(verdict.explanation).toContain('74880');
  });

  it('uses the derived trace it is given', () => {
    // The same bytes read on a board assumed to have no auto-reset: EN never went low.
    const trace = connectTrace([{ strategy: 'classic', printed: APP_OUTPUT }]);
    const asNone = deriveTrace(trace.events, { ...TWO_TRANSISTOR, circuit: 'none' });
    expect(resetVerdict(trace).suspect).toBe('no-auto-reset');
    expect(resetVerdict(trace, asNone).title).toBe('EN never went low: no line change reset the chip');
  });
});
