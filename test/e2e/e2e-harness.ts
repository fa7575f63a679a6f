import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildWindowFiles, CHROMIUM_FLAGS, CHROMIUM_PATH, RENDERER_DIR, ROOT } from '../../scripts/lib/headless-browser';
import { startHost, type HostHandle } from '../../src-main/host/start-host';
import { createDefaultServices } from '../../src-main/services/default-services';
import { createVirtualBoardRegistry, type VirtualBoards } from '../../src-main/simulator';

/**
 * Browser mode as a person uses it: the real host and services on 127.0.0.1 with virtual
 * boards (wire timing on, so a flash takes long enough to cancel), driven by Debian's Chromium.
 */
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');

export interface E2eSession {
  readonly boards: VirtualBoards;
  readonly host: HostHandle;
  readonly browser: Browser;
  readonly page: Page;
  readonly workDir: string;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface E2eOptions {
  /** Wraps the virtual boards the services see (e.g. to list extra fault paths as ports). */
  readonly wrapBoards?: (boards: VirtualBoards) => VirtualBoards;
}

export async function startE2e(options: E2eOptions = {}): Promise<E2eSession> {
  buildWindowFiles();
  const workDir = mkdtempSync(join(tmpdir(), 'esp-companion-e2e-'));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const boards = createVirtualBoardRegistry({ defaultWireMode: 'real' });
  const host = await startHost({
    services: ({ shell, publish }) =>
      createDefaultServices({ shell, publish, virtualBoards: options.wrapBoards?.(boards) ?? boards, settingsPath: join(workDir, 'settings.json') }),
    port: 0,
    staticDir: RENDERER_DIR,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_FLAGS] });
  const page = await browser.newPage({ viewport: { width: 1024, height: 700 }, reducedMotion: 'reduce' });
  await page.goto(host.url);
  return {
    boards,
    host,
    browser,
    page,
    workDir,
    async screenshot(name) {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: false });
      return path;
    },
    async close() {
      await browser.close();
      await host.close();
      boards.dispose();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
