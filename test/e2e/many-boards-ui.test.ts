/// <reference lib="dom" />
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVirtualBoardRegistry, type VirtualBoards } from '../../src-main/simulator';
import { syntheticParts } from '../helpers/synthetic-parts';
import { startE2e, type E2eSession } from './e2e-harness';

/**
 * Many boards at once in Debian Chromium against browser mode: three virtual ESP32 boards flashed
 * together with one firmware set, one of them with GPIO0 stuck high so it never enters download
 * mode; the other two finish and verify, and the summary names the failure. Screenshots:
 * test-results/screenshots/many-boards-{running,summary,station}-{light,dark}.png.
 */
const SECOND_PATH = 'sim:esp32-line2';
const FAULTY_PATH = 'sim:esp32-line3?faults=gpio0-stuck-high';
/** Listed only once the test "plugs it in" (station mode). */
const LATE_PATH = 'sim:esp32-line4';
const plugged = { late: false };

/**
 * The catalogue has one ESP32 DevKitC, and a board takes one open port at a time, so the extra
 * ports are the same catalogue board in registries of their own: three separate boards.
 */
function withMoreBoards(extras: VirtualBoards[]): (boards: VirtualBoards) => VirtualBoards {
  return (boards) => {
    const [second, third] = extras as [VirtualBoards, VirtualBoards];
    const routes: ReadonlyArray<readonly [string, VirtualBoards, string]> = [
      [SECOND_PATH, second, 'sim:esp32'],
      [FAULTY_PATH, third, 'sim:esp32?faults=gpio0-stuck-high'],
      [LATE_PATH, second, 'sim:esp32'],
    ];
    const route = (path: string) => routes.find(([listed]) => listed === path);
    return {
      list: () => {
        const listed = boards.list();
        const base = listed.find((entry) => entry.info.path === 'sim:esp32');
        const more =
          base === undefined
            ? []
            : routes.filter(([path]) => path !== LATE_PATH || plugged.late).map(([path]) => ({ info: { ...base.info, path }, summary: `${base.summary} (${path})` }));
        return [...listed, ...more];
      },
      open: (path, baudRate) => {
        const extra = route(path);
        return extra === undefined ? boards.open(path, baudRate) : extra[1].open(extra[2], baudRate);
      },
      isVirtualPath: (path) => route(path) !== undefined || boards.isVirtualPath(path),
      board: (nameOrPath) => {
        const extra = route(nameOrPath);
        return extra === undefined ? boards.board(nameOrPath) : extra[1].board(extra[2]);
      },
      flush: () => boards.flush(),
      dispose: () => boards.dispose(),
    };
  };
}

let session: E2eSession;
let extras: VirtualBoards[];
let esp32Files: string[];

beforeAll(async () => {
  extras = [createVirtualBoardRegistry({ defaultWireMode: 'real' }), createVirtualBoardRegistry({ defaultWireMode: 'real' })];
  session = await startE2e({ wrapBoards: withMoreBoards(extras) });
  esp32Files = syntheticParts('esp32', { appSizeBytes: 256 * 1024 }).map((part) => {
    const path = join(session.workDir, part.name);
    writeFileSync(path, part.data);
    return path;
  });
});

afterAll(async () => {
  await session?.close();
  for (const registry of extras ?? []) registry.dispose();
});

async function screenshots(name: string): Promise<void> {
  const { page } = session;
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(100);
    await session.screenshot(`many-boards-${name}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('many boards in browser mode', () => {
  it('flashes three boards at once; the faulty one fails, the others verify, and the summary says so', async () => {
    const { page, boards } = session;
    await expect.poll(() => page.getByText('Connected to ESP Companion').isVisible()).toBe(true);
    await page.getByLabel('Board', { exact: true }).selectOption({ label: 'ESP32 DevKitC' });
    await page.locator('[data-test="file-input"]').setInputFiles(esp32Files);
    await expect.poll(() => page.locator('tr[data-test^="file-"]').count()).toBe(3);

    await page.getByLabel('Many boards').check();
    for (const path of ['sim:esp32', SECOND_PATH, FAULTY_PATH]) {
      await page.getByRole('checkbox', { name: new RegExp(`^${escapeRegExp(path)} `) }).check();
    }
    const flashAll = page.locator('[data-test="flash-all"]');
    await expect.poll(() => flashAll.innerText()).toBe('Flash all (3)');
    await flashAll.click();
    await expect.poll(() => page.locator('[data-test^="batch-row-"]').count()).toBe(3);
    await expect.poll(() => page.getByText(/Writing /).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    await screenshots('running');

    const summary = page.locator('[data-test="batch-summary"]');
    await expect.poll(() => summary.innerText(), { timeout: 90_000 }).not.toContain('running');
    expect(await summary.innerText()).toMatch(new RegExp(`^2 of 3 flashed, 1 failed: ${escapeRegExp(FAULTY_PATH)} connect\\.`));
    for (const path of ['sim:esp32', SECOND_PATH]) {
      const row = page.locator(`[data-test="batch-row-${path}"]`);
      expect(await row.locator('[data-test="batch-status"]').innerText()).toContain('Flashed');
      expect(await row.innerText()).toMatch(/3\/3 files verified/);
    }
    const faulty = page.locator(`[data-test="batch-row-${FAULTY_PATH}"]`);
    expect(await faulty.locator('[data-test="error-code"]').innerText()).toMatch(/^connect\./);
    expect(await faulty.locator('[data-test="troubleshoot-link"]').count()).toBe(1);
    expect(boards.board('esp32').firmwareState).toBe('app');
    expect(extras[0]!.board('esp32').firmwareState).toBe('app');
    expect(extras[1]!.board('esp32').isPortOpen).toBe(false);

    // The log of a board opens from the keyboard.
    await faulty.locator('[data-test="batch-log-toggle"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => faulty.locator('[data-test="batch-log"]').innerText()).toMatch(/Connect attempt/);
    await faulty.locator('[data-test="batch-log-toggle"]').click();
    await screenshots('summary');

    const [download] = (await Promise.all([page.waitForEvent('download'), page.locator('[data-test="export-csv"]').click()])) as [Download, unknown];
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(csv[0]).toMatch(/^port,outcome,/);
    expect(csv.filter((line) => line.includes(',flashed,'))).toHaveLength(2);
    expect(csv.find((line) => line.startsWith(`${FAULTY_PATH},failed,`))).toBeDefined();
  });

  it('station mode flashes a board as it is plugged in, and only that one', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Clear', exact: true }).last().click();
    await page.getByLabel('Station filter').fill('line4');
    await page.locator('[data-test="station-toggle"]').check();
    await expect.poll(() => page.locator('[data-test="station-armed"]').innerText()).toContain('ARMED');
    // Nothing present when it was armed is touched.
    await page.waitForTimeout(1500);
    expect(await page.locator('[data-test^="batch-row-"]').count()).toBe(0);

    plugged.late = true;
    await page.locator(`[data-test="batch-row-${LATE_PATH}"]`).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByText(/Writing /).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await screenshots('station');
    const tally = page.locator('[data-test="station-tally"]');
    await expect.poll(() => tally.innerText(), { timeout: 60_000 }).toBe('1 started · 1 flashed · 0 failed');
    expect(await page.locator('[data-test^="batch-row-"]').count()).toBe(1);
    await page.locator('[data-test="station-toggle"]').uncheck();
    expect(await page.locator('[data-test="station-armed"]').count()).toBe(0);
  });

  it('adds a network port from the port list (checked first) and remembers it', async () => {
    const { page } = session;
    await page.locator('[data-test="many-boards-toggle"]').uncheck();
    await page.getByRole('button', { name: 'Add network port…' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('remote-host');
    await page.keyboard.type('lab-pi.local');
    await page.getByLabel('TCP port').fill('70000');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-test="remote-port-problem"]').innerText()).toBe('Port 70000 is outside 1-65535.');
    await page.getByLabel('TCP port').fill('4000');
    await page.getByLabel(/Ignore SET-CONTROL/).check();
    await screenshots('remote-form');
    await page.getByRole('button', { name: 'Add port' }).click();
    const url = 'rfc2217://lab-pi.local:4000?ign_set_control';
    const radio = page.getByRole('radio', { name: new RegExp(`^${escapeRegExp(url)} `) });
    await expect.poll(() => radio.isChecked()).toBe(true);
    await expect.poll(() => page.locator(`[data-test="port-${url}"] .badge`).innerText()).toBe('network');
    // Remembered by the services (after the settings debounce), so a reload brings it back.
    const settingsPath = join(session.workDir, 'settings.json');
    await expect.poll(() => (existsSync(settingsPath) ? readFileSync(settingsPath, 'utf8') : ''), { timeout: 5_000 }).toContain(url);
    await page.reload();
    await expect.poll(() => page.locator(`[data-test="port-${url}"]`).count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole('button', { name: `Remove network port ${url}` }).click();
    await expect.poll(() => page.locator(`[data-test="port-${url}"]`).count()).toBe(0);
  });
});
