import { describe, expect, it } from 'vitest';
import { parseBootBanner } from '../../../../src-shared/decode/boot-banner';
import { describeBootBanner } from '../../../../src-shared/decode/boot-banner-words';
import type { Diagnosis } from '../../../../src-shared/diagnose/diagnosis';
import { buildSupportReport, suggestedReportName, summarizeTraceForReport, type SupportReportInput } from '../../../../src-shared/diagnose/support-report';
import type { EspErrorData } from '../../../../src-shared/errors';
import type { ChipInfo } from '../../../../src-shared/flash-job';
import type { CheckOutcome } from '../../../../src-shared/ipc/troubleshoot';
import { bridgeById, type PortInfo } from '../../../../src-shared/serial';
import { connectTrace, ESP32_DOWNLOAD_BANNER, ESP32_FLASH_BANNER } from '../reset/verdict-cases';

/*
 * The support report: the FAQ's "I'm stuck" checklist filled in from what the app measured.
 * Inputs are built by hand; the assertions read the Markdown a forum would get.
 */

const DATE = new Date('2026-11-21T14:03:27Z');

const CP2102_PORT: PortInfo = {
  path: '/dev/ttyUSB0',
  kind: 'native',
  usb: { vendorId: 0x10c4, productId: 0xea60 },
  bridge: bridgeById('cp210x'),
  serialNumber: 'SN-0001-PRIVATE',
  description: 'Silicon Labs CP210x (10C4:EA60)',
  lineControl: true,
};

const ESP32_INFO: ChipInfo = {
  chip: 'esp32',
  name: 'ESP32',
  description: 'ESP32-D0WD-V3',
  revision: 300,
  features: ['WiFi', 'BT'],
  crystalMhz: 40,
  mac: '24:0a:c4:12:34:56',
  flashSizeBytes: 4 * 1024 * 1024,
  secureDownloadMode: false,
  stubRunning: true,
};

const WRONG_BOOT_ERROR: EspErrorData = {
  code: 'connect.wrong-boot-mode',
  message: 'Wrong boot mode detected (boot:0x13)',
  hint: 'Hold BOOT.',
  evidence: { port: '/dev/ttyUSB0', attempts: ['attempt 1: flash boot', 'attempt 2: flash boot'] },
};

const WRONG_BOOT_DIAGNOSIS: Diagnosis = {
  cause: 'wrong-boot-mode',
  title: 'The chip booted from flash instead of the bootloader',
  explanation: 'GPIO0 was high when EN rose, so the ROM started the firmware.',
  evidence: [{ label: 'Boot banner', value: 'rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)' }],
  steps: [
    { title: 'Hold BOOT while the app resets the board', check: 'manual-bootloader' },
    { title: 'Add a capacitor on EN', detail: '1-10 uF between EN and GND delays the EN rise.' },
    { title: 'Join the dialout group', command: 'sudo usermod -aG dialout $USER' },
  ],
  confidence: 'high',
  alternatives: ['no-data'],
};

function base(overrides: Partial<SupportReportInput> = {}): SupportReportInput {
  return { appVersion: '0.9.0', platform: 'linux', generatedAt: DATE, ...overrides };
}

/** The Markdown from the "## title" heading up to the next heading of that level. */
function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`## ${title}\n`);
  expect(start, `section ${title}`).toBeGreaterThanOrEqual(0);
  const next = markdown.indexOf('\n## ', start + 3);
  return markdown.slice(start, next === -1 ? undefined : next);
}

/** The checklist line for a topic, with its evidence lines under it. */
function item(markdown: string, topic: string): string {
  const lines = markdown.split('\n');
  const index = lines.findIndex((line) => /^- \[[ x]\] \*\*/.test(line) && line.includes(`**${topic}:`));
  expect(index, `item ${topic}`).toBeGreaterThanOrEqual(0);
  const evidence: string[] = [];
  for (const line of lines.slice(index + 1)) {
    if (!line.startsWith('    - ')) break;
    evidence.push(line);
  }
  return [lines[index]!, ...evidence].join('\n');
}

const portAccess = (result: Partial<Extract<CheckOutcome['result'], { kind: 'port-access' }>>, ok: boolean, verdict: string): CheckOutcome => ({
  ok,
  verdict,
  result: { kind: 'port-access', exists: true, canOpen: true, conflictingServices: [], ...result },
});

describe('buildSupportReport: layout', () => {
  it('has the four checklist sections of the FAQ in its order, after the diagnosis', () => {
    const { markdown } = buildSupportReport(base({ diagnosis: WRONG_BOOT_DIAGNOSIS }));
    const headings = markdown.split('\n').filter((line) => line.startsWith('#'));
    expect(headings).toEqual(['# ESP Companion support report', '## Diagnosis', '## Initial checks', '## Advanced checks', '## Reset method', '## Software']);
  });

  it('puts each FAQ question under its section', () => {
    const { markdown } = buildSupportReport(base());
    const topics = (title: string) =>
      section(markdown, title)
        .split('\n')
        .filter((line) => line.startsWith('- ['))
        .map((line) => /\*\*([^:*]+)/.exec(line)?.[1]);
    expect(topics('Initial checks')).toEqual(['Port', 'Cable', 'Driver', 'Port access', 'Power', 'Board answers', 'Chip', 'Upload speed']);
    expect(topics('Advanced checks')).toEqual(['Boot message', 'Loopback', 'Manual bootloader entry', 'Flash header', 'Session matches settings']);
    expect(topics('Reset method')).toEqual(['Reset method', 'Connection diagram', 'Reset waveform', 'Whole session']);
    expect(topics('Software')).toEqual(['Tool', 'Operating system']);
  });

  it('shows the diagnosis with its evidence table, ranked steps, commands and checks', () => {
    const { markdown } = buildSupportReport(base({ diagnosis: WRONG_BOOT_DIAGNOSIS, error: WRONG_BOOT_ERROR }));
    const diagnosis = section(markdown, 'Diagnosis');
    expect(markdown).toContain('**Problem:** The chip booted from flash instead of the bootloader');
    expect(diagnosis).toContain('cause `wrong-boot-mode`, confidence high');
    expect(diagnosis).toContain('| Boot banner | rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT) |');
    expect(diagnosis).toContain('1. **Hold BOOT while the app resets the board** (Manual bootloader entry check on the Troubleshoot tab)');
    expect(diagnosis).toContain('2. **Add a capacitor on EN**: 1-10 uF between EN and GND delays the EN rise.');
    expect(diagnosis).toContain('3. **Join the dialout group** Command: `sudo usermod -aG dialout $USER`');
    expect(diagnosis).toContain('Also fits the evidence: `no-data`.');
  });
});

describe('buildSupportReport: items ticked from what was measured', () => {
  it('ticks port, cable and driver from the listed port', () => {
    const { markdown } = buildSupportReport(base({ port: CP2102_PORT, portPath: CP2102_PORT.path }));
    expect(item(markdown, 'Port')).toBe('- [x] **Port:** `/dev/ttyUSB0` is present: Silicon Labs CP210x (10C4:EA60).');
    expect(item(markdown, 'Cable')).toMatch(/^- \[x\] .*`10C4:EA60`.*carries data/);
    expect(item(markdown, 'Driver')).toMatch(/^- \[x\] .*Silicon Labs CP210x is recognised/);
    // The USB serial number identifies the device: not in a public post.
    expect(markdown).not.toContain('SN-0001-PRIVATE');
  });

  it("adds the bridge's known driver issue to the driver item", () => {
    const port: PortInfo = { ...CP2102_PORT, usb: { vendorId: 0x1a86, productId: 0x55d4 }, bridge: bridgeById('ch9102'), description: 'WCH CH9102' };
    const { markdown } = buildSupportReport(base({ port, platform: 'darwin' }));
    expect(item(markdown, 'Driver')).toContain('Known issue: On macOS install the WCH driver');
  });

  it('ticks the loopback, baud sweep, manual entry and flash header from their outcomes, with tables', () => {
    const checks: CheckOutcome[] = [
      {
        ok: true,
        verdict: 'The adapter echoes every byte up to 921600 baud',
        result: {
          kind: 'loopback',
          rows: [
            { baudRate: 115200, sentBytes: 4096, receivedBytes: 4096, errorBytes: 0, errorRate: 0 },
            { baudRate: 921600, sentBytes: 4096, receivedBytes: 4096, errorBytes: 0, errorRate: 0 },
          ],
          highestCleanBaudRate: 921600,
        },
      },
      {
        ok: true,
        verdict: '460800 is the highest reliable rate',
        result: {
          kind: 'baud-sweep',
          rows: [
            { baudRate: 460800, synced: true, wrote: true, verified: true },
            { baudRate: 921600, synced: true, wrote: true, verified: false, errorCode: 'flash.md5-mismatch' },
          ],
          highestReliableBaudRate: 460800,
        },
      },
      { ok: true, verdict: 'Connected by hand', result: { kind: 'manual-bootloader', attempts: 3, connected: true, chip: ESP32_INFO } },
      {
        ok: true,
        verdict: 'The header matches the chip',
        result: { kind: 'flash-mode', header: { flashMode: 'dio', flashSize: '4MB', flashFrequency: '40m' }, detectedFlashSizeBytes: 4 * 1024 * 1024, chip: ESP32_INFO },
      },
    ];
    const { markdown } = buildSupportReport(base({ checks }));
    expect(item(markdown, 'Loopback')).toBe('- [x] **Loopback:** The adapter echoes every byte up to 921600 baud. Highest clean rate: 921600 baud.');
    expect(markdown).toContain('| 921600 | 4096 | 4096 | 0 | 0 % |');
    expect(item(markdown, 'Upload speed')).toContain('- [x] **Upload speed:** The highest baud that synced, wrote and verified: **460800** (tried 460800, 921600).');
    expect(markdown).toContain('| 921600 | yes | yes | no | flash.md5-mismatch |');
    expect(item(markdown, 'Manual bootloader entry')).toBe(
      '- [x] **Manual bootloader entry:** The chip answered after 3 tries with BOOT held during reset: ESP32-D0WD-V3 (ESP32, revision v3.0), 40 MHz crystal, 4 MB flash.',
    );
    expect(item(markdown, 'Flash header')).toContain('mode `dio`, size `4MB`, frequency `40m`; the chip\'s flash is 4 MB.');
    // The chip read by a check fills the Chip item; the MAC address stays out.
    expect(item(markdown, 'Chip')).toContain('- [x] **Chip:** Read from the chip: ESP32-D0WD-V3');
    expect(markdown).not.toContain('24:0a:c4');
  });

  it('ticks the boot message when the probe saw download mode, and shows the banner as code', () => {
    const banner = parseBootBanner(ESP32_DOWNLOAD_BANNER)!;
    const checks: CheckOutcome[] = [
      {
        ok: true,
        verdict: 'Download mode',
        result: { kind: 'boot-mode', romBaudRate: 115200, bytesReceived: 120, bannerText: ESP32_DOWNLOAD_BANNER, notes: [describeBootBanner(banner, 0)], download: true },
      },
    ];
    const { markdown } = buildSupportReport(base({ checks }));
    expect(item(markdown, 'Boot message')).toMatch(/^- \[x\] .*at 115200 baud: \*\*download mode\*\*\.$/);
    expect(markdown).toContain('```text\nets Jun  8 2016 00:22:57\n\nrst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\nwaiting for download\n```');
    expect(item(markdown, 'Power')).toMatch(/^- \[x\] .*no brown-out/);
  });

  it('reads the reset method, the measured pulses and the verdict from a good trace', () => {
    const trace = summarizeTraceForReport(connectTrace([{ strategy: 'classic', printed: ESP32_DOWNLOAD_BANNER, answers: true }], { outcome: 'ok' }));
    const { markdown } = buildSupportReport(base({ trace }));
    expect(item(markdown, 'Reset method')).toBe('- [x] **Reset method:** Tried in the recorded session: Classic reset (50 ms).');
    expect(item(markdown, 'Reset waveform')).toBe('- [x] **Reset waveform:** Reset into download mode worked (one reset measured).');
    expect(item(markdown, 'Connection diagram')).toContain('- [x] **Connection diagram:** Circuit: two-transistor (reported by the port)');
    // EN low 10..110 ms, EN crosses 13.86 ms after release, GPIO0 low from 110 to 160 ms.
    expect(markdown).toContain('| Reset 1 (attempt 1) | 100 ms | 13.9 ms | 13.9 ms | 36.1 ms | download |');
    expect(item(markdown, 'Whole session')).toMatch(/^- \[x\] .*1 reset, .*finished\.$/);
    expect(item(markdown, 'Session matches settings')).toContain('`sim:esp32` at 115200 baud');
  });

  it('counts what is fine, what is a problem and what is not measured', () => {
    const { markdown } = buildSupportReport(base({ port: CP2102_PORT, error: WRONG_BOOT_ERROR }));
    // Fine: port, cable, driver, tool, OS. Problem: board answers.
    expect(markdown).toContain('Checklist: 5 measured and fine, 1 problem, ');
  });
});

describe('buildSupportReport: problems carry their evidence', () => {
  it('names the process holding the port, the missing group with its command, and the services', () => {
    const checks = [
      portAccess(
        { canOpen: false, holder: { pid: 4242, command: 'screen' }, portGroup: { group: 'dialout', userIsMember: false }, conflictingServices: ['ModemManager', 'brltty'] },
        false,
        'The port is busy',
      ),
    ];
    const { markdown } = buildSupportReport(base({ checks, portPath: '/dev/ttyUSB0' }));
    expect(item(markdown, 'Port access')).toBe(
      [
        '- [ ] **Port access: problem.** The port is busy.',
        '    - held by `screen`, pid 4242',
        '    - the port belongs to group `dialout` and you are not in it: `sudo usermod -aG dialout $USER`, then log out and in',
        '    - services that grab USB serial ports are present: `ModemManager`, `brltty`',
      ].join('\n'),
    );
  });

  it('ticks port access when the check found nothing wrong', () => {
    const checks = [portAccess({ portGroup: { group: 'dialout', userIsMember: true } }, true, 'The port opens')];
    const { markdown } = buildSupportReport(base({ checks }));
    expect(item(markdown, 'Port access')).toMatch(/^- \[x\] \*\*Port access:\*\* .*The port opens\.$/);
  });

  it('shows the failing error with its evidence under "Board answers"', () => {
    const { markdown } = buildSupportReport(base({ error: WRONG_BOOT_ERROR }));
    expect(item(markdown, 'Board answers')).toBe(
      [
        '- [ ] **Board answers: problem.** The session failed with `connect.wrong-boot-mode`: Wrong boot mode detected (boot:0x13).',
        '    - port: `/dev/ttyUSB0`',
        '    - attempts: `attempt 1: flash boot`; `attempt 2: flash boot`',
      ].join('\n'),
    );
  });

  it('marks a flash boot after a download reset and decodes the strap levels', () => {
    const banner = parseBootBanner(ESP32_FLASH_BANNER)!;
    const note = describeBootBanner(banner, 0);
    const checks: CheckOutcome[] = [
      { ok: false, verdict: 'Booted from flash', result: { kind: 'boot-mode', romBaudRate: 115200, bytesReceived: 90, bannerText: ESP32_FLASH_BANNER, notes: [note], download: false } },
    ];
    const { markdown } = buildSupportReport(base({ checks }));
    const boot = item(markdown, 'Boot message');
    expect(boot).toMatch(/^- \[ \] \*\*Boot message: problem\.\*\* .*\*\*booted from flash\*\*/);
    expect(boot).toContain(`    - ${note.title}.`);
    expect(markdown).toContain('| GPIO0 | high |');
    expect(markdown).toContain('| Boot mode | 0x13 SPI_FAST_FLASH_BOOT: flash boot |');
  });

  it('marks silence at the ROM baud as a problem', () => {
    const checks: CheckOutcome[] = [{ ok: false, verdict: 'Nothing came back', result: { kind: 'boot-mode', romBaudRate: 74880, bytesReceived: 0, notes: [] } }];
    const { markdown } = buildSupportReport(base({ checks }));
    expect(item(markdown, 'Boot message')).toBe(
      '- [ ] **Boot message: problem.** Nothing arrived at 74880 baud after the reset: no power, a broken TX line from the chip, or the wrong port.\n    - Nothing came back.',
    );
    expect(item(markdown, 'Power')).toMatch(/_not measured\._/);
  });

  it('lists the loopback rates with errors', () => {
    const checks: CheckOutcome[] = [
      {
        ok: false,
        verdict: 'Errors above 230400 baud',
        result: {
          kind: 'loopback',
          rows: [
            { baudRate: 230400, sentBytes: 2048, receivedBytes: 2048, errorBytes: 0, errorRate: 0 },
            { baudRate: 921600, sentBytes: 2048, receivedBytes: 2000, errorBytes: 61, errorRate: 61 / 2048 },
          ],
          highestCleanBaudRate: 230400,
        },
      },
    ];
    const { markdown } = buildSupportReport(base({ checks }));
    expect(item(markdown, 'Loopback')).toBe(
      '- [ ] **Loopback: problem.** Errors above 230400 baud. Highest clean rate: 230400 baud.\n    - 921600 baud: 61 of 2048 bytes wrong or missing (3.0 %)',
    );
  });

  it('marks a brown-out seen in the trace as a power problem with the banner', () => {
    const brownout = 'ets Jun  8 2016 00:22:57\r\n\r\nrst:0xf (BROWNOUT_RST),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n';
    const trace = summarizeTraceForReport(connectTrace([{ strategy: 'classic', printed: brownout }], { errorCode: 'connect.wrong-boot-mode' }));
    const { markdown } = buildSupportReport(base({ trace }));
    expect(item(markdown, 'Power')).toContain('- [ ] **Power: problem.** The chip reset on a brown-out');
    expect(item(markdown, 'Power')).toContain('    - banner: `rst:0xf (BROWNOUT_RST),boot:0x13 (SPI_FAST_FLASH_BOOT)`');
  });

  it('marks the reset waveform from a trace with flash boots, with the verdict evidence and every reset measured', () => {
    const trace = summarizeTraceForReport(
      connectTrace(
        [
          { strategy: 'classic', printed: ESP32_FLASH_BANNER },
          { strategy: 'tight', printed: ESP32_FLASH_BANNER },
        ],
        { errorCode: 'connect.wrong-boot-mode' },
      ),
    );
    const { markdown } = buildSupportReport(base({ trace }));
    const waveform = item(markdown, 'Reset waveform');
    expect(waveform).toMatch(/^- \[ \] \*\*Reset waveform: problem\.\*\* .*\(2 resets measured\)/);
    expect(waveform).toContain(`    - ${trace.verdict.evidence[1]!}`);
    expect(markdown).toContain('| Reset 2 (attempt 2) | 100 ms |');
    expect(item(markdown, 'Boot message')).toMatch(/^- \[ \] .*recorded session saw the ROM banner `rst:0x1 \(POWERON_RESET\),boot:0x13 \(SPI_FAST_FLASH_BOOT\)`/);
    expect(item(markdown, 'Whole session')).toContain('failed (connect.wrong-boot-mode).');
  });

  it('says when the chip read back is not the one the board is set up for', () => {
    const { markdown } = buildSupportReport(base({ chip: 'esp8266', chipInfo: ESP32_INFO }));
    expect(item(markdown, 'Chip')).toBe('- [ ] **Chip: problem.** The chip answered as ESP32-D0WD-V3 (ESP32, revision v3.0), 40 MHz crystal, 4 MB flash, but the board is set up as ESP8266.');
  });

  it('says a port without DTR/RTS cannot reset the board', () => {
    const port: PortInfo = { path: 'socket://127.0.0.1:4000', kind: 'tcp', description: 'TCP', lineControl: false };
    const { markdown } = buildSupportReport(base({ port }));
    expect(item(markdown, 'Connection diagram')).toMatch(/^- \[ \] \*\*Connection diagram: problem\.\*\* This port carries no DTR\/RTS/);
    expect(item(markdown, 'Cable')).toMatch(/_not applicable\._/);
  });

  it('says when the port is gone', () => {
    const { markdown } = buildSupportReport(base({ portPath: '/dev/ttyACM0' }));
    expect(item(markdown, 'Port')).toMatch(/^- \[ \] \*\*Port: problem\.\*\* `\/dev\/ttyACM0` is not in the port list now/);
  });
});

describe('buildSupportReport: privacy and safe Markdown', () => {
  it('replaces the home folder with ~ everywhere, in any spelling', () => {
    const error: EspErrorData = {
      code: 'image.wrong-chip',
      message: 'The image /home/alice/blink/build/blink.bin is for another chip',
      hint: '',
      evidence: { image: '/home/alice/blink/build/blink.bin', copy: 'C:\\Users\\alice\\blink.bin', mac: '/Users/alice/x.bin' },
    };
    const diagnosis: Diagnosis = { ...WRONG_BOOT_DIAGNOSIS, explanation: 'Built in /home/alice/blink with the ESP32 toolchain.' };
    const { markdown } = buildSupportReport(base({ error, diagnosis, homeDir: '/home/alice' }));
    expect(markdown).not.toMatch(/alice/i);
    expect(markdown).toContain('`~/blink/build/blink.bin`');
    expect(markdown).toContain('Built in ~/blink with the ESP32 toolchain.');
    expect(markdown).toContain('`~\\blink.bin`');
  });

  it('leaves other folders that merely start like the home folder alone', () => {
    const error: EspErrorData = { code: 'port.not-found', message: 'Not found', hint: '', evidence: { other: '/home/alicebob/file' } };
    const { markdown } = buildSupportReport(base({ error, homeDir: '/home/alice' }));
    // The generic rule still hides the other user's name, but not as if it were this home.
    expect(markdown).toContain('`~/file`');
    expect(markdown).not.toContain('~bob');
  });

  it('escapes text from the board or other tools so nothing becomes HTML or formatting', () => {
    const diagnosis: Diagnosis = { ...WRONG_BOOT_DIAGNOSIS, title: 'Saw <script>alert(1)</script> and *stars* | pipes', evidence: [{ label: 'raw', value: 'a|b <i>' }] };
    const { markdown } = buildSupportReport(base({ diagnosis }));
    // Every angle bracket is escaped, so no renderer sees a tag.
    expect(markdown).not.toMatch(/(?<!\\)<\/?[a-z]/i);
    expect(markdown).toContain('Saw \\<script\\>alert(1)\\</script\\> and \\*stars\\* \\| pipes');
    expect(markdown).toContain('| raw | a\\|b \\<i\\> |');
  });

  it('keeps a banner with backticks inside its code block', () => {
    const text = 'rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\n```oops```\n';
    const checks: CheckOutcome[] = [{ ok: false, verdict: 'flash', result: { kind: 'boot-mode', romBaudRate: 115200, bytesReceived: 80, bannerText: text, notes: [], download: false } }];
    const { markdown } = buildSupportReport(base({ checks }));
    expect(markdown).toContain('````text\nrst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\n```oops```\n````');
  });
});

describe('buildSupportReport: the trace image', () => {
  const trace = summarizeTraceForReport(connectTrace([{ strategy: 'classic', printed: ESP32_DOWNLOAD_BANNER, answers: true }], { outcome: 'ok' }));

  it('shows the image line only when a file name is given', () => {
    const withImage = buildSupportReport(base({ trace, traceImageName: 'esp-companion-reset-ttyUSB0.png' })).markdown;
    expect(section(withImage, 'Reset method')).toContain('![Reset trace](esp-companion-reset-ttyUSB0.png)');
    const without = buildSupportReport(base({ trace })).markdown;
    expect(without).not.toContain('![');
    expect(without).toContain('export it as PNG from the Reset timing tab');
  });

  it('encodes spaces and brackets in the file name', () => {
    const { markdown } = buildSupportReport(base({ traceImageName: 'reset (1).png' }));
    expect(markdown).toContain('![Reset trace](reset%20%281%29.png)');
  });
});

describe('buildSupportReport: nothing measured', () => {
  const { markdown, suggestedName } = buildSupportReport({ appVersion: '0.9.0', generatedAt: DATE });

  it('still reads as the checklist, each open item saying how to measure it in the app', () => {
    expect(markdown).not.toMatch(/undefined|NaN|\[object/);
    expect(markdown).toContain('**Problem:** not given; this report lists what was measured.');
    expect(markdown).toContain('No failure was given for this report');
    const open = markdown.split('\n').filter((line) => line.includes('_not measured._'));
    expect(open).toHaveLength(18);
    expect(markdown).toContain('Checklist: 1 measured and fine, 0 problems, 18 not measured yet.');
    expect(item(markdown, 'Boot message')).toContain('Run the **Boot mode** check on the Troubleshoot tab');
    expect(item(markdown, 'Port access')).toContain('the **Port and permission** check');
    expect(item(markdown, 'Loopback')).toContain('the **Adapter loopback** check');
    expect(item(markdown, 'Upload speed')).toContain('the **Baud sweep** check');
    expect(item(markdown, 'Flash header')).toContain('the **Flash mode** check');
    expect(item(markdown, 'Tool')).toBe("- [x] **Tool:** ESP Companion 0.9.0, flashing with its own engine (Espressif's ROM bootloader protocol; not esptool).");
    // No empty tables or image without data.
    expect(markdown).not.toContain('| --- |');
    expect(markdown).not.toContain('![');
    expect(suggestedName).toBe('esp-companion-report-20261121-1403.md');
  });
});

describe('suggestedReportName', () => {
  it('names the port and the time (UTC) in the file name', () => {
    expect(suggestedReportName(DATE, '/dev/ttyUSB0')).toBe('esp-companion-report-ttyUSB0-20261121-1403.md');
    expect(suggestedReportName(DATE, 'COM3')).toBe('esp-companion-report-COM3-20261121-1403.md');
    expect(suggestedReportName(DATE, 'sim:esp8266?faults=no-auto-reset&wire=fast')).toBe('esp-companion-report-sim-esp8266-20261121-1403.md');
    expect(suggestedReportName(DATE, 'socket://127.0.0.1:4000')).toBe('esp-companion-report-socket-127-0-0-1-4000-20261121-1403.md');
  });

  it('is what the report suggests for its port', () => {
    expect(buildSupportReport(base({ port: CP2102_PORT })).suggestedName).toBe('esp-companion-report-ttyUSB0-20261121-1403.md');
  });
});

describe('buildSupportReport: a reset that worked on a retry', () => {
  it('ticks the waveform and says why the first attempt did not work', () => {
    const trace = summarizeTraceForReport(
      connectTrace(
        [
          { strategy: 'tight', printed: ESP32_FLASH_BANNER },
          { strategy: 'classic', printed: ESP32_DOWNLOAD_BANNER, answers: true },
        ],
        { outcome: 'ok' },
      ),
    );
    const { markdown } = buildSupportReport(base({ trace }));
    expect(trace.verdict.severity).toBe('warning');
    expect(item(markdown, 'Reset waveform')).toBe(`- [x] **Reset waveform:** ${trace.verdict.title} (2 resets measured). ${trace.verdict.explanation}`);
    expect(item(markdown, 'Reset method')).toContain('Tight reset (50 ms), Classic reset (50 ms)');
  });
});
