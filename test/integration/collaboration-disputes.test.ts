import { clockControl } from '#shared/clock';
import type { OutboxMail } from '#infra/local/mail-outbox';
import { addPerson, createAgreement, createPartner } from '#test/helpers/fixtures';
import { startTestApi, type TestApi } from '#test/helpers/local-api';

// integration: disputes end to end with both sides' tokens; escalation by the hourly reminders job.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  clockControl.reset();
  await api.stop();
});

interface Dispute {
  id: string;
  status: string;
  version: number;
  awaitingSide?: string;
  responseDueAt?: string;
  proposal?: { id: string; side: string };
  escalatedAt?: string;
}

const DAY = 24 * 3600 * 1000;
const unique = (who: string) => `${who}.${Math.random().toString(36).slice(2, 8)}@example.com`;

async function mail(query: Record<string, string>): Promise<OutboxMail[]> {
  const res = await api.call('GET', `/local/outbox-mail?${new URLSearchParams(query).toString()}`);
  return (res.body as { items: OutboxMail[] }).items;
}

async function setup() {
  const owner = unique('owner');
  const admin = unique('admin');
  const partner = await createPartner(api, { ownerManager: owner, timezone: 'Europe/Berlin' });
  await addPerson(api, partner.id, { email: admin, role: 'partner-admin' });
  return { partner, owner, admin, vendor: api.token('manager'), partnerAdmin: api.token('partner-admin', partner.id) };
}

const raise = (partnerId: string, token: string, extra: Record<string, unknown> = {}) =>
  api.call('POST', `/v1/partners/${partnerId}/disputes`, {
    token,
    body: {
      title: 'Invoice 2026-11 double-charged',
      category: 'billing',
      severity: 'high',
      description: 'Two charges for the same units.',
      ...extra,
    },
  });

describe('disputes', () => {
  it('runs open -> in-discussion -> resolution-proposed -> resolved, with the exchange in the audit trail and events', async () => {
    const { partner, vendor, partnerAdmin, owner, admin } = await setup();
    const agreement = await createAgreement(api, partner.id);
    const raised = await raise(partner.id, partnerAdmin, { linked: { agreementId: agreement.id } });
    expect(raised.status).toBe(201);
    const dispute = raised.body as Dispute;
    expect(dispute).toMatchObject({ status: 'open', raisedBy: 'partner', awaitingSide: 'vendor', responseSlaDays: 2 });
    const base = `/v1/partners/${partner.id}/disputes/${dispute.id}`;

    const answer = await api.call('POST', `${base}/messages`, {
      token: vendor,
      body: { body: 'Checking with billing.' },
    });
    expect(answer.body).toMatchObject({ status: 'in-discussion', awaitingSide: 'partner', messages: 1 });

    const proposed = await api.call('POST', `${base}/proposals`, {
      token: vendor,
      body: { summary: 'Credit note for the duplicate charge.' },
    });
    expect(proposed.status).toBe(200);
    const proposal = (proposed.body as Dispute).proposal!;
    expect(proposed.body).toMatchObject({ status: 'resolution-proposed', awaitingSide: 'partner' });

    // The side that proposed cannot accept its own proposal.
    expect(
      (await api.call('POST', `${base}/accept`, { token: vendor, body: { proposalId: proposal.id } })).status,
    ).toBe(409);
    const accepted = await api.call('POST', `${base}/accept`, {
      token: partnerAdmin,
      body: { proposalId: proposal.id },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'resolved', resolution: 'Credit note for the duplicate charge.' });
    expect((accepted.body as Dispute).awaitingSide).toBeUndefined();

    // Nothing more after resolution.
    expect(
      (await api.call('POST', `${base}/messages`, { token: partnerAdmin, body: { body: 'One more thing' } })).status,
    ).toBe(409);
    expect((await api.call('POST', `${base}/proposals`, { token: vendor, body: { summary: 'x' } })).status).toBe(409);

    const exchange = await api.call('GET', `${base}/messages`, { token: api.token('partner-user', partner.id) });
    expect(
      (exchange.body as { items: { kind: string; side: string }[] }).items.map((m) => `${m.kind}:${m.side}`),
    ).toEqual(['message:vendor', 'proposal:vendor', 'acceptance:partner']);
    const audit = await api.call('GET', `/v1/audit?partnerId=${partner.id}`, { token: vendor });
    const actions = (audit.body as { items: { action: string; entityId: string }[] }).items
      .filter((a) => a.entityId === dispute.id)
      .map((a) => a.action);
    expect(actions.reverse()).toEqual([
      'dispute.raised',
      'dispute.message-posted',
      'dispute.resolution-proposed',
      'dispute.resolved',
    ]);

    await api.drainEvents();
    const events = (await api.tableItems())
      .filter(
        (i) =>
          i.type === 'OutboxEvent' &&
          (i.detail as { partnerId?: string }).partnerId === partner.id &&
          String(i.detailType).startsWith('Dispute'),
      )
      .map((i) => i.detailType)
      .sort();
    expect(events).toEqual(['DisputeMessagePosted', 'DisputeRaised', 'DisputeResolutionProposed', 'DisputeResolved']);
    // The vendor hears of the raise; the partner of the answer and the proposal; both of the resolution.
    expect((await mail({ to: owner })).map((m) => m.event).sort()).toEqual([
      'DisputeRaised',
      'DisputeResolved',
      'PartnerCreated',
    ]);
    expect(
      (await mail({ to: admin }))
        .map((m) => m.event)
        .filter((e) => e.startsWith('Dispute'))
        .sort(),
    ).toEqual(['DisputeMessagePosted', 'DisputeResolutionProposed', 'DisputeResolved']);
  });

  it('refuses links to another partner’s agreement and hides disputes from other partners', async () => {
    const { partner, partnerAdmin } = await setup();
    const other = await createPartner(api);
    const foreign = await createAgreement(api, other.id);
    const bad = await raise(partner.id, partnerAdmin, { linked: { agreementId: foreign.id } });
    expect(bad.status).toBe(400);
    expect((bad.body as { errors: { path: string }[] }).errors[0]!.path).toBe('body.linked.agreementId');
    const dispute = (await raise(partner.id, partnerAdmin)).body as Dispute;
    const outsider = api.token('partner-admin', other.id);
    expect(
      (await api.call('GET', `/v1/partners/${partner.id}/disputes/${dispute.id}`, { token: outsider })).status,
    ).toBe(404);
    expect((await api.call('GET', `/v1/partners/${other.id}/disputes/${dispute.id}`, { token: outsider })).status).toBe(
      404,
    );
    expect(
      (
        await api.call('POST', `/v1/partners/${partner.id}/disputes/${dispute.id}/messages`, {
          token: outsider,
          body: { body: 'hi' },
        })
      ).status,
    ).toBe(404);
  });

  it('escalates a dispute left unanswered past its business-day SLA once, and tells the vendor side', async () => {
    // Raised on a Friday afternoon in Berlin: 2 business days end on Tuesday afternoon, not Sunday.
    clockControl.freeze(new Date('2026-12-04T14:00:00Z'));
    try {
      const { partner, partnerAdmin, owner, admin } = await setup();
      const dispute = (await raise(partner.id, partnerAdmin)).body as Dispute;
      expect(dispute.responseDueAt).toBe('2026-12-08T14:00:00.000Z');
      const answered = (await raise(partner.id, partnerAdmin, { title: 'Answered in time' })).body as Dispute;

      const status = async (id: string) =>
        (
          (await api.call('GET', `/v1/partners/${partner.id}/disputes/${id}`, { token: api.token('manager') }))
            .body as Dispute
        ).status;
      clockControl.advanceBy(3 * DAY); // Monday: still within the SLA
      await api.runJob('reminders');
      expect(await status(dispute.id)).toBe('open');
      // Answered on Monday: now the raiser owes an answer, by Wednesday.
      const answer = await api.call('POST', `/v1/partners/${partner.id}/disputes/${answered.id}/messages`, {
        token: api.token('manager'),
        body: { body: 'On it' },
      });
      expect(answer.body).toMatchObject({
        status: 'in-discussion',
        awaitingSide: 'partner',
        responseDueAt: '2026-12-09T14:00:00.000Z',
      });

      clockControl.advanceBy(1 * DAY + 60_000); // Tuesday, a minute past the deadline
      const first = await api.runJob('reminders');
      const second = await api.runJob('reminders');
      expect((first as { escalated: number }).escalated).toBeGreaterThanOrEqual(1);
      expect(second).toMatchObject({ escalated: 0 });

      const read = await api.call('GET', `/v1/partners/${partner.id}/disputes/${dispute.id}`, {
        token: api.token('manager'),
      });
      expect(read.body).toMatchObject({ status: 'escalated', escalatedAt: expect.any(String) as unknown });
      const other = await api.call('GET', `/v1/partners/${partner.id}/disputes/${answered.id}`, {
        token: api.token('manager'),
      });
      expect(other.body).toMatchObject({ status: 'in-discussion' });

      // The escalated dispute can still be settled: a proposal, accepted by the other side.
      const proposed = await api.call('POST', `/v1/partners/${partner.id}/disputes/${dispute.id}/proposals`, {
        token: api.token('admin'),
        body: { summary: 'Refund' },
      });
      expect(proposed.body).toMatchObject({ status: 'escalated' });
      const accepted = await api.call('POST', `/v1/partners/${partner.id}/disputes/${dispute.id}/accept`, {
        token: partnerAdmin,
        body: { proposalId: (proposed.body as Dispute).proposal!.id },
      });
      expect(accepted.body).toMatchObject({ status: 'resolved' });
      expect(await api.runJob('reminders')).toMatchObject({ escalated: 0 });

      await api.drainEvents();
      const escalations = (await api.tableItems()).filter(
        (i) => i.detailType === 'DisputeEscalated' && (i.detail as { partnerId: string }).partnerId === partner.id,
      );
      expect(escalations).toHaveLength(1);
      expect((await mail({ to: owner })).filter((m) => m.event === 'DisputeEscalated')).toHaveLength(1);
      expect((await mail({ to: admin })).filter((m) => m.event === 'DisputeEscalated')).toHaveLength(0);
    } finally {
      clockControl.reset();
    }
  });
});
