import { ulid } from 'ulid';
import { AlertRaised, AlertRenotified, AlertResolved } from '#functions/alerts/events';
import type { EventDefinition } from '#events/envelope';
import { functions } from '#functions/manifest';
import { toEventBridgeEvent } from '#infra/local/bus';
import { invoke } from '#infra/local/handlers';
import type { OutboxMail } from '#infra/local/mail-outbox';
import { addPerson, createPartner, moveTo } from '#test/helpers/fixtures';
import { startTestApi, type TestApi } from '#test/helpers/local-api';

// integration: the notifier's deliveries, read back from the local outbox (GET /local/outbox-mail) through the
// gateway, for real events from real requests.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

async function outboxMail(query: Record<string, string>): Promise<OutboxMail[]> {
  const res = await api.call('GET', `/local/outbox-mail?${new URLSearchParams(query).toString()}`);
  expect(res.status).toBe(200);
  return (res.body as { items: OutboxMail[] }).items;
}

const uniqueAddress = (who: string) => `${who}.${Math.random().toString(36).slice(2, 8)}@example.com`;

describe('notifications', () => {
  it('mails the owner manager of a new partner', async () => {
    // Prepare
    const owner = uniqueAddress('owner');

    // Act
    const partner = await createPartner(api, { ownerManager: owner });
    await api.drainEvents();

    // Assess
    const mail = await outboxMail({ to: owner.toUpperCase() });
    expect(mail).toEqual([
      expect.objectContaining({
        event: 'PartnerCreated',
        eventId: expect.any(String) as unknown,
        partnerId: partner.id,
        to: [owner],
        subject: `New partner: ${partner.name as string}`,
        sentAt: expect.any(String) as unknown,
      }),
    ]);
  });

  it('tells both sides of a status change, newest first, and filters by partner and recipient', async () => {
    // Prepare
    const owner = uniqueAddress('owner');
    const admin = uniqueAddress('admin');
    const partner = await createPartner(api, { ownerManager: owner });
    const other = await createPartner(api, { ownerManager: owner });
    await addPerson(api, partner.id, { email: admin, role: 'partner-admin' });
    // Creation mail is delivered before the change happens, so "newest first" has one right answer.
    await api.drainEvents();

    // Act
    await moveTo(api, partner, 'onboarding');
    await api.drainEvents();

    // Assess
    const ofPartner = await outboxMail({ partnerId: partner.id });
    expect(ofPartner.map((m) => m.event)).toEqual(['PartnerStatusChanged', 'PartnerCreated']);
    expect(ofPartner[0]!.to.sort()).toEqual([admin, owner].sort());
    expect(ofPartner[0]!.subject).toBe(`${partner.name as string} is now onboarding`);
    expect((await outboxMail({ to: admin })).map((m) => m.event)).toEqual(['PartnerStatusChanged']);
    const ofOwner = await outboxMail({ to: owner });
    expect(ofOwner[0]!.event).toBe('PartnerStatusChanged');
    // The two creations were delivered concurrently: in either order.
    expect(ofOwner.map((m) => m.partnerId).sort()).toEqual([partner.id, partner.id, other.id].sort());
  });

  describe('SLA alerts', () => {
    const notifier = functions.find((spec) => spec.name === 'notifier')!;
    // End to end: a breach reported through the API raises an alert on ingest, whose event reaches both sides' inboxes.
    it('mails both sides when a reported metric breaches an SLA', async () => {
      // Prepare
      const owner = uniqueAddress('owner');
      const admin = uniqueAddress('admin');
      const partner = await createPartner(api, { ownerManager: owner });
      await addPerson(api, partner.id, { email: admin, role: 'partner-admin' });
      const sla = await api.call('POST', `/v1/partners/${partner.id}/slas`, {
        token: api.token('manager'),
        body: {
          kind: 'threshold',
          metric: 'csat',
          aggregate: 'avg',
          comparator: '>=',
          target: 4.2,
          window: 'P7D',
          severity: 'critical',
        },
      });
      expect(sla.status).toBe(201);

      // Act
      const reported = await api.call('POST', `/v1/partners/${partner.id}/metrics`, {
        token: api.token('partner-admin', partner.id),
        body: { points: [{ metric: 'csat', at: new Date(Date.now() - 60_000).toISOString(), value: 3.2 }] },
      });
      await api.drainEvents();

      // Assess
      expect(reported.status).toBe(200);
      const [raised] = (await outboxMail({ partnerId: partner.id })).filter((m) => m.event === 'AlertRaised');
      expect(raised?.subject).toBe(`[critical] ${partner.name as string}: csat 3.2 vs target 4.2 over 7d`);
      expect(raised?.to.sort()).toEqual([admin, owner].sort());
    });

    // The notifier invoked directly with the events the SLA monitor publishes: the wording, whatever the routing.
    const alert = (partnerId: string) => ({
      id: ulid(),
      partnerId,
      slaId: 'SLA1',
      metric: 'tickets.answered_4h',
      severity: 'critical' as const,
      status: 'firing' as const,
      measured: 91.456,
      target: 95,
      window: 'PT1H',
      rule: '1h/5m@14.4x',
      detail: 'Error budget burning 14.4x over 1h and 5m.',
      firstSeen: '2026-12-01T10:05:00.000Z',
      lastSeen: '2026-12-01T14:05:00.000Z',
      occurrences: 49,
    });
    const publish = (definition: EventDefinition, partnerId: string, data: Record<string, unknown>) =>
      invoke(
        notifier,
        toEventBridgeEvent(
          {
            source: definition.source,
            detailType: definition.detailType,
            detail: {
              eventId: ulid(),
              occurredAt: '2026-12-01T14:20:00.000Z',
              partnerId,
              actor: { sub: 'system:sla-monitor', role: 'system' },
              data,
            },
            time: new Date().toISOString(),
          },
          'eu-west-1',
        ),
        'eu-west-1',
      );

    it('tells both sides when an alert is raised, still firing and resolved', async () => {
      // Prepare
      const owner = uniqueAddress('owner');
      const admin = uniqueAddress('admin');
      const partner = await createPartner(api, { ownerManager: owner, name: `Callcenter ${ulid().slice(-6)}` });
      await addPerson(api, partner.id, { email: admin, role: 'partner-admin' });
      await api.drainEvents();
      const name = partner.name as string;

      // Act
      await publish(AlertRaised, partner.id, { alert: alert(partner.id) });
      await publish(AlertRenotified, partner.id, { alert: alert(partner.id) });
      await publish(AlertResolved, partner.id, {
        alert: { ...alert(partner.id), status: 'resolved' },
        resolution: 'recovered',
      });

      // Assess
      const [resolved, renotified, raised] = (await outboxMail({ partnerId: partner.id, to: admin })).filter((m) =>
        m.event.startsWith('Alert'),
      );
      expect(raised).toMatchObject({
        event: 'AlertRaised',
        subject: `[critical] ${name}: tickets.answered_4h 91.46 vs target 95 over 1h, rule 1h/5m@14.4x`,
        text: expect.stringContaining('Error budget burning 14.4x over 1h and 5m.') as unknown,
      });
      expect(raised!.to.sort()).toEqual([admin, owner].sort());
      expect(raised!.text).toContain('Firing since: 2026-12-01 10:05 UTC; 49 breaching evaluations');
      expect(raised!.text).toContain(`Alert: /v1/partners/${partner.id}/alerts/`);
      expect(renotified!.subject).toBe(`Still firing since 2026-12-01 10:05 UTC: ${raised!.subject}`);
      expect(resolved).toMatchObject({
        event: 'AlertResolved',
        subject: `Resolved: [critical] ${name}: tickets.answered_4h`,
        text: expect.stringContaining('It fired from 2026-12-01 10:05 UTC to 2026-12-01 14:20 UTC') as unknown,
      });
    });
  });
});
