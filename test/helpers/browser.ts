import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { projectRoot } from '#infra/local/handlers';
import { startTestApi, type TestApi } from '#test/helpers/local-api';

const run = promisify(execFile);

/** Debian's chromium, never a downloaded one (.ci/run installs it when missing). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(projectRoot, 'test-results', 'portal');
/** How long one step waits for the page (a busy 2-core machine, a cold Vite chunk): generous, never a sleep. */
export const UI_TIMEOUT = 60_000;
/** A whole browser test: several steps, each with UI_TIMEOUT. */
export const FLOW_TIMEOUT = UI_TIMEOUT * 5;
export const SETUP_TIMEOUT = 300_000;

export interface PortalHarness {
  api: TestApi;
  browser: Browser;
  /** A fresh tab with its own sessionStorage (axe-core needs the page in a context of its own). */
  newPage(): Promise<Page>;
  /** A fresh tab signed in through `/local/sign-in?<query>`, once the first screen's heading shows. */
  signedIn(query: string): Promise<Page>;
  stop(): Promise<void>;
}

/**
 * The portal end to end: built if stale, served by the local runtime (seeded with the demo data, on this test
 * file's own table) and driven in a real headless Chromium. One per test file, in `beforeAll`.
 */
export async function startPortal(): Promise<PortalHarness> {
  await run(join(projectRoot, 'node_modules/.bin/tsx'), ['portal/scripts/build-if-stale.ts'], { cwd: projectRoot });
  const api = await startTestApi({ seed: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  await mkdir(SCREENSHOTS, { recursive: true });
  const newPage = async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
    return page;
  };
  return {
    api,
    browser,
    newPage,
    async signedIn(query) {
      const page = await newPage();
      await page.goto(`${api.url}/local/sign-in?${query}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      return page;
    },
    async stop() {
      await browser.close();
      await api.stop();
    },
  };
}

/** axe-core's serious and critical findings, by rule and the first offending element: a test expects []. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`);
}

/** A full-page screenshot in test-results/portal/<name>.png (ignored by git), for a reviewer to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Presses Tab until `target` (or something inside it) has the focus: how a keyboard user reaches a control. */
export async function tabTo(page: Page, target: Locator, max = 150): Promise<void> {
  await target.waitFor();
  for (let i = 0; i < max; i++) {
    if (await target.and(page.locator(':focus-within')).count()) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** A link or button used from the keyboard: Tab to it, Enter. */
export async function pressOn(page: Page, target: Locator): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press('Enter');
}

/** A text field filled from the keyboard: Tab to it, select what it holds, type. */
export async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/**
 * A tab of a tab list from the keyboard: Tab reaches the selected tab only (the list is one stop), the arrows move
 * to the others, Enter opens one.
 */
export async function chooseTab(page: Page, name: string): Promise<void> {
  const wanted = page.getByRole('tab', { name, exact: true });
  await tabTo(page, page.getByRole('tab', { selected: true }));
  const focused = async () => (await wanted.and(page.locator(':focus')).count()) > 0;
  for (let i = 0; i < 10 && !(await focused()); i++) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 10 && !(await focused()); i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name, exact: true, selected: true }).waitFor();
}
