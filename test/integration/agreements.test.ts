import { clockControl } from '#shared/clock';
import { startTestApi, type TestApi } from '#test/helpers/local-api';
import { createAgreement, createPartner, termsInput, type Created } from '#test/helpers/fixtures';

// integration: the negotiation workflow over real HTTP on DynamoDB Local, with both sides' tokens.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  clockControl.reset();
  await api.stop();
});

type Agreement = Created & {
  status: string;
  currentVersion: number;
  activeVersion?: number;
  slaIds?: string[];
  signatures: Record<string, { version: number }>;
  expiresAt?: string;
};

const base = (partnerId: string) => `/v1/partners/${partnerId}/agreements`;

async function proposeAs(
  token: string,
  partnerId: string,
  agreement: Agreement,
  terms: Record<string, unknown>,
  summary: string,
): Promise<Agreement> {
  const res = await api.call('POST', `${base(partnerId)}/${agreement.id}/proposals`, {
    token,
    body: { summary, terms },
    headers: { 'if-match': `"${agreement.version}"` },
  });
  expect(res.status).toBe(200);
  return res.body as Agreement;
}

const signAs = (token: string, partnerId: string, agreementId: string, version: number) =>
  api.call('POST', `${base(partnerId)}/${agreementId}/signatures`, { token, body: { version } });

async function negotiated(): Promise<{ partner: Created; agreement: Agreement; vendor: string; partnerAdmin: string }> {
  const partner = await createPartner(api);
  const vendor = api.token('manager', undefined, 'mara');
  const partnerAdmin = api.token('partner-admin', partner.id, 'jonas');
  let agreement = (await createAgreement(api, partner.id)) as Agreement;
  agreement = await proposeAs(
    partnerAdmin,
    partner.id,
    agreement,
    termsInput({ terminationNoticeDays: 60 }),
    'We need 60 days notice',
  );
  agreement = await proposeAs(
    vendor,
    partner.id,
    agreement,
    termsInput({ terminationNoticeDays: 45 }),
    'Meet in the middle: 45 days',
  );
  return { partner, agreement, vendor, partnerAdmin };
}

describe('negotiation', () => {
  it('drafts, counter-proposes, re-proposes and activates when both sign version 3', async () => {
    const partner = await createPartner(api);
    const vendor = api.token('manager', undefined, 'mara');
    const partnerAdmin = api.token('partner-admin', partner.id, 'jonas');
    const draft = (await createAgreement(api, partner.id)) as Agreement;
    expect(draft).toMatchObject({ status: 'draft', currentVersion: 1 });

    const counter = await proposeAs(
      partnerAdmin,
      partner.id,
      draft,
      termsInput({
        revenueShare: { model: 'flat', currency: 'EUR', percentage: 15 },
        slas: [
          {
            kind: 'threshold',
            metric: 'csat',
            aggregate: 'avg',
            comparator: '>=',
            target: 4.0,
            window: 'P7D',
            severity: 'warning',
          },
        ],
        terminationNoticeDays: 60,
        clauses: [{ title: 'Confidentiality', text: 'Changed wording about confidentiality.' }],
      }),
      'Flat 15 %, CSAT 4.0, no ticket SLA, 60 days notice',
    );
    expect(counter).toMatchObject({ status: 'negotiating', currentVersion: 2 });
    const v3terms = termsInput({
      revenueShare: { model: 'flat', currency: 'EUR', percentage: 12 },
      slas: [
        {
          kind: 'threshold',
          metric: 'csat',
          aggregate: 'avg',
          comparator: '>=',
          target: 4.1,
          window: 'P7D',
          severity: 'warning',
        },
        { kind: 'freshness', metric: 'csat', window: 'P1D', severity: 'info' },
      ],
      terminationNoticeDays: 45,
    });
    await proposeAs(vendor, partner.id, counter, v3terms, 'Flat 12 %, CSAT 4.1, 45 days');

    const versions = await api.call('GET', `${base(partner.id)}/${draft.id}/versions`, { token: partnerAdmin });
    expect(
      (versions.body as { items: { number: number; counterProposal: boolean; proposedBy: { side: string } }[] }).items,
    ).toEqual([
      expect.objectContaining({
        number: 1,
        counterProposal: false,
        proposedBy: expect.objectContaining({ side: 'vendor' }) as unknown,
      }),
      expect.objectContaining({
        number: 2,
        counterProposal: true,
        proposedBy: expect.objectContaining({ side: 'partner' }) as unknown,
      }),
      expect.objectContaining({
        number: 3,
        counterProposal: true,
        proposedBy: expect.objectContaining({ side: 'vendor' }) as unknown,
      }),
    ]);

    const diff = await api.call('GET', `${base(partner.id)}/${draft.id}/versions/3/diff?against=1`, { token: vendor });
    expect(diff.status).toBe(200);
    const paths = (diff.body as { changes: { path: string; change: string }[] }).changes
      .map((c) => `${c.change} ${c.path}`)
      .sort();
    expect(paths).toEqual(
      [
        'added revenueShare.percentage',
        'removed revenueShare.basis',
        'removed revenueShare.tiers',
        'changed revenueShare.model',
        'changed slas[threshold:csat].target',
        'removed slas[ratio:tickets.answered_4h]',
        'added slas[freshness:csat]',
        'changed terminationNoticeDays',
      ].sort(),
    );
    const v2diff = await api.call('GET', `${base(partner.id)}/${draft.id}/versions/2/diff?against=1`, {
      token: vendor,
    });
    expect((v2diff.body as { changes: { path: string }[] }).changes.map((c) => c.path)).toContain(
      'clauses[Confidentiality].digest',
    );

    expect((await signAs(vendor, partner.id, draft.id, 3)).body).toMatchObject({
      status: 'negotiating',
      signatures: { vendor: { version: 3 } },
    });
    const active = (await signAs(partnerAdmin, partner.id, draft.id, 3)).body as Agreement;
    expect(active).toMatchObject({ status: 'active', activeVersion: 3 });
    expect(active.slaIds).toHaveLength(2);

    const v3read = await api.call('GET', `${base(partner.id)}/${draft.id}/versions/3`, { token: partnerAdmin });
    expect((v3read.body as { terms: { clauses: { text: string }[] } }).terms.clauses[0]!.text).toMatch(/confidential/);

    const audit = await api.call('GET', `/v1/audit?partnerId=${partner.id}&limit=20`, { token: vendor });
    const actions = (audit.body as { items: { action: string }[] }).items.map((i) => i.action).reverse();
    expect(actions).toEqual([
      'partner.created',
      'agreement.created',
      'agreement.counter-proposed',
      'agreement.counter-proposed',
      'agreement.signed',
      'agreement.activated',
    ]);
  });

  it('creates the SLA definitions in the same transaction as the activation', async () => {
    const { partner, agreement, vendor, partnerAdmin } = await negotiated();
    await signAs(partnerAdmin, partner.id, agreement.id, 3);
    const before = (await api.tableItems()).filter((i) => i.type === 'SlaDefinition' && i.agreementId === agreement.id);
    expect(before).toHaveLength(0);
    const active = (await signAs(vendor, partner.id, agreement.id, 3)).body as Agreement;
    const slas = (await api.tableItems()).filter((i) => i.type === 'SlaDefinition' && i.agreementId === agreement.id);
    expect(slas.map((s) => s.id).sort()).toEqual([...active.slaIds!].sort());
    slas.forEach((s) =>
      expect(s).toMatchObject({ status: 'active', partnerId: partner.id, agreementVersion: 3, GSI2PK: 'SLAS#active' }),
    );
    expect(slas.map((s) => [s.kind, s.metric, s.target].join(':')).sort()).toEqual([
      'ratio:tickets.answered_4h:95',
      'threshold:csat:4.2',
    ]);
  });

  it('voids signatures with a new proposal and refuses signing a superseded version', async () => {
    const { partner, agreement, vendor, partnerAdmin } = await negotiated();
    const signed = (await signAs(vendor, partner.id, agreement.id, 3)).body as Agreement;
    const v4 = await proposeAs(partnerAdmin, partner.id, signed, termsInput({ termMonths: 24 }), 'Two years please');
    expect(v4.signatures).toEqual({});
    const late = await signAs(partnerAdmin, partner.id, agreement.id, 3);
    expect(late.status).toBe(409);
    expect((late.body as { detail: string }).detail).toMatch(/superseded by version 4/);
  });

  it('never activates twice or on a superseded version when signatures race', async () => {
    const { partner, agreement, vendor, partnerAdmin } = await negotiated();
    const attempts = Array.from({ length: 30 }, (_, i) =>
      signAs(i % 2 ? vendor : partnerAdmin, partner.id, agreement.id, 3),
    );
    const results = await Promise.all(attempts);
    results.forEach((r) => expect(r.status).toBe(200));
    const final = (await api.call('GET', `${base(partner.id)}/${agreement.id}`, { token: vendor })).body as Agreement;
    expect(final).toMatchObject({
      status: 'active',
      activeVersion: 3,
      signatures: { vendor: { version: 3 }, partner: { version: 3 } },
    });

    await api.drainEvents();
    const items = await api.tableItems();
    const activations = items.filter(
      (i) =>
        i.detailType === 'AgreementActivated' &&
        (i.detail as { data: { agreement: { id: string } } }).data.agreement.id === agreement.id,
    );
    expect(activations).toHaveLength(1);
    expect(items.filter((i) => i.type === 'SlaDefinition' && i.agreementId === agreement.id)).toHaveLength(2);
    const signedEntries = items.filter(
      (i) =>
        i.type === 'AuditEntry' &&
        i.entityId === agreement.id &&
        (i.action === 'agreement.signed' || i.action === 'agreement.activated'),
    );
    expect(signedEntries).toHaveLength(2);
  });

  it('refuses the side that signs a superseded version while the other signs the current one', async () => {
    const { partner, agreement, vendor, partnerAdmin } = await negotiated();
    const [current, superseded] = await Promise.all([
      signAs(vendor, partner.id, agreement.id, 3),
      signAs(partnerAdmin, partner.id, agreement.id, 2),
    ]);
    expect(current.status).toBe(200);
    expect(superseded.status).toBe(409);
    const final = (await api.call('GET', `${base(partner.id)}/${agreement.id}`, { token: vendor })).body as Agreement;
    expect(final).toMatchObject({ status: 'negotiating', signatures: { vendor: { version: 3 } } });
    expect(final.signatures.partner).toBeUndefined();
  });

  it('lets a new proposal and a signature race without a signature landing on the superseded version', async () => {
    const { partner, agreement, vendor, partnerAdmin } = await negotiated();
    const [proposal, signature] = await Promise.all([
      api.call('POST', `${base(partner.id)}/${agreement.id}/proposals`, {
        token: partnerAdmin,
        body: { summary: 'Change again', terms: termsInput({ termMonths: 6 }) },
        headers: { 'if-match': `"${agreement.version}"` },
      }),
      signAs(vendor, partner.id, agreement.id, 3),
    ]);
    const final = (await api.call('GET', `${base(partner.id)}/${agreement.id}`, { token: vendor })).body as Agreement;
    if (proposal.status === 200) {
      // The proposal won or came second: any vendor signature on version 3 was voided with it.
      expect(final.currentVersion).toBe(4);
      expect(final.signatures.vendor).toBeUndefined();
    } else {
      expect(signature.status).toBe(200);
      expect(final.signatures.vendor).toEqual(expect.objectContaining({ version: 3 }));
    }
    expect(final.status).toBe('negotiating');
  });

  it('keeps a partner-user from signing (403) and other partners out (404)', async () => {
    const { partner, agreement } = await negotiated();
    expect((await signAs(api.token('partner-user', partner.id), partner.id, agreement.id, 3)).status).toBe(403);
    const stranger = await createPartner(api);
    const strangerToken = api.token('partner-admin', stranger.id);
    expect((await api.call('GET', `${base(partner.id)}/${agreement.id}`, { token: strangerToken })).status).toBe(404);
    expect((await signAs(strangerToken, partner.id, agreement.id, 3)).status).toBe(404);
    // Nor under its own path: the agreement is not there.
    expect((await api.call('GET', `${base(stranger.id)}/${agreement.id}`, { token: strangerToken })).status).toBe(404);
  });
});

describe('the program’s list (GET /v1/agreements)', () => {
  type Listed = { items: Agreement[]; nextCursor?: string };
  const list = async (token: string, query = '') => {
    const res = await api.call('GET', `/v1/agreements${query}`, { token });
    expect(res.status).toBe(200);
    return res.body as Listed;
  };

  it('shows the vendor every partner’s agreements newest first, by status and by partner, page by page', async () => {
    const first = await createPartner(api);
    const second = await createPartner(api);
    const older = await createAgreement(api, first.id);
    const newer = await createAgreement(api, second.id);
    const vendor = api.token('manager');

    const all = await list(vendor, '?limit=100');
    const ids = all.items.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining([older.id, newer.id]));
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));

    // A status filter holds only that status; a partner filter only that partner.
    await proposeAs(api.token('partner-admin', second.id), second.id, newer as Agreement, termsInput(), 'Counter');
    const negotiating = await list(vendor, '?status=negotiating&limit=100');
    expect(negotiating.items.map((a) => a.id)).toContain(newer.id);
    expect(negotiating.items.every((a) => a.status === 'negotiating')).toBe(true);
    expect((await list(vendor, `?partnerId=${first.id}`)).items.map((a) => a.id)).toEqual([older.id]);

    // Pages follow the cursor without repeating an agreement.
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const pageOf = await list(vendor, `?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...pageOf.items.map((a) => a.id));
      cursor = pageOf.nextCursor;
    } while (cursor && seen.length < 500);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([older.id, newer.id]));
  });

  it('gives a partner person its own partner’s agreements only, and nothing when it names another partner', async () => {
    const own = await createPartner(api);
    const other = await createPartner(api);
    const mine = await createAgreement(api, own.id);
    const theirs = await createAgreement(api, other.id);
    const partnerUser = api.token('partner-user', own.id);

    const listed = await list(partnerUser, '?limit=100');
    expect(listed.items.map((a) => a.id)).toEqual([mine.id]);
    expect(listed.items.map((a) => a.id)).not.toContain(theirs.id);
    expect((await list(partnerUser, `?partnerId=${other.id}`)).items).toEqual([]);
    expect((await list(partnerUser, `?partnerId=${own.id}`)).items.map((a) => a.id)).toEqual([mine.id]);
  });

  it('refuses an unknown status or a malformed partner id, naming the field', async () => {
    const res = await api.call('GET', '/v1/agreements?status=pending', { token: api.token('manager') });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('query.status');
    const bad = await api.call('GET', '/v1/agreements?partnerId=nope', { token: api.token('manager') });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('query.partnerId');
  });
});

describe('bad terms', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    [
      'a negative percentage',
      { revenueShare: { model: 'flat', currency: 'EUR', percentage: -5 } },
      'body.terms.revenueShare.percentage',
    ],
    [
      'overlapping tiers',
      {
        revenueShare: {
          model: 'tiered',
          currency: 'EUR',
          basis: 'units',
          tiers: [
            { from: 0, to: 100, percentage: 5 },
            { from: 50, percentage: 7 },
          ],
        },
      },
      'body.terms.revenueShare.tiers.1.from',
    ],
    [
      'an SLA target out of range',
      { slas: [{ kind: 'ratio', metric: 'tickets.answered_4h', target: 120, window: 'P30D', severity: 'critical' }] },
      'body.terms.slas.0.target',
    ],
    [
      'an unknown metric kind',
      { slas: [{ kind: 'percentile', metric: 'latency', target: 5, window: 'P1D', severity: 'info' }] },
      'body.terms.slas.0.kind',
    ],
  ];

  it.each(cases)('rejects %s with 400 naming the field, and writes nothing', async (_, override, path) => {
    const partner = await createPartner(api);
    await api.drainEvents();
    const before = JSON.stringify(await api.tableItems());
    const res = await api.call('POST', base(partner.id), {
      token: api.token('admin'),
      body: { kind: 'reseller', title: 'Bad', terms: termsInput(override) },
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect((res.body as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain(path);
    expect(JSON.stringify(await api.tableItems())).toBe(before);
  });
});

describe('ending agreements', () => {
  it('marks an agreement past its end date expired exactly once, however often the job runs', async () => {
    const { partner, agreement, vendor, partnerAdmin } = await negotiated();
    await signAs(vendor, partner.id, agreement.id, 3);
    const active = (await signAs(partnerAdmin, partner.id, agreement.id, 3)).body as Agreement;

    clockControl.advanceBy(Date.parse(active.expiresAt!) - Date.now() + 3600_000);
    // Two runs at once, then a third: the agreement ends once.
    await Promise.all([api.runJob('reminders'), api.runJob('reminders')]);
    await api.runJob('reminders');
    clockControl.reset();

    const final = (await api.call('GET', `${base(partner.id)}/${agreement.id}`, { token: vendor })).body as Agreement;
    expect(final.status).toBe('expired');
    await api.drainEvents();
    const items = await api.tableItems();
    expect(
      items.filter(
        (i) => i.detailType === 'AgreementExpired' && (i.detail as { partnerId: string }).partnerId === partner.id,
      ),
    ).toHaveLength(1);
    expect(
      items.filter((i) => i.type === 'AuditEntry' && i.entityId === agreement.id && i.action === 'agreement.expired'),
    ).toHaveLength(1);
    const slas = items.filter((i) => i.type === 'SlaDefinition' && i.agreementId === agreement.id);
    slas.forEach((s) => expect(s).toMatchObject({ status: 'retired' }));
    slas.forEach((s) => expect(s.GSI2PK).toBeUndefined());
  });

  it('resolves the open alerts of the SLAs an ending agreement retires', async () => {
    const { partner, agreement, vendor, partnerAdmin } = await negotiated();
    await signAs(vendor, partner.id, agreement.id, 3);
    const active = (await signAs(partnerAdmin, partner.id, agreement.id, 3)).body as Agreement;
    await api.call('POST', `/v1/partners/${partner.id}/metrics`, {
      token: partnerAdmin,
      body: { points: [{ metric: 'csat', at: new Date(Date.now() - 60_000).toISOString(), value: 3.1 }] },
    });
    await api.drainEvents();
    const firing = await api.call('GET', `/v1/partners/${partner.id}/alerts?status=open`, { token: vendor });
    expect((firing.body as { items: unknown[] }).items).toHaveLength(1);

    clockControl.advanceBy(Date.parse(active.expiresAt!) - Date.now() + 3600_000);
    await api.runJob('reminders');
    clockControl.reset();
    const open = await api.call('GET', `/v1/partners/${partner.id}/alerts?status=open`, { token: vendor });
    expect((open.body as { items: unknown[] }).items).toHaveLength(0);
    const resolved = await api.call('GET', `/v1/partners/${partner.id}/alerts?status=resolved`, { token: vendor });
    expect((resolved.body as { items: { note: string }[] }).items[0]!.note).toMatch(/SLA retired: agreement expired/);
  });

  it('sends the 60, 30 and 7 day notices once each', async () => {
    const { partner, agreement, vendor, partnerAdmin } = await negotiated();
    await signAs(vendor, partner.id, agreement.id, 3);
    const active = (await signAs(partnerAdmin, partner.id, agreement.id, 3)).body as Agreement;
    const end = Date.parse(active.expiresAt!);
    for (const daysBefore of [59, 59, 29, 6, 6]) {
      clockControl.set(new Date(end - daysBefore * 24 * 3600_000));
      await api.runJob('reminders');
    }
    clockControl.reset();
    await api.drainEvents();
    const notices = (await api.tableItems()).filter(
      (i) =>
        i.detailType === 'AgreementExpiring' &&
        (i.detail as { data: { agreement: { id: string } } }).data.agreement.id === agreement.id,
    );
    expect(notices.map((n) => (n.detail as { data: { notice: number } }).data.notice).sort((a, b) => a - b)).toEqual([
      7, 30, 60,
    ]);
  });

  it('terminates with the agreed notice, and refuses a shorter one', async () => {
    const { partner, agreement, vendor, partnerAdmin } = await negotiated();
    await signAs(vendor, partner.id, agreement.id, 3);
    const active = (await signAs(partnerAdmin, partner.id, agreement.id, 3)).body as Agreement;
    const path = `${base(partner.id)}/${agreement.id}/terminate`;
    const tooSoon = await api.call('POST', path, {
      token: partnerAdmin,
      body: { reason: 'Leaving the market', effectiveAt: new Date(Date.now() + 10 * 24 * 3600_000).toISOString() },
      headers: { 'if-match': `"${active.version}"` },
    });
    expect(tooSoon.status).toBe(400);
    expect((tooSoon.body as { errors: { path: string }[] }).errors[0]!.path).toBe('body.effectiveAt');

    const effectiveAt = new Date(Date.now() + 50 * 24 * 3600_000).toISOString();
    const noticed = await api.call('POST', path, {
      token: partnerAdmin,
      body: { reason: 'Leaving the market', effectiveAt },
      headers: { 'if-match': `"${active.version}"` },
    });
    expect(noticed.status).toBe(200);
    expect(noticed.body).toMatchObject({
      status: 'active',
      expiresAt: effectiveAt,
      termination: { reason: 'Leaving the market' },
    });

    clockControl.advanceBy(51 * 24 * 3600_000);
    await api.runJob('reminders');
    clockControl.reset();
    const final = (await api.call('GET', `${base(partner.id)}/${agreement.id}`, { token: vendor })).body as Agreement;
    expect(final.status).toBe('terminated');
  });
});
