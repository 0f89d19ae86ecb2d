import type { Locator, Page } from 'playwright-core';
import {
  FLOW_TIMEOUT,
  SETUP_TIMEOUT,
  UI_TIMEOUT,
  screenshot,
  seriousViolations,
  startPortal,
  tabTo,
  type PortalHarness,
} from '#test/helpers/browser';
import type { TestApi } from '#test/helpers/local-api';

// end-to-end: the partners screens in a real browser on the seeded local runtime (flows 1 and 4 of the portal).
let portal: PortalHarness;
let api: TestApi;
beforeAll(async () => {
  portal = await startPortal();
  api = portal.api;
}, SETUP_TIMEOUT);
afterAll(async () => {
  await portal?.stop();
});

interface Partner {
  id: string;
  name: string;
  status: string;
  statusReason?: string;
  version: number;
  country: string;
  timezone: string;
  website?: string;
}

async function partners(query = ''): Promise<Partner[]> {
  const res = await api.call('GET', `/v1/partners?limit=100${query}`, { token: api.token('manager') });
  return (res.body as { items: Partner[] }).items;
}

async function partner(id: string): Promise<Partner> {
  return (await api.call('GET', `/v1/partners/${id}`, { token: api.token('manager') })).body as Partner;
}

/** Waits until `read()` gives `want` (a condition, not a sleep): the page catches up with a click or a fetch. */
async function until<T>(read: () => T | Promise<T>, want: T): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT;
  let got = await read();
  while (got !== want) {
    if (Date.now() > deadline) throw new Error(`expected ${String(want)}, still ${String(got)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    got = await read();
  }
}

/** A Cloudscape select by keyboard: open it with Enter, type to narrow (when it filters), pick the first match. */
async function chooseByKeyboard(page: Page, trigger: Locator, typed: string | undefined, expected: string) {
  await tabTo(page, trigger);
  await page.keyboard.press('Enter');
  if (typed) await page.keyboard.type(typed);
  await page
    .getByRole('option', { name: new RegExp(expected) })
    .first()
    .waitFor();
  // Arrow down to the option wanted (the list marks it as the active descendant), then Enter picks it.
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('ArrowDown');
    const active = await page.locator('[aria-activedescendant]').first().getAttribute('aria-activedescendant');
    if (!active || (await page.locator(`[id="${active}"]`).textContent())?.includes(expected)) break;
  }
  await page.keyboard.press('Enter');
  await trigger.filter({ hasText: expected }).waitFor();
}

/** A form's select, named by its field's label. */
const trigger = (page: Page, label: string) =>
  page.getByRole('main').getByRole('button', { name: new RegExp(`^${label}`) });

describe('the partners screens', () => {
  it(
    'flow 1: a manager sees the dashboard, filters the partners, registers one by keyboard and moves it to onboarding',
    async () => {
      const dashboard = (await api.call('GET', '/v1/dashboard', { token: api.token('manager') })).body as {
        partnersByHealth: Record<string, number>;
      };
      const total = Object.values(dashboard.partnersByHealth).reduce((a, b) => a + b, 0);
      const demo = await partners();
      const nordlicht = demo.find((p) => p.name.startsWith('Nordlicht'))!;

      const page = await portal.signedIn('role=manager');
      await page.getByRole('heading', { name: 'Program dashboard', level: 1 }).waitFor();
      await page.getByText(String(total), { exact: true }).first().waitFor();

      // Partners from the side navigation: every demo partner, by name, with its status.
      await page.getByRole('navigation').getByRole('link', { name: 'Partners', exact: true }).click();
      await page.getByRole('heading', { name: 'Partners', level: 1 }).waitFor();
      for (const p of demo) await page.getByRole('rowheader', { name: p.name }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'partners-list');

      // The text filter finds by the start of the name, in any case, and keeps it in the address.
      await page.getByRole('searchbox', { name: 'Partner name' }).fill('nord');
      await until(() => new URL(page.url()).searchParams.get('q'), 'nord');
      await until(() => page.getByRole('rowheader').count(), 1);
      await page.getByRole('rowheader', { name: nordlicht.name }).waitFor();

      // The country filter (a select), then a dashboard-style link with the status in the address.
      await page.getByRole('button', { name: 'Clear filters' }).first().click();
      await until(() => page.getByRole('rowheader').count(), demo.length);
      await page.getByRole('button', { name: /^Country/ }).click();
      await page.getByRole('option', { name: /Germany/ }).click();
      await until(() => new URL(page.url()).searchParams.get('country'), 'DE');
      const german = demo.filter((p) => p.country === 'DE');
      await until(() => page.getByRole('rowheader').count(), german.length);
      const active = demo.filter((p) => p.status === 'active');
      await page.goto(`${api.url}/partners?status=active`);
      await page.getByRole('heading', { name: 'Partners', level: 1 }).waitFor();
      await until(() => page.getByRole('rowheader').count(), active.length);
      expect(await page.getByRole('button', { name: /^Status/ }).textContent()).toContain('Active');

      // Sorting by name, Z to A, through the API.
      await page.goto(`${api.url}/partners`);
      await page.getByRole('rowheader').first().waitFor();
      await page.getByRole('columnheader', { name: /Name/ }).getByRole('button').click();
      await until(() => new URL(page.url()).searchParams.get('order'), 'desc');
      const byName = demo.map((p) => p.name).sort((a, b) => b.toLowerCase().localeCompare(a.toLowerCase()));
      await until(() => page.getByRole('rowheader').first().textContent(), byName[0]!);

      // Register a partner with the keyboard alone: Tab, Enter, typing. First with a bad website.
      await page.goto(`${api.url}/partners`);
      await page.getByRole('rowheader').first().waitFor();
      await tabTo(page, page.getByRole('link', { name: 'Register partner' }));
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Register a partner', level: 1 }).waitFor();
      const name = `Andes Smart Living ${Date.now().toString(36)}`;
      await tabTo(page, page.getByLabel('Name', { exact: true }).first());
      await page.keyboard.type(name);
      await chooseByKeyboard(page, trigger(page, 'Kind'), undefined, 'Reseller');
      await chooseByKeyboard(page, trigger(page, 'Country'), 'Chile', 'Chile');
      await chooseByKeyboard(page, trigger(page, 'Time zone'), 'Santiago', 'America/Santiago');
      await tabTo(page, page.getByLabel(/^Website/));
      await page.keyboard.type('andes dot example');
      await tabTo(page, page.getByLabel('Name', { exact: true }).last());
      await page.keyboard.type('Lucía Rojas');
      await tabTo(page, page.getByLabel('E-mail', { exact: true }));
      await page.keyboard.type('lucia.rojas@andes.example');
      await tabTo(page, page.getByRole('button', { name: 'Register partner' }));
      await page.keyboard.press('Enter');
      // The API's message shows at the field; everything typed stays.
      const refused = await api.call('POST', '/v1/partners', {
        token: api.token('manager'),
        body: { name, kind: 'reseller', country: 'CL', timezone: 'America/Santiago', website: 'andes dot example' },
      });
      const message = (refused.body as { errors: { path: string; message: string }[] }).errors.find(
        (e) => e.path === 'body.website',
      )!.message;
      await page.getByText(message).waitFor();
      const ids = ((await page.getByLabel(/^Website/).getAttribute('aria-describedby')) ?? '').split(' ');
      const describedBy = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
      expect(describedBy.join(' ')).toContain(message);
      expect(await page.getByLabel('Name', { exact: true }).first().inputValue()).toBe(name);
      expect(await trigger(page, 'Time zone').textContent()).toContain('America/Santiago');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'partners-register-error');
      expect(await partners(`&q=${encodeURIComponent(name)}`)).toEqual([]);

      await tabTo(page, page.getByLabel(/^Website/));
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('https://andes.example');
      await tabTo(page, page.getByRole('button', { name: 'Register partner' }));
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      const [made] = await partners(`&q=${encodeURIComponent(name)}`);
      expect(made).toMatchObject({ name, status: 'prospect', country: 'CL', timezone: 'America/Santiago' });
      expect(new URL(page.url()).pathname).toBe(`/partners/${made!.id}`);
      await page.getByText('Local time now').waitFor();
      await screenshot(page, 'partners-overview');

      // Start onboarding with a reason. Someone else changes the partner meanwhile: the stale-write alert, Reload,
      // the reason still typed, and then it goes through.
      await page.getByRole('button', { name: 'Start onboarding' }).click();
      const modal = page.getByRole('dialog');
      await modal.getByRole('heading', { name: `Start onboarding: ${name}` }).waitFor();
      await modal.getByRole('textbox').fill('Kick-off meeting held');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'partners-lifecycle-modal');
      const changed = await api.call('PATCH', `/v1/partners/${made!.id}`, {
        token: api.token('admin'),
        body: { tier: 'silver' },
        headers: { 'if-match': `"${made!.version}"` },
      });
      expect(changed.status).toBe(200);
      await modal.getByRole('button', { name: 'Confirm: Start onboarding' }).click();
      await modal.getByText('Someone else changed this').waitFor();
      expect((await partner(made!.id)).status).toBe('prospect');
      await modal.getByRole('button', { name: 'Reload' }).click();
      await modal.getByText('Someone else changed this').waitFor({ state: 'detached' });
      expect(await modal.getByRole('textbox').inputValue()).toBe('Kick-off meeting held');
      await modal.getByRole('button', { name: 'Confirm: Start onboarding' }).click();
      await modal.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Activate' }).waitFor();
      const moved = await partner(made!.id);
      expect(moved).toMatchObject({ status: 'onboarding', statusReason: 'Kick-off meeting held' });
      await page.getByText('Kick-off meeting held').waitFor();
      await page.context().close();
    },
    FLOW_TIMEOUT * 2,
  );

  it(
    'pages through the partner list with the API’s cursors, next and previous',
    async () => {
      const tag = `Pg${Date.now().toString(36)}`;
      for (let i = 0; i < 11; i++) {
        const res = await api.call('POST', '/v1/partners', {
          token: api.token('admin'),
          body: {
            name: `${tag} ${String(i).padStart(2, '0')}`,
            kind: 'referral',
            country: 'PT',
            timezone: 'Europe/Lisbon',
          },
        });
        expect(res.status).toBe(201);
      }
      const page = await portal.signedIn('role=manager');
      await page.goto(`${api.url}/partners?q=${tag}&size=10`);
      await page.getByRole('rowheader', { name: `${tag} 00` }).waitFor();
      expect(await page.getByRole('rowheader').count()).toBe(10);
      await page.getByRole('button', { name: 'Next page' }).click();
      await page.getByRole('rowheader', { name: `${tag} 10` }).waitFor();
      expect(await page.getByRole('rowheader').count()).toBe(1);
      await page.getByRole('button', { name: 'Previous page' }).click();
      await page.getByRole('rowheader', { name: `${tag} 00` }).waitFor();
      expect(await page.getByRole('rowheader').count()).toBe(10);
      await page.context().close();
    },
    FLOW_TIMEOUT,
  );

  it(
    'the partner page’s tabs: people (invite, change role, remove), agreements, performance and the audit trail',
    async () => {
      const nordlicht = (await partners()).find((p) => p.name.startsWith('Nordlicht'))!;
      const token = api.token('manager');
      const agreements = (
        (await api.call('GET', `/v1/partners/${nordlicht.id}/agreements`, { token })).body as {
          items: { id: string; title: string }[];
        }
      ).items;
      const slas = (
        (await api.call('GET', `/v1/partners/${nordlicht.id}/slas`, { token })).body as {
          items: { id: string; name?: string; metric: string }[];
        }
      ).items;
      const page = await portal.signedIn('role=manager');
      await page.goto(`${api.url}/partners/${nordlicht.id}`);
      await page.getByRole('heading', { name: nordlicht.name, level: 1 }).waitFor();
      await page.getByRole('heading', { name: 'Open alerts' }).waitFor();
      await page.getByText('Local time now').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'partners-tab-overview');

      // People: invite, change the role, remove with a confirmation.
      await page.getByRole('tab', { name: 'People' }).click();
      await until(() => new URL(page.url()).searchParams.get('tab'), 'people');
      await page.getByRole('rowheader', { name: 'Jonas Weber' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'partners-tab-people');
      await page.getByRole('button', { name: 'Invite person' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Name').fill('Mia Schulz');
      const email = `mia.${Date.now().toString(36)}@nordlicht.example`;
      await dialog.getByLabel('E-mail').fill(email);
      await screenshot(page, 'partners-people-invite');
      await dialog.getByRole('button', { name: 'Invite' }).click();
      await page.getByRole('rowheader', { name: 'Mia Schulz' }).waitFor();
      const row = page.getByRole('row').filter({ hasText: 'Mia Schulz' });
      await row.getByText('Partner user').waitFor();
      await row.getByRole('button', { name: 'Actions for Mia Schulz' }).click();
      await page.getByRole('menuitem', { name: 'Change role' }).click();
      await dialog.getByRole('button', { name: /^Role/ }).click();
      await page.getByRole('option', { name: 'Partner administrator' }).click();
      await dialog.getByRole('button', { name: 'Save' }).click();
      await row.getByText('Partner administrator').waitFor();
      await row.getByRole('button', { name: 'Actions for Mia Schulz' }).click();
      await page.getByRole('menuitem', { name: 'Remove' }).click();
      await dialog.getByText(email).waitFor();
      await screenshot(page, 'partners-people-remove');
      await dialog.getByRole('button', { name: 'Remove' }).click();
      await row.getByText('Removed').waitFor();
      const people = (
        (await api.call('GET', `/v1/partners/${nordlicht.id}/users`, { token })).body as {
          items: { email: string; role: string; status: string }[];
        }
      ).items;
      expect(people.find((p) => p.email === email)).toMatchObject({ role: 'partner-admin', status: 'disabled' });

      // Agreements: each links to its own page; a new one starts at .../agreements/new.
      await page.getByRole('tab', { name: 'Agreements' }).click();
      for (const a of agreements) {
        const link = page.getByRole('link', { name: a.title });
        await link.waitFor();
        expect(await link.getAttribute('href')).toBe(`/partners/${nordlicht.id}/agreements/${a.id}`);
      }
      expect(await page.getByRole('link', { name: 'New agreement' }).getAttribute('href')).toBe(
        `/partners/${nordlicht.id}/agreements/new`,
      );
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'partners-tab-agreements');

      // Performance: the SLAs with this month's compliance, linking to each SLA and to the scorecard.
      await page.getByRole('tab', { name: 'Performance' }).click();
      for (const s of slas) {
        const link = page.getByRole('link', { name: s.name ?? s.metric, exact: true });
        await link.waitFor();
        expect(await link.getAttribute('href')).toBe(`/partners/${nordlicht.id}/slas/${s.id}`);
      }
      expect(await page.getByRole('link', { name: 'Open the scorecard' }).getAttribute('href')).toBe(
        `/partners/${nordlicht.id}/scorecard`,
      );
      const month = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(),
      );
      await page.getByText(`Compliance for ${month}`).waitFor();
      await page
        .getByRole('cell', { name: /% · (Met|Missed)/ })
        .first()
        .waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'partners-tab-performance');

      // Audit trail: the person just removed is there, with who did it.
      await page.getByRole('tab', { name: 'Audit trail' }).click();
      await page.getByRole('rowheader', { name: 'Person removed' }).waitFor();
      const added = page.getByRole('row').filter({ hasText: 'Person added' }).filter({ hasText: email });
      await added.getByText('Channel manager').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'partners-tab-audit');

      // The tab is in the address: reloading keeps it.
      await page.reload();
      await page.getByRole('tab', { name: 'Audit trail', selected: true }).waitFor();
      await page.context().close();
    },
    FLOW_TIMEOUT * 2,
  );

  it(
    'flow 4: a partner user who edits the address to another partner sees Not found and nothing of that partner',
    async () => {
      const [own, other] = (await partners()).filter((p) => !p.name.startsWith('Pg') && !p.name.startsWith('Andes'));
      const page = await portal.signedIn(`role=partner-user&partnerId=${own!.id}`);
      await page.getByRole('heading', { name: own!.name, level: 1 }).waitFor();
      // A partner user: no lifecycle actions, no audit tab.
      expect(await page.getByRole('tab', { name: 'Audit trail' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /onboarding|Activate|Suspend|Offboard/ }).count()).toBe(0);
      await page.getByRole('tab', { name: 'Agreements' }).click();
      await page.getByRole('heading', { name: 'Agreements', level: 2 }).waitFor();

      for (const address of [
        `/partners/${other!.id}`,
        `/partners/${other!.id}?tab=agreements`,
        `/partners/${other!.id}?tab=people`,
        '/partners',
        `/partners/00000000000000000000000000`,
      ]) {
        await page.goto(`${api.url}${address}`);
        await page.getByText('Not found', { exact: true }).waitFor();
        const text = await page.locator('body').innerText();
        expect(text).not.toContain(other!.name);
        expect(text).toContain('There is nothing at this address, or you do not have access to it.');
      }
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'partners-not-found');
      // The API is the guard: the other partner is a 404 to this person.
      const res = await api.call('GET', `/v1/partners/${other!.id}`, { token: api.token('partner-user', own!.id) });
      expect(res.status).toBe(404);
      await page.context().close();
    },
    FLOW_TIMEOUT,
  );
});
