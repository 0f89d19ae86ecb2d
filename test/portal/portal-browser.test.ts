import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { projectRoot } from '#infra/local/handlers';
import { startTestApi, type TestApi } from '#test/helpers/local-api';

const run = promisify(execFile);

// end-to-end: the portal in a real browser (Debian's chromium, never a downloaded one) on the seeded local runtime.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(projectRoot, 'test-results', 'portal');
const UI_TIMEOUT = 60_000;

let api: TestApi;
let browser: Browser;
beforeAll(async () => {
  await run(join(projectRoot, 'node_modules/.bin/tsx'), ['portal/scripts/build-if-stale.ts'], { cwd: projectRoot });
  api = await startTestApi({ seed: true });
  browser = await chromium.launch({
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
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

/** A fresh tab with its own sessionStorage (axe-core needs the page in a context of its own). */
async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT);
  return page;
}

async function signedIn(query: string): Promise<Page> {
  const page = await newPage();
  await page.goto(`${api.url}/local/sign-in?${query}`);
  return page;
}

/** axe-core's serious and critical findings, by rule and the first offending element. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`);
}

describe('the portal in a browser', () => {
  it(
    'a manager signs in through /local/sign-in and sees the program dashboard with the demo figures',
    async () => {
      const dashboard = (await api.call('GET', '/v1/dashboard', { token: api.token('manager') })).body as {
        partnersByHealth: Record<string, number>;
        worst: { name: string }[];
      };
      const partners = Object.values(dashboard.partnersByHealth).reduce((a, b) => a + b, 0);
      expect(partners).toBeGreaterThan(0);

      const page = await signedIn('role=manager');
      await page.getByRole('heading', { name: 'Program dashboard', level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/');
      // Top navigation: who is signed in.
      await page.getByRole('button', { name: /manager@accord\.local/ }).waitFor();
      // The donut's inner figure is the number of partners; the table lists the partners needing attention.
      await page.getByText(String(partners), { exact: true }).first().waitFor();
      const worst = dashboard.worst[0];
      if (worst) await page.getByRole('rowheader', { name: worst.name }).waitFor();

      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, 'dashboard.png'), fullPage: true });

      // Sign-out ends the session: the "signed out" screen, and the token is gone from the tab.
      await page.getByRole('button', { name: /manager@accord\.local/ }).click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'You are signed out' }).waitFor();
      expect(await page.evaluate('sessionStorage.getItem("accord.session")')).toBeNull();
      await page.context().close();
    },
    UI_TIMEOUT * 3,
  );

  it(
    "a partner administrator lands on their own partner's overview",
    async () => {
      const { items } = (await api.call('GET', '/v1/partners', { token: api.token('manager') })).body as {
        items: { id: string; name: string }[];
      };
      const [own, other] = items;
      const page = await signedIn(`role=partner-admin&partnerId=${own!.id}`);
      await page.getByRole('heading', { name: own!.name, level: 1 }).waitFor();
      await page.getByRole('heading', { name: 'Open alerts' }).waitFor();
      // Its own alerts load (the partner's route, not the vendor's inbox): no error in their place.
      const openAlerts = page.getByRole('table');
      await openAlerts
        .getByText(/No open alerts\.|You may not do this|critical|warning|info/)
        .first()
        .waitFor();
      expect(await page.getByText('You may not do this').count()).toBe(0);
      expect(await page.getByText(other!.name).count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, 'partner-overview.png'), fullPage: true });
      await page.context().close();
    },
    UI_TIMEOUT * 3,
  );

  it(
    'the sign-in page lists the demo people and signs one in, and an expired token shows the signed-out screen',
    async () => {
      const page = await newPage();
      await page.goto(`${api.url}/`);
      await page.getByRole('heading', { name: 'Sign in to Accord' }).waitFor();
      await page.getByRole('button', { name: 'Sign in as Channel manager' }).waitFor();
      await page
        .getByRole('button', { name: /Sign in as .*, Partner administrator/ })
        .first()
        .waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, 'sign-in.png'), fullPage: true });

      // Choosing a person works with the keyboard alone and opens the home screen.
      await page.getByRole('button', { name: 'Sign in as Channel manager' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Program dashboard', level: 1 }).waitFor();

      // A token that expires while the tab is open signs the person out at that moment.
      const short = (await api.call('GET', '/local/token?role=manager&ttlSeconds=3')).body as { token: string };
      await page.evaluate(`sessionStorage.setItem('accord.session', ${JSON.stringify(short.token)})`);
      await page.reload();
      await page.getByRole('heading', { name: 'You are signed out' }).waitFor();
      await page.getByText('Your session expired').waitFor();
      await page.context().close();
    },
    UI_TIMEOUT * 3,
  );
});
