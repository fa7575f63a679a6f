/// <reference lib="dom" />
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticParts } from '../helpers/synthetic-parts';
import { startE2e, type E2eSession } from './e2e-harness';

/**
 * The flash view in Debian Chromium against browser mode and virtual boards, as a person uses
 * it: pick the board and port, add the three files, flash, read the result; cancel a second
 * run midway and keep going; get the wrong-chip warning before anything is written.
 * Screenshots of each state land in test-results/screenshots.
 */
let session: E2eSession;
let esp32Files: string[];
let s3App: string;

beforeAll(async () => {
  session = await startE2e();
  esp32Files = syntheticParts('esp32', { appSizeBytes: 256 * 1024 }).map((part) => {
    const path = join(session.workDir, part.name);
    writeFileSync(path, part.data);
    return path;
  });
  const s3 = syntheticParts('esp32s3', { appSizeBytes: 64 * 1024 }).find((part) => part.offset === 0x10000)!;
  s3App = join(session.workDir, 's3-firmware.bin');
  writeFileSync(s3App, s3.data);
});

afterAll(async () => {
  await session?.close();
});

async function chooseEsp32Board(): Promise<void> {
  const { page } = session;
  await page.getByLabel('Board', { exact: true }).selectOption({ label: 'ESP32 DevKitC' });
  await page.getByRole('radio', { name: /^sim:esp32 / }).check();
}

async function addFiles(paths: string[]): Promise<void> {
  await session.page.locator('[data-test="file-input"]').setInputFiles(paths);
}

describe('flash view in browser mode', () => {
  it('shows the connection status and the virtual boards', async () => {
    const { page } = session;
    await expect.poll(() => page.getByText('Connected to ESP Companion').isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('radio', { name: /^sim:esp32 / }).count()).toBe(1);
    await session.screenshot('01-start');
  });

  it('flashes bootloader, partition table and app to a virtual ESP32 and shows the verified result', async () => {
    const { page, boards } = session;
    await chooseEsp32Board();
    await addFiles(esp32Files);
    for (const name of ['bootloader.bin', 'partition-table.bin', 'test-esp32.bin']) {
      await expect.poll(() => page.locator(`[data-test="file-${name}"]`).count()).toBe(1);
    }
    await expect.poll(() => page.locator('[data-test="file-bootloader.bin"]').innerText()).toMatch(/ESP32/);
    await session.screenshot('02-files-added');

    await page.getByRole('button', { name: /^Flash(?! &)/ }).click();
    await expect.poll(() => page.locator('[data-test="job-progress"], [data-test="result-card"]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(1200);
    await session.screenshot('03-flashing');

    const result = page.locator('[data-test="result-card"]');
    await result.waitFor({ timeout: 60_000 });
    await expect.poll(() => result.innerText()).toContain('Flashed and verified');
    for (const name of ['bootloader.bin', 'partition-table.bin', 'test-esp32.bin']) {
      await expect.poll(() => page.locator(`[data-test="result-${name}"]`).innerText()).toContain('verified');
    }
    await expect.poll(() => page.locator('[data-test="boot-verified"]').isVisible()).toBe(true);
    await session.screenshot('04-flashed');
    expect(boards.board('esp32').firmwareState).toBe('app');
  });

  it('cancels a second run midway; the port is released and the app stays usable', async () => {
    const { page, boards } = session;
    await page.getByLabel('Baud rate').selectOption('115200');
    await page.getByRole('button', { name: /^Flash(?! &)/ }).click();
    await expect.poll(() => page.getByText(/Writing test-esp32\.bin/).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(800);
    await page.keyboard.press('Escape');
    await page.locator('[data-test="cancelled"]').waitFor({ timeout: 15_000 });
    await session.screenshot('05-cancelled');
    expect(boards.board('esp32').isPortOpen).toBe(false);
    expect(boards.board('esp32').hostLines).toEqual({ dtr: false, rts: false });

    await page.getByLabel('Baud rate').selectOption('921600');
    await page.getByRole('button', { name: 'Detect' }).click();
    await expect.poll(() => page.getByText(/24:0a:c4/i).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await session.screenshot('06-detected-after-cancel');
  });

  it('warns about an image built for another chip before anything is written', async () => {
    const { page, boards } = session;
    await page.getByRole('button', { name: 'Remove bootloader.bin' }).click();
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => page.locator('tr[data-test^="file-"]').count()).toBe(0);
    const before = Buffer.from(boards.board('esp32').flash.read(0x10000, 0x1000));
    await addFiles([s3App]);
    const blocking = page.locator('[data-test="plan-blocking"]');
    await blocking.waitFor({ timeout: 15_000 });
    expect(await blocking.innerText()).toMatch(/built for ESP32-S3.*ESP32/s);
    await expect.poll(() => page.getByRole('button', { name: /^Flash(?! &)/ }).isDisabled()).toBe(true);
    await session.screenshot('07-wrong-chip');
    expect(Buffer.from(boards.board('esp32').flash.read(0x10000, 0x1000)).equals(before)).toBe(true);
  });
});

describe('keyboard and labels', () => {
  it('every control has a visible or spoken name, and Tab reaches the Flash area', async () => {
    const { page } = session;
    const unnamed = await page.locator('button, input, select, textarea').evaluateAll((elements) =>
      elements
        .filter((element) => {
          const control = element as HTMLInputElement;
          if (control.type === 'hidden') return false;
          const labelled =
            control.getAttribute('aria-label') ||
            control.getAttribute('aria-labelledby') ||
            (control.id && document.querySelector(`label[for="${CSS.escape(control.id)}"]`)) ||
            control.closest('label') ||
            (element.tagName === 'BUTTON' && element.textContent?.trim());
          return !labelled;
        })
        .map((element) => element.outerHTML.slice(0, 120)),
    );
    expect(unnamed).toEqual([]);

    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const reached = new Set<string>();
    for (let step = 0; step < 60; step++) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim().split('\n')[0] ?? document.activeElement?.id ?? ''));
    }
    expect([...reached].some((text) => text.startsWith('Erase flash'))).toBe(true);
    expect([...reached].some((text) => text.startsWith('Back up flash'))).toBe(true);
  });
});
