/// <reference lib="dom" />
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualBoards } from '../../src-main/simulator';
import { SCREENSHOT_DIR, startE2e, type E2eSession } from './e2e-harness';

/**
 * The troubleshooter in Debian Chromium against browser mode and virtual boards: a Detect that
 * fails on a board whose GPIO0 is stuck high, diagnosed from its error card; the loopback test
 * on the virtual USB-serial adapter; a pasted esptool log; and the support report. Screenshots:
 * test-results/screenshots/troubleshoot-{diagnosis,loopback,log,report}-{light,dark}.png.
 */
const FAULTY_PORT = 'sim:esp32?faults=gpio0-stuck-high';
/** A loopback adapter that garbles bytes above 921600 baud, as long or cheap cables do. */
const LIMITED_LOOPBACK = 'sim:loopback?baudLimit=921600';

/** Lists the fault paths as more ports, so they can be picked in the port lists like boards. */
function withFaultPort(boards: VirtualBoards): VirtualBoards {
  return {
    list: () => {
      const listed = boards.list();
      const variant = (basePath: string, path: string, note: string) => {
        const base = listed.find((entry) => entry.info.path === basePath);
        return base === undefined ? [] : [{ info: { ...base.info, path }, summary: `${base.summary}, ${note}` }];
      };
      return [...listed, ...variant('sim:esp32', FAULTY_PORT, 'GPIO0 stuck high'), ...variant('sim:loopback', LIMITED_LOOPBACK, 'errors above 921600 baud')];
    },
    open: (path, baudRate) => boards.open(path, baudRate),
    isVirtualPath: (path) => boards.isVirtualPath(path),
    board: (nameOrPath) => boards.board(nameOrPath),
    flush: () => boards.flush(),
    dispose: () => boards.dispose(),
  };
}

/** What esptool v4 prints (after its command line) when the chip boots from flash instead of the bootloader. */
const ESPTOOL_LOG = [
  '$ esptool.py --chip esp32 --port /dev/ttyUSB0 --baud 921600 --before default_reset --after hard_reset write_flash 0x10000 blink.bin',
  'esptool.py v4.7.0',
  'Serial port /dev/ttyUSB0',
  'Connecting......................................',
  '',
  'A fatal error occurred: Failed to connect to ESP32: Wrong boot mode detected (0x13)! The chip needs to be in download mode.',
  'For troubleshooting steps visit: https://docs.espressif.com/projects/esptool/en/latest/troubleshooting.html',
].join('\n');

let session: E2eSession;

beforeAll(async () => {
  session = await startE2e({ wrapBoards: withFaultPort });
});

afterAll(async () => {
  await session?.close();
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function screenshots(name: string): Promise<void> {
  const { page } = session;
  // No focus ring from the last click in the pictures.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(100);
    await session.screenshot(`troubleshoot-${name}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function openTool(id: 'diagnosis' | 'checks' | 'log' | 'report'): Promise<void> {
  const { page } = session;
  await page.getByRole('tab', { name: 'Troubleshoot' }).click();
  await page.locator(`[data-test="ts-section-${id}"]`).click();
}

describe('troubleshooter in browser mode', () => {
  it('diagnoses a failed Detect on a board with GPIO0 stuck high from its error card', async () => {
    const { page } = session;
    await expect.poll(() => page.getByText('Connected to ESP Companion').isVisible()).toBe(true);
    await page.getByRole('tab', { name: 'Flash' }).click();
    await page.locator('#board-select').selectOption({ label: 'Custom: choose chip and reset method' });
    await page.locator('#custom-chip').selectOption({ label: 'ESP32' });
    // The default reset method: tight and classic resets both fail, which is what tells a GPIO0
    // held high apart from an EN capacitor that is too small.
    await page.locator('#custom-reset').selectOption('auto');
    await page.getByRole('radio', { name: new RegExp(`^${escapeRegExp(FAULTY_PORT)} `) }).check();
    await page.locator('[data-test="detect"]').click();
    const code = page.locator('[data-test="error-card"] [data-test="error-code"]');
    await expect.poll(() => code.count(), { timeout: 120_000 }).toBe(1);
    expect(await code.innerText()).toBe('connect.wrong-boot-mode');

    await session.screenshot('troubleshoot-error-card-light');
    await page.locator('[data-test="error-card"] [data-test="troubleshoot-link"]').click();
    const diagnosis = page.locator('#view-troubleshoot [data-test="diagnosis"]');
    await diagnosis.waitFor({ timeout: 30_000 });
    expect(await page.locator('#view-troubleshoot').isVisible()).toBe(true);
    expect(await diagnosis.getAttribute('data-cause')).toBe('wrong-boot-mode');
    expect(await diagnosis.innerText()).toMatch(/GPIO0/);
    expect(await diagnosis.locator('[data-test="evidence"]').innerText()).not.toBe('');
    expect(await diagnosis.locator('[data-test="diagnosis-steps"] > li').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-test="failure-summary"]').innerText()).toContain(FAULTY_PORT);
    await screenshots('diagnosis');
  });

  it('runs the loopback test on the virtual USB-serial adapter and shows the table and the verdict', async () => {
    const { page } = session;
    await openTool('checks');
    await page.locator('[data-test="check-loopback"]').click();
    await page.locator('#ts-check-port').selectOption(LIMITED_LOOPBACK);
    await page.locator('[data-test="run-check"]').click();
    const table = page.locator('[data-test="loopback-table"]');
    await table.waitFor({ timeout: 120_000 });
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(1);
    expect(await page.locator('[data-test="check-verdict"]').innerText()).not.toBe('');
    // The virtual adapter is clean up to its limit and garbles bytes above it.
    expect(await page.locator('[data-test="highest-clean"]').innerText()).toMatch(/921\D?600/);
    await screenshots('loopback');
  });

  it('analyzes a pasted esptool log: settings and the same diagnosis', async () => {
    const { page } = session;
    await openTool('log');
    await page.locator('[data-test="log-text"]').fill(ESPTOOL_LOG);
    await page.locator('[data-test="log-text"]').press('Control+Enter');
    const result = page.locator('[data-test="log-result"]');
    await result.waitFor({ timeout: 30_000 });
    const settings = await page.locator('[data-test="log-settings"]').innerText();
    expect(settings).toContain('esptool');
    expect(settings).toContain('4.7.0');
    expect(settings).toContain('/dev/ttyUSB0');
    expect(settings).toContain('921\u202f600');
    expect(await result.locator('[data-test="diagnosis"]').getAttribute('data-cause')).toBe('wrong-boot-mode');
    await screenshots('log');
  });

  it('creates a support report from this session and previews the Markdown', async () => {
    const { page } = session;
    await openTool('report');
    expect(await page.locator('[data-test="report-sources"]').innerText()).toContain('connect.wrong-boot-mode');
    await page.locator('[data-test="create-report"]').click();
    const markdown = page.locator('[data-test="report-markdown"]');
    await markdown.waitFor({ timeout: 30_000 });
    const text = await markdown.innerText();
    expect(text).toContain('#');
    expect(text).toContain(FAULTY_PORT);
    await screenshots('report');

    // With the chart image: the report links it and both files are saved (downloads here).
    await page.locator('[data-test="include-trace-image"]').check();
    await page.locator('[data-test="trace-image-renderer"]').waitFor({ state: 'attached' });
    await page.locator('[data-test="create-report"]').click();
    await expect.poll(async () => markdown.innerText()).toMatch(/!\[Reset trace\]\(reset-trace-[^)]+\.png\)/);
    const downloads: Download[] = [];
    page.on('download', (download) => downloads.push(download));
    await page.locator('[data-test="save-report"]').click();
    await expect.poll(() => downloads.length, { timeout: 15_000 }).toBe(2);
    const [reportFile, imageFile] = downloads;
    expect(reportFile!.suggestedFilename()).toMatch(/\.md$/);
    expect(imageFile!.suggestedFilename()).toMatch(/^reset-trace-.*\.png$/);
    expect((await markdown.innerText())).toContain(imageFile!.suggestedFilename());
    const png = readFileSync((await imageFile!.path())!);
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(png.length).toBeGreaterThan(20_000);
    writeFileSync(join(SCREENSHOT_DIR, 'troubleshoot-report-trace-image.png'), png);
  });
});
