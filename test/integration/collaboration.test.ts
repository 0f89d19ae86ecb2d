import { clockControl } from '#shared/clock';
import { addPerson, breachedSla, createPartner } from '#test/helpers/fixtures';
import { startTestApi, type TestApi } from '#test/helpers/local-api';

// integration: the collaboration workspace end to end with both sides' tokens: disclosures, objectives and
// roadmap (with the overdue reminder), check-ins (ICS, next occurrence, 24-hour notice) and field feedback.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  clockControl.reset();
  await api.stop();
});

const DAY = 24 * 3600 * 1000;

// The fields of the answers these tests read.
interface Listed<T> {
  items: T[];
}
interface Objective {
  id: string;
  progress: { milestones: unknown };
  milestones: { id: string; title: string }[];
}
interface Roadmap {
  quarters: { quarter: string; objectives: { id: string }[]; milestones: { title: string }[] }[];
}
interface CheckIn {
  id: string;
  startsAt: string;
  agenda: string[];
}

const disclosure = (overrides: Record<string, unknown> = {}) => ({
  needs: [{ text: 'Demo units for the spring campaign', confidence: 'high', reviewBy: '2027-03-01' }],
  concerns: [{ text: 'Price erosion online', confidence: 'medium', reviewBy: '2027-02-01' }],
  constraints: [{ kind: 'capacity', text: 'Two field engineers until Q2', confidence: 'high', reviewBy: '2027-01-15' }],
  metricsThatMatter: [{ metric: 'csat', text: 'Above 4.2 every month', confidence: 'high', reviewBy: '2027-06-30' }],
  ...overrides,
});

async function eventsOf(partnerId: string, prefix: string[]): Promise<string[]> {
  await api.drainEvents();
  return (await api.tableItems())
    .filter(
      (i) =>
        i.type === 'OutboxEvent' &&
        (i.detail as { partnerId?: string }).partnerId === partnerId &&
        prefix.some((p) => String(i.detailType).startsWith(p)),
    )
    .map((i) => String(i.detailType))
    .sort();
}

describe('self-disclosure', () => {
  it('lets each side write only its own disclosure, both read both, with versions and history', async () => {
    const partner = await createPartner(api);
    const partnerAdmin = api.token('partner-admin', partner.id);
    const vendor = api.token('manager');
    const path = (side: string) => `/v1/partners/${partner.id}/disclosures/${side}`;

    expect((await api.call('GET', path('partner'), { token: vendor })).status).toBe(404);
    const created = await api.call('PUT', path('partner'), { token: partnerAdmin, body: disclosure() });
    expect(created.status).toBe(201); // a PUT that creates answers 201 with Location
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({ side: 'partner', version: 1, stale: [] });

    // The other side's disclosure: 403 both ways.
    expect((await api.call('PUT', path('vendor'), { token: partnerAdmin, body: disclosure() })).status).toBe(403);
    expect(
      (await api.call('PUT', path('partner'), { token: vendor, body: disclosure(), headers: { 'if-match': '"1"' } }))
        .status,
    ).toBe(403);
    expect((await api.call('PUT', path('vendor'), { token: vendor, body: disclosure({ needs: [] }) })).status).toBe(
      201,
    );

    // Replacing needs If-Match: 428 without, 412 stale.
    expect((await api.call('PUT', path('partner'), { token: partnerAdmin, body: disclosure() })).status).toBe(428);
    expect(
      (
        await api.call('PUT', path('partner'), {
          token: partnerAdmin,
          body: disclosure(),
          headers: { 'if-match': '"7"' },
        })
      ).status,
    ).toBe(412);
    const second = await api.call('PUT', path('partner'), {
      token: partnerAdmin,
      body: disclosure({ summary: 'Growing in Bavaria' }),
      headers: { 'if-match': '"1"' },
    });
    expect(second.body).toMatchObject({ version: 2, summary: 'Growing in Bavaria' });

    const vendorReadsPartner = await api.call('GET', path('partner'), { token: vendor });
    expect(vendorReadsPartner.body).toMatchObject({
      version: 2,
      constraints: [expect.objectContaining({ kind: 'capacity' })],
    });
    expect((await api.call('GET', path('vendor'), { token: api.token('partner-user', partner.id) })).status).toBe(200);
    const history = await api.call('GET', `${path('partner')}/history`, { token: vendor });
    expect((history.body as Listed<{ version: number }>).items.map((v) => v.version)).toEqual([2, 1]);

    // Another partner sees none of it.
    const other = await createPartner(api);
    const outsider = api.token('partner-admin', other.id);
    expect((await api.call('GET', path('partner'), { token: outsider })).status).toBe(404);
    expect((await api.call('GET', `${path('vendor')}/history`, { token: outsider })).status).toBe(404);

    expect(await eventsOf(partner.id, ['Disclosure'])).toEqual([
      'DisclosureUpdated',
      'DisclosureUpdated',
      'DisclosureUpdated',
    ]);
    const audit = await api.call('GET', `/v1/audit?partnerId=${partner.id}`, { token: vendor });
    expect(
      (audit.body as Listed<{ action: string }>).items.filter((a) => a.action === 'disclosure.updated'),
    ).toHaveLength(3);
  });

  it('flags stale items once per version through the reminders job', async () => {
    const partner = await createPartner(api);
    const today = new Date().toISOString().slice(0, 10);
    await api.call('PUT', `/v1/partners/${partner.id}/disclosures/partner`, {
      token: api.token('partner-admin', partner.id),
      body: disclosure({
        constraints: [{ kind: 'supply', text: 'Allocation of LUM-CAM-2', confidence: 'low', reviewBy: today }],
      }),
    });
    clockControl.advanceBy(2 * DAY);
    try {
      await api.runJob('reminders');
      await api.runJob('reminders');
      const read = await api.call('GET', `/v1/partners/${partner.id}/disclosures/partner`, {
        token: api.token('manager'),
      });
      expect((read.body as { stale: string[] }).stale).toEqual(['constraints.0']);
      expect(await eventsOf(partner.id, ['DisclosureStale'])).toEqual(['DisclosureStale']);
    } finally {
      clockControl.reset();
    }
  });
});

describe('joint objectives and roadmap', () => {
  it('tracks milestones, KPI progress from the metric’s rollups, the roadmap by quarter, and overdue milestones once', async () => {
    const partner = await createPartner(api);
    await breachedSla(api, partner.id); // defines csat data: one point of 3
    await api.call('POST', '/v1/metrics', {
      token: api.token('admin'),
      body: { name: 'csat', displayName: 'CSAT', unit: 'score', kind: 'value', direction: 'higher-is-better' },
    });
    const vendor = api.token('manager');
    const partnerUser = api.token('partner-user', partner.id);
    const base = `/v1/partners/${partner.id}/objectives`;
    const now = Date.now();
    const date = (offsetDays: number) => new Date(now + offsetDays * DAY).toISOString().slice(0, 10);

    const unknownMetric = await api.call('POST', base, {
      token: vendor,
      body: { title: 'x', ownerSide: 'vendor', quarter: '2026-Q4', kpi: { metric: 'nope', target: 1, due: date(30) } },
    });
    expect(unknownMetric.status).toBe(400);
    expect((unknownMetric.body as { errors: { path: string }[] }).errors[0]!.path).toBe('body.kpi.metric');

    const created = await api.call('POST', base, {
      token: api.token('partner-admin', partner.id),
      body: {
        title: 'Raise CSAT to 4.5',
        ownerSide: 'partner',
        quarter: '2027-Q1',
        kpi: { metric: 'csat', target: 4.5, due: date(90), from: date(-2) },
        milestones: [
          { title: 'Retrain the night shift', due: date(3), ownerSide: 'partner' },
          { title: 'New knowledge base', due: date(120), ownerSide: 'vendor' },
        ],
      },
    });
    expect(created.status).toBe(201);
    const objective = created.body as Objective;
    expect(objective.progress.milestones).toEqual({ done: 0, total: 2, percent: 0 });

    const read = await api.call('GET', `${base}/${objective.id}`, { token: partnerUser });
    expect(read.body).toMatchObject({ progress: { kpi: { value: 3, target: 4.5, percent: 66.7 } } });

    const [first, second] = objective.milestones;
    const moved = await api.call('POST', `${base}/${objective.id}/milestones/${second!.id}/status`, {
      token: partnerUser,
      body: { status: 'done' },
      headers: { 'if-match': '"1"' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ version: 2, progress: { milestones: { done: 1, total: 2, percent: 50 } } });
    expect(
      (
        await api.call('POST', `${base}/${objective.id}/milestones/${second!.id}/status`, {
          token: partnerUser,
          body: { status: 'blocked' },
          headers: { 'if-match': '"1"' },
        })
      ).status,
    ).toBe(412);

    const patched = await api.call('PATCH', `${base}/${objective.id}`, {
      token: vendor,
      body: { addMilestones: [{ title: 'Quarterly review', due: date(40), ownerSide: 'vendor' }] },
      headers: { 'if-match': '"2"' },
    });
    expect((patched.body as Objective).milestones).toHaveLength(3);

    const roadmap = await api.call('GET', `/v1/partners/${partner.id}/roadmap`, { token: partnerUser });
    const quarters = (roadmap.body as Roadmap).quarters;
    expect(quarters.find((q) => q.quarter === '2027-Q1')!.objectives.map((o) => o.id)).toEqual([objective.id]);
    expect(quarters.flatMap((q) => q.milestones).map((m) => m.title)).toEqual([
      'Retrain the night shift',
      'Quarterly review',
      'New knowledge base',
    ]);
    expect(
      (await api.call('GET', `/v1/partners/${partner.id}/roadmap?from=2027-Q2&to=2027-Q1`, { token: partnerUser }))
        .status,
    ).toBe(400);

    // Five days on, the first milestone is overdue: one MilestoneOverdue however often the job runs.
    clockControl.advanceBy(5 * DAY);
    try {
      const runs = [await api.runJob('reminders'), await api.runJob('reminders')] as { milestonesOverdue: number }[];
      expect(runs[0]!.milestonesOverdue).toBeGreaterThanOrEqual(1);
      expect(runs[1]!.milestonesOverdue).toBe(0);
    } finally {
      clockControl.reset();
    }
    expect(await eventsOf(partner.id, ['Objective', 'Milestone'])).toEqual([
      'MilestoneOverdue',
      'MilestoneStatusChanged',
      'ObjectiveCreated',
    ]);
    const overdue = (await api.tableItems()).find(
      (i) => i.detailType === 'MilestoneOverdue' && (i.detail as { partnerId?: string }).partnerId === partner.id,
    )!;
    expect((overdue.detail as { data: { milestone: { id: string } } }).data.milestone.id).toBe(first!.id);
  });
});

describe('check-ins and KPI reviews', () => {
  it('schedules in the partner’s time zone, pre-fills a KPI review, serves the ICS file and records the outcome', async () => {
    const partner = await createPartner(api, { timezone: 'America/New_York' });
    await breachedSla(api, partner.id);
    const base = `/v1/partners/${partner.id}/check-ins`;
    const vendor = api.token('manager');
    const created = await api.call('POST', base, {
      token: vendor,
      body: {
        kind: 'kpi-review',
        title: 'Monthly KPI review; Q1, targets',
        localStart: '2027-01-14T10:00',
        durationMinutes: 45,
        attendees: [
          { name: 'Mara Keller', email: 'mara.keller@lumen.example', side: 'vendor' },
          { name: 'Jonas Weber', side: 'partner' },
        ],
        agenda: ['Pipeline review'],
      },
    });
    expect(created.status).toBe(201);
    const checkIn = created.body as CheckIn;
    expect(checkIn).toMatchObject({
      startsAt: '2027-01-14T15:00:00.000Z',
      timezone: 'America/New_York',
      status: 'scheduled',
      occurrence: 1,
    });
    expect(checkIn.agenda[0]).toMatch(/^Scorecard \d{4}-\d{2}: health/);
    expect(checkIn.agenda.some((a) => a.startsWith('Open alert [warning] csat'))).toBe(true);
    expect(checkIn.agenda[checkIn.agenda.length - 1]).toBe('Pipeline review');

    const ics = await api.call('GET', `${base}/${checkIn.id}.ics`, { token: api.token('partner-user', partner.id) });
    expect(ics.status).toBe(200);
    expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const text = ics.body as string;
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line, 'utf8') <= 75)).toBe(true);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain(`UID:${checkIn.id}@accord`);
    expect(unfolded).toContain('DTSTART:20270114T150000Z');
    expect(unfolded).toContain('DTEND:20270114T154500Z');
    expect(unfolded).toContain('SUMMARY:Monthly KPI review\\; Q1\\, targets');
    expect(unfolded).toContain(
      'ATTENDEE;CN=Mara Keller;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:mara.keller@lumen.example',
    );
    expect(unfolded).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);

    const recorded = await api.call('PATCH', `${base}/${checkIn.id}`, {
      token: api.token('partner-admin', partner.id),
      body: {
        status: 'held',
        notes: 'Good session',
        decisions: ['Raise the CSAT target'],
        actionItems: [{ title: 'Send the plan', owner: 'Jonas Weber', ownerSide: 'partner', dueDate: '2027-01-21' }],
      },
      headers: { 'if-match': '"1"' },
    });
    expect(recorded.body).toMatchObject({ status: 'held', version: 2, decisions: ['Raise the CSAT target'] });
    expect(
      (
        await api.call('PATCH', `${base}/${checkIn.id}`, {
          token: vendor,
          body: { status: 'cancelled' },
          headers: { 'if-match': '"2"' },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await api.call('GET', `${base}/${checkIn.id}.ics`, {
          token: api.token('partner-user', (await createPartner(api)).id),
        })
      ).status,
    ).toBe(404);
    expect(await eventsOf(partner.id, ['CheckIn'])).toEqual(['CheckInRecorded', 'CheckInScheduled']);
  });

  it('notifies 24 h before once and creates the next weekly occurrence once, at the same local time across DST', async () => {
    clockControl.freeze(new Date('2027-03-08T12:00:00Z'));
    try {
      const partner = await createPartner(api, {
        timezone: 'Europe/Berlin',
        ownerManager: 'owner.checkins@lumen.example',
      });
      await addPerson(api, partner.id, { email: 'admin.checkins@partner.example', role: 'partner-admin' });
      const created = await api.call('POST', `/v1/partners/${partner.id}/check-ins`, {
        token: api.token('manager'),
        body: {
          kind: 'check-in',
          title: 'Weekly sync',
          localStart: '2027-03-22T10:00',
          cadence: 'weekly',
          attendees: [{ name: 'Mara', side: 'vendor' }],
        },
      });
      const first = created.body as CheckIn;
      expect(first.startsAt).toBe('2027-03-22T09:00:00.000Z'); // CET

      clockControl.freeze(new Date('2027-03-21T10:00:00Z')); // 23 h before
      await api.runJob('reminders');
      await api.runJob('reminders');
      clockControl.freeze(new Date('2027-03-22T09:30:00Z')); // it started
      await api.runJob('reminders');
      await api.runJob('reminders');

      const list = await api.call('GET', `/v1/partners/${partner.id}/check-ins`, {
        token: api.token('partner-user', partner.id),
      });
      const items = (list.body as Listed<{ id: string; nextOccurrenceId?: string }>).items;
      expect(items).toHaveLength(2);
      const next = items.find((i) => i.id !== first.id)!;
      // After the switch to summer time (28 March) 10:00 Berlin is 08:00 UTC.
      expect(next).toMatchObject({
        localStart: '2027-03-29T10:00',
        startsAt: '2027-03-29T08:00:00.000Z',
        occurrence: 2,
        seriesId: first.id,
      });
      expect(items.find((i) => i.id === first.id)).toMatchObject({ nextOccurrenceId: next.id });

      expect(await eventsOf(partner.id, ['CheckIn'])).toEqual(['CheckInDue', 'CheckInScheduled', 'CheckInScheduled']);
      const res = await api.call('GET', `/local/outbox-mail?to=admin.checkins@partner.example`);
      expect((res.body as Listed<{ event: string }>).items.filter((m) => m.event === 'CheckInDue')).toHaveLength(1);
    } finally {
      clockControl.reset();
    }
  });
});

describe('feedback from the field', () => {
  it('is submitted by partner people, triaged by the vendor, and answered where the partner sees it', async () => {
    const partner = await createPartner(api);
    const fieldUser = api.token('partner-user', partner.id);
    const submitted = await api.call('POST', `/v1/partners/${partner.id}/feedback`, {
      token: fieldUser,
      body: {
        kind: 'product-issue',
        title: 'Camera drops Wi-Fi',
        body: 'Three customers report drops after the 2.1 firmware.',
        sku: 'LUM-CAM-2',
      },
    });
    expect(submitted.status).toBe(201);
    const feedback = submitted.body as { id: string };
    expect(feedback).toMatchObject({ status: 'new', version: 1 });

    expect((await api.call('GET', '/v1/feedback', { token: fieldUser })).status).toBe(403);
    const triage = await api.call('GET', '/v1/feedback?status=new&sku=LUM-CAM-2', { token: api.token('manager') });
    expect((triage.body as Listed<{ id: string }>).items.map((f) => f.id)).toContain(feedback.id);

    const path = `/v1/feedback/${feedback.id}/status`;
    expect(
      (
        await api.call('POST', path, {
          token: fieldUser,
          body: { status: 'triaged', response: 'x' },
          headers: { 'if-match': '"1"' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api.call('POST', path, {
          token: api.token('manager'),
          body: { status: 'done', response: 'x' },
          headers: { 'if-match': '"1"' },
        })
      ).status,
    ).toBe(409);
    const triaged = await api.call('POST', path, {
      token: api.token('manager'),
      body: { status: 'triaged', response: 'Reproduced; fix planned for 2.2' },
      headers: { 'if-match': '"1"' },
    });
    expect(triaged.body).toMatchObject({ status: 'triaged', version: 2 });
    const planned = await api.call('POST', path, {
      token: api.token('admin'),
      body: { status: 'planned', response: 'Firmware 2.2 ships in January' },
      headers: { 'if-match': '"2"' },
    });
    expect(planned.status).toBe(200);

    const own = await api.call('GET', `/v1/partners/${partner.id}/feedback`, { token: fieldUser });
    expect((own.body as Listed<unknown>).items[0]).toMatchObject({
      id: feedback.id,
      status: 'planned',
      response: 'Firmware 2.2 ships in January',
    });
    const byStatus = await api.call('GET', '/v1/feedback?status=new', { token: api.token('manager') });
    expect((byStatus.body as Listed<{ id: string }>).items.map((f) => f.id)).not.toContain(feedback.id);
    const other = await createPartner(api);
    expect(
      (await api.call('GET', `/v1/partners/${partner.id}/feedback`, { token: api.token('partner-user', other.id) }))
        .status,
    ).toBe(404);
    expect(await eventsOf(partner.id, ['Feedback'])).toEqual([
      'FeedbackStatusChanged',
      'FeedbackStatusChanged',
      'FeedbackSubmitted',
    ]);
  });
});
