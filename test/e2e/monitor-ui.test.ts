/// <reference lib="dom" />
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIRTUAL_APP_SYMBOLS } from '../../src-main/simulator/board/virtual-app-symbols';
import { buildSyntheticElf } from '../helpers/synthetic-elf';
import { syntheticParts } from '../helpers/synthetic-parts';
import { startE2e, type E2eSession } from './e2e-harness';

/**
 * The serial monitor in Debian Chromium against browser mode and virtual boards: Flash & monitor
 * lands on the running app's output without resetting it, Reset (run app) brings a decoded boot
 * banner, the lines and the keyboard shortcuts reach the board, and a crashing app shows a Guru
 * Meditation card whose backtrace names functions once the app's ELF is loaded.
 * Screenshots (light and dark) land in test-results/screenshots/monitor-*.png.
 */
let session: E2eSession;
let firmware: string[];

beforeAll(async () => {
  session = await startE2e();
  firmware = syntheticParts('esp32', { appSizeBytes: 64 * 1024 }).map((part) => {
    const path = join(session.workDir, part.name);
    writeFileSync(path, part.data);
    return path;
  });
});

afterAll(async () => {
  await session?.close();
});

function terminalText(): Promise<string> {
  return session.page.locator('[data-testid="monitor-terminal"] .xterm-rows').innerText();
}

async function screenshots(name: string): Promise<void> {
  const { page } = session;
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForTimeout(300);
  await session.screenshot(`${name}-light`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(300);
  await session.screenshot(`${name}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
}

const board = () => session.boards.board('esp32');
const notes = (kind: string) => session.page.locator(`[data-test="note-${kind}"]`);

describe('serial monitor in browser mode', () => {
  it('Flash & monitor flashes a virtual ESP32, opens the monitor on it and shows the app output', async () => {
    const { page } = session;
    await expect.poll(() => page.getByText('Connected to ESP Companion').isVisible()).toBe(true);
    await page.getByLabel('Board', { exact: true }).selectOption({ label: 'ESP32 DevKitC' });
    await page.getByRole('radio', { name: /^sim:esp32 / }).check();
    await page.locator('[data-test="file-input"]').setInputFiles(firmware);
    await expect.poll(() => page.locator('[data-test="file-test-esp32.bin"]').count()).toBe(1);
    await page.getByRole('button', { name: 'Flash & monitor' }).click();

    await expect.poll(() => page.getByRole('tab', { name: 'Serial monitor' }).getAttribute('aria-selected'), { timeout: 60_000 }).toBe('true');
    await expect.poll(() => page.locator('[data-test="monitor-state"]').getAttribute('data-state')).toBe('open');
    await expect.poll(terminalText, { timeout: 15_000 }).toMatch(/hello from virtual ESP32, tick \d+/);
    expect(await page.locator('#monitor-port').inputValue()).toBe('sim:esp32');
    // Opening the monitor left both lines released: the app keeps running.
    expect(board().hostLines).toEqual({ dtr: false, rts: false });
    expect(board().firmwareState).toBe('app');
  });

  it('Reset (run app) restarts the board and shows its decoded boot banner', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Reset (run app)' }).click();
    await notes('boot-banner').first().waitFor({ timeout: 15_000 });
    const card = await notes('boot-banner').first().innerText();
    expect(card.length).toBeGreaterThan(20);
    await expect.poll(terminalText, { timeout: 15_000 }).toMatch(/rst:0x1 \(POWERON_RESET\)|rst:0x\w+/);
    await expect.poll(() => board().firmwareState, { timeout: 10_000 }).toBe('app');
    await page.waitForTimeout(1500);
    await screenshots('monitor-banner');
  });

  it('DTR and RTS toggles set both lines together on the board', async () => {
    const { page } = session;
    const dtr = page.locator('[data-test="monitor-dtr"]');
    const rts = page.locator('[data-test="monitor-rts"]');
    await dtr.click();
    await expect.poll(() => board().hostLines).toEqual({ dtr: true, rts: false });
    await expect.poll(() => dtr.getAttribute('aria-pressed')).toBe('true');
    await dtr.click();
    await expect.poll(() => board().hostLines).toEqual({ dtr: false, rts: false });
    await rts.click();
    await expect.poll(() => board().hostLines).toEqual({ dtr: false, rts: true });
    await rts.click();
    await expect.poll(() => board().hostLines).toEqual({ dtr: false, rts: false });
    await expect.poll(() => board().firmwareState).toBe('app');
  });

  it('keyboard shortcuts work with focus in the terminal', async () => {
    const { page } = session;
    await page.locator('[data-testid="monitor-terminal"]').click();
    await page.keyboard.press('Control+Shift+B');
    await expect.poll(() => board().firmwareState, { timeout: 10_000 }).toBe('download');
    const bannersBefore = await notes('boot-banner').count();
    await page.keyboard.press('Control+Shift+R');
    await expect.poll(() => board().firmwareState, { timeout: 10_000 }).toBe('app');
    await expect.poll(() => notes('boot-banner').count(), { timeout: 10_000 }).toBeGreaterThan(bannersBefore);

    await page.keyboard.press('Control+F');
    const search = page.locator('[data-test="monitor-search-input"]');
    await expect.poll(() => search.evaluate((element) => element === document.activeElement)).toBe(true);
    await search.fill('hello from virtual');
    await expect.poll(() => page.locator('[data-test="monitor-search-summary"]').innerText()).toMatch(/\d+ of \d+|\d+\+ matches/);
    await page.keyboard.press('Escape');
    await expect.poll(() => search.count()).toBe(0);
  });

  it('timestamps, pause with a new-line count, sending with history, and Save log', async () => {
    const { page } = session;
    await page.locator('[data-test="monitor-timestamps"]').check();
    await expect.poll(terminalText, { timeout: 10_000 }).toMatch(/\d\d:\d\d:\d\d\.\d{3} .*tick \d+/);

    await page.locator('[data-test="monitor-pause"]').click();
    await expect.poll(() => page.locator('[data-test="monitor-paused"]').innerText(), { timeout: 10_000 }).toMatch(/Paused — [1-9]\d* new lines?/);
    await page.locator('[data-test="monitor-resume"]').click();
    await expect.poll(() => page.locator('[data-test="monitor-paused"]').count()).toBe(0);
    await page.locator('[data-test="monitor-timestamps"]').uncheck();

    const input = page.locator('[data-test="monitor-send-input"]');
    await input.fill('status');
    await input.press('Enter');
    await expect.poll(() => input.inputValue()).toBe('');
    await input.press('ArrowUp');
    expect(await input.inputValue()).toBe('status');
    await input.fill('');

    const download = page.waitForEvent('download');
    await page.locator('[data-test="monitor-save-log"]').click();
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(/^monitor-sim_esp32-\d{8}-\d{6}\.log$/);
    const log = readFileSync((await saved.path())!, 'latin1');
    expect(log).toMatch(/hello from virtual ESP32, tick \d+/);
    expect(log).toMatch(/rst:0x/);
  });

  it('a crashing app shows a Guru Meditation card; the loaded ELF names the backtrace functions', async () => {
    const { page } = session;
    await page.locator('[data-test="monitor-notes-clear"]').click();
    await page.locator('[data-test="monitor-close"]').click();
    await expect.poll(() => page.locator('[data-test="monitor-state"]').getAttribute('data-state')).toBe('closed');
    await page.locator('#monitor-port').fill('sim:esp32?faults=app-crash');
    await page.locator('[data-test="monitor-open"]').click();
    const crash = notes('guru-meditation').first();
    await crash.waitFor({ timeout: 30_000 });
    expect(await crash.innerText()).toMatch(/Guru Meditation|panic/i);
    await expect.poll(() => page.locator('[data-test="note-frames"]').count()).toBeGreaterThan(0);

    const elf = buildSyntheticElf({ machine: 'xtensa', symbols: VIRTUAL_APP_SYMBOLS.xtensa });
    await page.locator('[data-test="monitor-elf-input"]').setInputFiles({ name: 'app.elf', mimeType: 'application/octet-stream', buffer: Buffer.from(elf) });
    await expect.poll(() => page.locator('[data-test="monitor-elf-state"]').innerText()).toContain('app.elf');
    await expect.poll(async () => (await crash.locator('[data-test="note-symbol"]').allInnerTexts()).join(' ')).toMatch(/parse_reading\+0x[0-9a-f]+.*read_sensor\+0x[0-9a-f]+.*app_main\+0x[0-9a-f]+/s);
    // The crash card's top (title, cause) at the top of the notes list for the screenshot.
    await crash.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await screenshots('monitor-crash');
    await page.locator('[data-test="monitor-close"]').click();
  });

  it('ESP8266: reads the ROM banner at 74880 baud after a reset and marks that part', async () => {
    const { page } = session;
    await page.locator('[data-test="monitor-notes-clear"]').click();
    await page.locator('#monitor-port').fill('sim:esp8266');
    const romBaud = page.locator('[data-test="monitor-rom-baud"]');
    await expect.poll(() => romBaud.isChecked()).toBe(true);
    await page.locator('[data-test="monitor-open"]').click();
    await expect.poll(() => page.locator('[data-test="monitor-state"]').getAttribute('data-state')).toBe('open');
    await page.getByRole('button', { name: 'Reset (run app)' }).click();
    await notes('boot-banner').first().waitFor({ timeout: 15_000 });
    expect(await notes('boot-banner').first().innerText()).toMatch(/rst cause|reset/i);
    await expect.poll(terminalText, { timeout: 10_000 }).toMatch(/74880 baud \(ROM\)[\s\S]*ets Jan {2}8 2013,rst cause:2/);
    await page.locator('[data-test="monitor-close"]').click();
  });
});
