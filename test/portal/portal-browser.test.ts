import type { Page } from 'playwright-core';
import {
  FLOW_TIMEOUT,
  SETUP_TIMEOUT,
  screenshot,
  seriousViolations,
  startPortal,
  type PortalHarness,
} from '#test/helpers/browser';
import type { TestApi } from '#test/helpers/local-api';

// end-to-end: sign-in, the first screens and expiry, in a real browser on the seeded local runtime.
let portal: PortalHarness;
let api: TestApi;
beforeAll(async () => {
  portal = await startPortal();
  api = portal.api;
}, SETUP_TIMEOUT);
afterAll(async () => {
  await portal?.stop();
});

const newPage = (): Promise<Page> => portal.newPage();
const signedIn = (query: string): Promise<Page> => portal.signedIn(query);

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
      await screenshot(page, 'dashboard');

      // Every figure links to the list behind it: a health band opens the partners in that band, as many as it counts.
      const labels = { healthy: 'Healthy', 'at-risk': 'At risk', critical: 'Critical', 'no-data': 'No data' };
      const [band, count] = Object.entries(dashboard.partnersByHealth).sort((a, b) => b[1] - a[1])[0]!;
      const bandLink = page
        .getByRole('navigation', { name: /Partners by health/ })
        .getByRole('link', { name: `${labels[band as keyof typeof labels]}: ${count}` });
      await bandLink.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Partners by health', level: 1 }).waitFor();
      expect(new URL(page.url()).search).toBe(`?health=${band}`);
      // A header row and one row per partner, all on the first page.
      await page.getByRole('row').nth(count).waitFor();
      expect(await page.getByRole('row').count()).toBe(count + 1);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'partner-health');
      await page.goBack();
      // The alert figures open the inbox filtered by severity.
      await page
        .getByRole('navigation', { name: /Open alerts by severity/ })
        .getByRole('link', { name: /^Critical: / })
        .click();
      await page.waitForURL((url) => url.pathname === '/alerts' && url.search === '?severity=critical');
      await page.goBack();
      await page.getByRole('heading', { name: 'Program dashboard', level: 1 }).waitFor();

      // Sign-out ends the session: the "signed out" screen, and the token is gone from the tab.
      await page.getByRole('button', { name: /manager@accord\.local/ }).click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'You are signed out' }).waitFor();
      expect(await page.evaluate('sessionStorage.getItem("accord.session")')).toBeNull();
      await page.context().close();
    },
    FLOW_TIMEOUT,
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
      await screenshot(page, 'partner-overview');
      await page.context().close();
    },
    FLOW_TIMEOUT,
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
      await screenshot(page, 'sign-in');

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
    FLOW_TIMEOUT,
  );
});
