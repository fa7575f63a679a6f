/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualBoards } from '../../src-main/simulator';
import { SCREENSHOT_DIR, startE2e, type E2eSession } from './e2e-harness';

/**
 * The reset timing view in Debian Chromium against browser mode and virtual boards: record a
 * reset through the UI on a good classic board, a good "ck" board and a board whose EN
 * capacitor is too small, read the verdict, measure, zoom, compare with a reference, and take
 * screenshots (test-results/screenshots/timing-*.png) in light and dark.
 */
const FAULTY_PORT = 'sim:esp32?faults=en-cap-small';

/** Lists a fault path as one more port, so it can be picked in the port list like a board. */
function withFaultPort(boards: VirtualBoards): VirtualBoards {
  return {
    list: () => {
      const listed = boards.list();
      const base = listed.find((entry) => entry.info.path === 'sim:esp32');
      return base === undefined ? listed : [...listed, { info: { ...base.info, path: FAULTY_PORT }, summary: `${base.summary}, EN capacitor too small` }];
    },
    open: (path, baudRate) => boards.open(path, baudRate),
    isVirtualPath: (path) => boards.isVirtualPath(path),
    board: (nameOrPath) => boards.board(nameOrPath),
    flush: () => boards.flush(),
    dispose: () => boards.dispose(),
  };
}

let session: E2eSession;

beforeAll(async () => {
  session = await startE2e({ wrapBoards: withFaultPort });
  await session.page.setViewportSize({ width: 1280, height: 860 });
});

afterAll(async () => {
  await session?.close();
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Flash view: custom board with this chip and reset method, on this port. */
async function chooseBoard(chipLabel: string, resetMethod: string, port: string): Promise<void> {
  const { page } = session;
  await page.getByRole('tab', { name: 'Flash' }).click();
  await page.locator('#board-select').selectOption({ label: 'Custom: choose chip and reset method' });
  await page.locator('#custom-chip').selectOption({ label: chipLabel });
  await page.locator('#custom-reset').selectOption(resetMethod);
  await page.getByRole('radio', { name: new RegExp(`^${escapeRegExp(port)} `) }).check();
}

/** Timing view: "Record a reset", then wait for that session's trace to be shown. */
async function recordReset(port: string): Promise<void> {
  const { page } = session;
  await page.getByRole('tab', { name: 'Reset timing' }).click();
  const rows = page.locator('[role="option"]');
  const before = await rows.count();
  await page.locator('[data-test="record-reset"]').click();
  await expect.poll(() => rows.count(), { timeout: 90_000 }).toBe(before + 1);
  const selected = page.locator('[role="option"][aria-selected="true"]');
  await expect.poll(() => selected.innerText(), { timeout: 15_000 }).toContain(port);
  await page.locator('[data-test="verdict-title"]').waitFor();
  await expect.poll(() => page.locator('[data-test="record-reset"]').innerText(), { timeout: 30_000 }).toBe('Record a reset');
}

async function verdict(): Promise<{ title: string; severity: string; text: string }> {
  const card = session.page.locator('[data-test="verdict"]');
  const classes = (await card.getAttribute('class')) ?? '';
  return {
    title: await session.page.locator('[data-test="verdict-title"]').innerText(),
    severity: /verdict--(ok|warning|error)/.exec(classes)?.[1] ?? 'none',
    text: await card.innerText(),
  };
}

async function setMode(mode: 'close-up' | 'session'): Promise<void> {
  await session.page.locator(`[data-test="mode-${mode}"]`).check({ force: true });
  await session.page.waitForTimeout(150);
}

async function screenshots(name: string): Promise<void> {
  const { page } = session;
  await page.locator('[data-test="analyzer"]').first().press('Escape');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await setMode('close-up');
    await session.screenshot(`timing-${name}-close-up-${scheme}`);
    await setMode('session');
    await session.screenshot(`timing-${name}-session-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await setMode('close-up');
}

/** Cursor A's time after a click this many pixels into the chart. */
async function cursorAfterClick(offsetXPx: number): Promise<number> {
  const { page } = session;
  const canvas = page.locator('[data-test="analyzer"] canvas').first();
  const box = (await canvas.boundingBox())!;
  await page.mouse.click(box.x + offsetXPx, box.y + box.height / 2);
  return Number.parseFloat(await page.locator('[data-test="cursor-a"]').innerText());
}

describe('reset timing view in browser mode', () => {
  it('starts empty and says how to get a trace', async () => {
    const { page } = session;
    await expect.poll(() => page.getByText('Connected to ESP Companion').isVisible()).toBe(true);
    await page.getByRole('tab', { name: 'Reset timing' }).click();
    await expect.poll(() => page.locator('[data-test="timing-empty"]').isVisible()).toBe(true);
    await session.screenshot('timing-00-empty');
  });

  it('records a good classic reset on a two-transistor board: download mode, ~100 ms EN pulse', async () => {
    const { page } = session;
    await chooseBoard('ESP32', 'classic', 'sim:esp32');
    await recordReset('sim:esp32');
    const result = await verdict();
    expect(result.severity).toBe('ok');
    expect(result.title).toMatch(/download mode/i);
    expect(await page.locator('[data-test="reset-select"] option').first().innerText()).toMatch(/^Reset 1 .*booted download/);

    await page.locator('[data-test="measure-en-low"]').click();
    const pulseMs = Number.parseFloat(await page.locator('[data-test="cursor-delta"]').innerText());
    expect(pulseMs).toBeGreaterThanOrEqual(99);
    expect(pulseMs).toBeLessThan(110);
    await page.locator('[data-test="measure-gpio0-after"]').click();
    expect(Number.parseFloat(await page.locator('[data-test="cursor-delta"]').innerText())).toBeGreaterThan(20);
    await session.screenshot('timing-classic-measure-gpio0-after');

    await screenshots('classic');
  });

  it('zooms with the wheel around the pointer and resets the zoom', async () => {
    const { page } = session;
    const canvas = page.locator('[data-test="analyzer"] canvas').first();
    const box = (await canvas.boundingBox())!;
    const before = await cursorAfterClick(120);
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
    await page.mouse.wheel(0, -300);
    await page.waitForTimeout(100);
    const zoomed = await cursorAfterClick(120);
    // Zoomed in around a point to the right: the same pixel now shows a later time.
    expect(zoomed).toBeGreaterThan(before);
    await page.locator('[data-test="reset-zoom"]').click();
    expect(await cursorAfterClick(120)).toBeCloseTo(before, 1);
    await page.locator('[data-test="analyzer"]').first().press('Escape');
    expect(await page.locator('[data-test="cursor-a"]').innerText()).toBe('–');
  });

  it('records a good ck reset on a directly wired ESP8266 and compares it with the ck reference', async () => {
    const { page } = session;
    await chooseBoard('ESP8266', 'ck', 'sim:nodemcu-ck');
    await recordReset('sim:nodemcu-ck');
    const result = await verdict();
    expect(result.severity).toBe('ok');
    expect(result.title).toMatch(/download mode/i);
    await page.locator('[data-test="measure-en-low"]').click();
    // ck holds reset through a 250 ms break and 5 ms more.
    expect(Number.parseFloat(await page.locator('[data-test="cursor-delta"]').innerText())).toBeGreaterThan(240);

    await page.getByLabel('Reference', { exact: true }).selectOption('ck');
    await expect.poll(() => page.locator('[data-test="reference"]').innerText()).toMatch(/ck/);
    await session.screenshot('timing-ck-reference-overlay-light');
    await page.getByLabel('Show reference').selectOption('side-by-side');
    await expect.poll(() => page.locator('[aria-roledescription="logic analyzer chart"]').count()).toBe(2);
    await session.screenshot('timing-ck-reference-side-by-side-light');
    await page.getByLabel('Reference', { exact: true }).selectOption('none');
    await screenshots('ck');
  });

  it('records a failing reset (EN capacitor too small) and explains it in words', async () => {
    const { page } = session;
    await chooseBoard('ESP32', 'classic', FAULTY_PORT);
    await recordReset(FAULTY_PORT);
    const result = await verdict();
    expect(result.severity).not.toBe('ok');
    // Every retry shows up as its own reset; the chip booted from flash instead of download.
    expect(await page.locator('[data-test="reset-select"] option').count()).toBeGreaterThan(1);
    expect(result.text).toMatch(/capacitor/i);
    expect(result.text).toMatch(/flash/i);
    await page.getByLabel('Reference', { exact: true }).selectOption('classic');
    await session.screenshot('timing-en-cap-small-reference-light');
    await page.getByLabel('Reference', { exact: true }).selectOption('none');
    await screenshots('en-cap-small');
  });

  it('exports the shown trace as JSON and the chart as PNG (downloads in browser mode)', async () => {
    const { page } = session;
    const [json] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="export-json"]').click()]);
    expect(json.suggestedFilename()).toMatch(/^reset-trace-sim-esp32-faults-en-cap-small-\d{8}-\d{6}\.json$/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="export-png"]').click()]);
    expect(download.suggestedFilename()).toMatch(/\.png$/);
    // Kept next to the screenshots: the picture a user would post.
    const path = join(SCREENSHOT_DIR, 'timing-export-en-cap-small.png');
    await download.saveAs(path);
    expect([...readFileSync(path).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('every timing control has a name', async () => {
    const { page } = session;
    const unnamed = await page.locator('#view-timing').locator('button, input, select').evaluateAll((elements) =>
      elements
        .filter((element) => {
          const control = element as HTMLInputElement;
          const labelled =
            control.getAttribute('aria-label') ||
            (control.id && document.querySelector(`label[for="${CSS.escape(control.id)}"]`)) ||
            control.closest('label') ||
            (element.tagName === 'BUTTON' && element.textContent?.trim());
          return !labelled;
        })
        .map((element) => element.outerHTML.slice(0, 120)),
    );
    expect(unnamed).toEqual([]);
  });
});
