import type { Page } from 'playwright-core';
import {
  FLOW_TIMEOUT,
  SETUP_TIMEOUT,
  screenshot,
  seriousViolations,
  startPortal,
  type PortalHarness,
  chooseTab,
  pressOn,
  typeInto,
} from '#test/helpers/browser';
import type { TestApi } from '#test/helpers/local-api';

// end-to-end: the agreements screens in a real browser on the seeded local runtime: negotiation to activation
// across both sides, the vendor's list and a new draft, the risk matrix and planning sessions.
let portal: PortalHarness;
let api: TestApi;
beforeAll(async () => {
  portal = await startPortal();
  api = portal.api;
}, SETUP_TIMEOUT);
afterAll(async () => {
  await portal?.stop();
});

interface Agreement {
  id: string;
  partnerId: string;
  title: string;
  status: string;
  version: number;
  currentVersion: number;
}
interface Listed {
  items: Agreement[];
}

async function agreements(query: string): Promise<Agreement[]> {
  return ((await api.call('GET', `/v1/agreements?${query}`, { token: api.token('manager') })).body as Listed).items;
}

async function checked(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, name);
}

const agreementPath = (a: Agreement) => `/partners/${a.partnerId}/agreements/${a.id}`;

describe('agreements in the portal', () => {
  it(
    'a partner admin reads the diff and counter-proposes a new SLA target; both sides sign and the SLA is monitored',
    async () => {
      // The demo's support agreement is a draft the vendor wrote: the vendor proposes new terms, so it is in
      // negotiation and the partner has two versions to compare.
      const [draft] = (await agreements('status=draft')).filter((a) => a.title.startsWith('Tier-1 customer support'));
      expect(draft).toBeDefined();
      const manager = api.token('manager');
      const v1 = (
        await api.call('GET', `/v1/partners/${draft!.partnerId}/agreements/${draft!.id}/versions/1`, { token: manager })
      ).body as { terms: Record<string, unknown> };
      const proposed = await api.call('POST', `/v1/partners/${draft!.partnerId}/agreements/${draft!.id}/proposals`, {
        token: manager,
        headers: { 'if-match': `"${draft!.version}"` },
        body: { summary: 'Longer notice for both sides', terms: { ...v1.terms, terminationNoticeDays: 45 } },
      });
      expect(proposed.status).toBe(200);
      const others = (await agreements('limit=100')).filter((a) => a.partnerId !== draft!.partnerId);
      expect(others.length).toBeGreaterThan(0);

      // The partner admin sees its own partner's agreements only, and no partner filter.
      const partnerPage = await portal.signedIn(`role=partner-admin&partnerId=${draft!.partnerId}`);
      // This flow is done with the keyboard alone, on both sides: Tab, Enter, arrows, typing.
      await pressOn(partnerPage, partnerPage.getByRole('link', { name: 'Agreements' }).first());
      await partnerPage.getByRole('heading', { name: 'Agreements', level: 1 }).waitFor();
      const row = partnerPage.getByRole('link', { name: draft!.title });
      await row.waitFor();
      for (const other of others) expect(await partnerPage.getByText(other.title).count()).toBe(0);
      expect(await partnerPage.getByText('Any partner').count()).toBe(0);
      await checked(partnerPage, 'agreements-list-partner');

      // The agreement in negotiation: status and the version to sign in the header.
      await pressOn(partnerPage, row);
      await partnerPage.getByRole('heading', { name: draft!.title, level: 1 }).waitFor();
      await partnerPage.getByText('In negotiation').first().waitFor();
      await partnerPage.getByText('Version 2 to sign').waitFor();
      await partnerPage.getByRole('heading', { name: 'Terms of version 2' }).waitFor();
      await checked(partnerPage, 'agreement-terms');

      // The diff of versions 1 and 2, side by side, in words.
      await chooseTab(partnerPage, 'Versions');
      const diff = partnerPage.getByRole('table', { name: /Version 1 \(Vendor\) → Version 2 \(Vendor\)/ });
      const notice = diff.getByRole('row', { name: /Termination notice \(days\)/ });
      await notice.waitFor();
      expect(await notice.getByRole('cell').allInnerTexts()).toEqual(
        expect.arrayContaining(['Changed', String(v1.terms.terminationNoticeDays), '45']),
      );
      expect(new URL(partnerPage.url()).searchParams.get('tab')).toBe('versions');
      await checked(partnerPage, 'agreement-versions');

      // Counter-propose through the form: the vendor's version is shown; a target of 100 % is refused at the field.
      await chooseTab(partnerPage, 'Terms');
      await pressOn(partnerPage, partnerPage.getByRole('button', { name: 'Counter-propose' }));
      await partnerPage.getByRole('heading', { name: 'Your counter-proposal' }).waitFor();
      await partnerPage.getByText('Version 2, proposed by the vendor').waitFor();
      const sla = partnerPage.getByRole('region', { name: 'SLA 1' });
      expect(await sla.getByLabel('Metric').inputValue()).toBe('tickets.answered_4h');
      const target = sla.getByLabel('Target (%)');
      expect(await target.inputValue()).toBe('95');
      await typeInto(
        partnerPage,
        partnerPage.getByLabel('What changes, in a sentence'),
        '93 % is what our staffing can promise',
      );
      await typeInto(partnerPage, target, '100');
      await pressOn(partnerPage, partnerPage.getByRole('button', { name: 'Send counter-proposal' }));
      await sla.getByText('must be below 100 % (no error budget otherwise)').waitFor();
      await checked(partnerPage, 'agreement-counter-proposal');
      await typeInto(partnerPage, target, '93');
      await pressOn(partnerPage, partnerPage.getByRole('button', { name: 'Send counter-proposal' }));
      await partnerPage.getByText('Version 3 sent to the other side.').waitFor();
      await partnerPage.getByText('Version 3 to sign').waitFor();

      // The manager signs version 3 in the portal, seeing what is signed.
      const managerPage = await portal.signedIn('role=manager');
      await managerPage.goto(`${api.url}${agreementPath(draft!)}`);
      await pressOn(managerPage, managerPage.getByRole('button', { name: 'Sign version 3' }));
      const dialog = managerPage.getByRole('dialog');
      await dialog.getByText('You sign version 3 for the vendor side').waitFor();
      await dialog.getByText('93 % is what our staffing can promise').waitFor();
      await checked(managerPage, 'agreement-sign');
      await pressOn(managerPage, dialog.getByRole('button', { name: 'Sign', exact: true }));
      await managerPage.getByText('You signed version 3.').waitFor();
      await managerPage.getByRole('row', { name: /Vendor.*Signed version 3/ }).waitFor();

      // The partner admin signs too: the agreement is active.
      await partnerPage.reload();
      await pressOn(partnerPage, partnerPage.getByRole('button', { name: 'Sign version 3' }));
      await partnerPage.getByRole('dialog').getByText('your signature makes the agreement active').waitFor();
      await pressOn(partnerPage, partnerPage.getByRole('dialog').getByRole('button', { name: 'Sign', exact: true }));
      await partnerPage.getByText('Both sides signed: the agreement is active').waitFor();
      await partnerPage.getByText('Active', { exact: true }).first().waitFor();
      await partnerPage.getByText('Signed version 3', { exact: true }).first().waitFor();
      await checked(partnerPage, 'agreement-active');

      // Its SLA is monitored with the counter-proposed target: in the API and on the partner's performance tab.
      const slas = (await api.call('GET', `/v1/partners/${draft!.partnerId}/slas`, { token: api.token('manager') }))
        .body as { items: { metric: string; target?: number; agreementId?: string; status: string }[] };
      expect(slas.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            metric: 'tickets.answered_4h',
            target: 93,
            agreementId: draft!.id,
            status: 'active',
          }),
        ]),
      );
      await partnerPage.goto(`${api.url}/partners/${draft!.partnerId}?tab=performance`);
      const performance = partnerPage.getByRole('row', { name: /tickets\.answered_4h/ }).first();
      await performance.waitFor();
      expect(await performance.innerText()).toContain('93');
      await screenshot(partnerPage, 'agreement-sla-under-performance');
      await partnerPage.context().close();
      await managerPage.context().close();
    },
    FLOW_TIMEOUT,
  );

  it(
    'the vendor filters the list through the address and drafts an agreement with the API’s messages at the field',
    async () => {
      const active = await agreements('status=active');
      const reseller = active.find((a) => a.title.startsWith('Smart-home reseller'));
      expect(reseller).toBeDefined();
      const page = await portal.signedIn('role=manager');
      await page.goto(`${api.url}/agreements?status=active`);
      await page.getByRole('heading', { name: 'Agreements', level: 1 }).waitFor();
      await page.getByRole('link', { name: reseller!.title }).waitFor();
      // Only active ones: no draft or negotiation on this page.
      expect(await page.getByText('In negotiation').count()).toBe(0);
      expect(await page.getByText('Draft', { exact: true }).count()).toBe(0);
      await checked(page, 'agreements-list-vendor');

      // A draft for the reseller's partner: the form, a bad tier refused at its field, then created.
      await page.goto(`${api.url}/agreements?partnerId=${reseller!.partnerId}`);
      await page.getByRole('button', { name: 'Draft an agreement' }).click();
      await page.getByRole('heading', { name: 'Draft an agreement', level: 1 }).waitFor();
      await page.getByLabel('Title').fill('Installer referral programme');
      await page.getByRole('button', { name: 'Add obligation' }).first().click();
      await page.getByLabel('The vendor’s obligations 1').fill('Quarterly installer training');
      // A select opened while the form still renders may not show its options: choose again until the tiers show.
      for (let attempt = 0; attempt < 3 && !(await page.getByLabel('Share (%) (1)').count()); attempt++) {
        await page.getByRole('button', { name: /No revenue share/ }).click();
        await page
          .getByRole('option', { name: 'Tiered' })
          .click({ timeout: 10_000 })
          .catch(() => page.keyboard.press('Escape'));
        await page
          .getByLabel('Share (%) (1)')
          .waitFor({ timeout: 10_000 })
          .catch(() => undefined);
      }
      await page.getByLabel('Share (%) (1)').fill('8');
      await page.getByLabel('Up to (empty: no limit) (1)').fill('50000');
      await page.getByRole('button', { name: 'Add tier' }).click();
      await page.getByLabel('From (2)').fill('40000');
      await page.getByLabel('Share (%) (2)').fill('10');
      await page.getByRole('button', { name: 'Add SLA' }).click();
      await page.getByRole('region', { name: 'SLA 1' }).getByLabel('Metric').fill('csat');
      await page.getByRole('region', { name: 'SLA 1' }).getByLabel('Target').fill('4.5');
      await page.getByRole('button', { name: 'Create draft' }).click();
      await page.getByText('overlaps the tier before (which ends at 50000)').waitFor();
      await checked(page, 'agreement-new');
      await page.getByLabel('From (2)').fill('50000');
      await page.getByRole('button', { name: 'Create draft' }).click();
      await page.getByRole('heading', { name: 'Installer referral programme', level: 1 }).waitFor();
      await page.getByText('Draft', { exact: true }).first().waitFor();
      await page.getByRole('rowheader', { name: 'csat' }).waitFor();

      // Withdrawn with a reason, it shows terminated.
      await page.getByRole('button', { name: 'Withdraw' }).click();
      const withdraw = page.getByRole('dialog');
      await withdraw.getByLabel('Reason').fill('Replaced by the 2027 programme');
      await checked(page, 'agreement-withdraw');
      await withdraw.getByRole('button', { name: 'Withdraw' }).click();
      await page.getByText('Terminated', { exact: true }).first().waitFor();
      await page.getByText('Replaced by the 2027 programme').waitFor();
      await page.context().close();
    },
    FLOW_TIMEOUT,
  );

  it(
    'the risk matrix filters the register from the keyboard, a risk is added, a stale edit offers a reload, and a planning session is recorded',
    async () => {
      const [agreement] = (await agreements('status=active')).filter((a) => a.title.startsWith('Smart-home reseller'));
      expect(agreement).toBeDefined();
      const page = await portal.signedIn('role=manager');
      await page.goto(`${api.url}${agreementPath(agreement!)}?tab=risks`);
      await page.getByRole('heading', { name: 'Risk register' }).waitFor();
      // The seeded risk: likelihood 3, impact 4. Its cell counts 1; Tab reaches it, Enter filters the list.
      const cell = page.getByRole('button', { name: 'Likelihood 3, impact 4: 1 risk' });
      await cell.focus();
      await page.keyboard.press('Enter');
      await page.getByText('Showing likelihood 3, impact 4').waitFor();
      expect(new URL(page.url()).searchParams.get('likelihood')).toBe('3');
      await page.getByRole('rowheader', { name: /Smart-lock stock runs short/ }).waitFor();
      await checked(page, 'agreement-risks');

      // Add a risk in another cell.
      await page.getByRole('button', { name: 'Show all risks' }).click();
      await page.getByRole('button', { name: 'Add risk' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Risk').fill('Competitor undercuts the hub price');
      await dialog.getByRole('button', { name: /^Likelihood/ }).click();
      await page.getByRole('option', { name: '4 Likely' }).click();
      await dialog.getByRole('button', { name: /^Impact/ }).click();
      await page.getByRole('option', { name: '5 Severe' }).click();
      await checked(page, 'agreement-risk-form');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('button', { name: 'Likelihood 4, impact 5: 1 risk' }).waitFor();

      // Someone else changes the seeded risk while it is open here: saving says so and offers a reload.
      await page.getByRole('button', { name: /Edit “Smart-lock stock runs short/ }).click();
      const risks = (
        await api.call('GET', `/v1/partners/${agreement!.partnerId}/risks`, { token: api.token('manager') })
      ).body as { items: { id: string; title: string; version: number }[] };
      const seeded = risks.items.find((r) => r.title.startsWith('Smart-lock stock'))!;
      const changed = await api.call('PATCH', `/v1/partners/${agreement!.partnerId}/risks/${seeded.id}`, {
        token: api.token('manager'),
        headers: { 'if-match': `"${seeded.version}"` },
        body: { status: 'mitigating' },
      });
      expect(changed.status).toBe(200);
      await page.getByRole('dialog').getByLabel('Mitigation').fill('Second supplier qualified');
      await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
      await page.getByText('Someone else changed this').waitFor();
      await page.getByRole('dialog').getByRole('button', { name: 'Reload' }).waitFor();
      await screenshot(page, 'agreement-risk-stale');
      await page.getByRole('dialog').getByRole('button', { name: 'Reload' }).click();
      await page.getByText('Mitigating').first().waitFor();

      // Planning: the seeded session's action items, then a new session with one.
      await page.getByRole('tab', { name: 'Planning' }).click();
      await page.getByRole('heading', { name: 'Action items of “Q1 joint business plan”' }).waitFor();
      await page.getByRole('rowheader', { name: 'Confirm March inbound quantities' }).waitFor();
      await checked(page, 'agreement-planning');
      await page.getByRole('button', { name: 'Record a session' }).click();
      const record = page.getByRole('dialog');
      await record.getByLabel('Title').fill('Spring campaign check');
      await record.getByRole('textbox', { name: 'Name 1' }).fill('Mara Keller');
      await record.getByRole('button', { name: 'Add action item' }).click();
      await record.getByRole('textbox', { name: 'Action 1' }).fill('Book the launch webinar');
      await record.getByRole('textbox', { name: 'Owner 1' }).fill('Jonas Weber');
      await record.getByPlaceholder('YYYY/MM/DD').last().fill('2027/02/15');
      await checked(page, 'agreement-planning-form');
      await record.getByRole('button', { name: 'Record session' }).click();
      await page.getByRole('heading', { name: 'Action items of “Spring campaign check”' }).waitFor();
      await page.getByRole('rowheader', { name: 'Book the launch webinar' }).waitFor();
      await page.context().close();
    },
    FLOW_TIMEOUT,
  );
});
