import type { TestApi } from '#test/helpers/local-api';

/** Request bodies and small flows the integration tests share. */

let counter = 0;

export function partnerInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    name: `Partner ${counter} ${Math.random().toString(36).slice(2, 7)}`,
    kind: 'reseller',
    tier: 'silver',
    country: 'DE',
    timezone: 'Europe/Berlin',
    ...overrides,
  };
}

export function personInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    email: `person${counter}.${Math.random().toString(36).slice(2, 7)}@example.com`,
    name: `Person ${counter}`,
    role: 'partner-user',
    ...overrides,
  };
}

export interface Created {
  id: string;
  version: number;
  [field: string]: unknown;
}

export async function createPartner(api: TestApi, overrides: Record<string, unknown> = {}): Promise<Created> {
  const res = await api.call('POST', '/v1/partners', { token: api.token('admin'), body: partnerInput(overrides) });
  if (res.status !== 201) throw new Error(`could not create a partner: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Created;
}

export async function addPerson(
  api: TestApi,
  partnerId: string,
  overrides: Record<string, unknown> = {},
): Promise<Created> {
  const res = await api.call('POST', `/v1/partners/${partnerId}/users`, {
    token: api.token('admin'),
    body: personInput(overrides),
  });
  if (res.status !== 201) throw new Error(`could not add a person: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Created;
}

export async function moveTo(api: TestApi, partner: Created, ...statuses: string[]): Promise<Created> {
  let current = partner;
  for (const status of statuses) {
    const res = await api.call('POST', `/v1/partners/${current.id}/status`, {
      token: api.token('admin'),
      body: { status, reason: `to ${status}` },
      headers: { 'if-match': `"${current.version}"` },
    });
    if (res.status !== 200) throw new Error(`could not move to ${status}: ${res.status} ${JSON.stringify(res.body)}`);
    current = res.body as Created;
  }
  return current;
}

/** Terms both sides can sign: a CSAT threshold SLA, a ticket ratio SLA, a tiered revenue share. */
export function termsInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    obligations: { vendor: ['Provide training and demo units'], partner: ['Staff a certified support desk'] },
    revenueShare: {
      model: 'tiered',
      currency: 'EUR',
      basis: 'revenue',
      tiers: [
        { from: 0, to: 100000, percentage: 10 },
        { from: 100000, percentage: 12.5 },
      ],
    },
    slas: [
      {
        kind: 'threshold',
        metric: 'csat',
        aggregate: 'avg',
        comparator: '>=',
        target: 4.2,
        window: 'P7D',
        severity: 'warning',
      },
      { kind: 'ratio', metric: 'tickets.answered_4h', target: 95, window: 'P30D', severity: 'critical' },
    ],
    effectiveDate: new Date().toISOString().slice(0, 10),
    termMonths: 12,
    renewal: { mode: 'manual' },
    terminationNoticeDays: 30,
    clauses: [{ title: 'Confidentiality', text: 'Both parties keep each other’s business information confidential.' }],
    ...overrides,
  };
}

export async function createAgreement(
  api: TestApi,
  partnerId: string,
  terms: Record<string, unknown> = termsInput(),
): Promise<Created> {
  const res = await api.call('POST', `/v1/partners/${partnerId}/agreements`, {
    token: api.token('manager'),
    body: { kind: 'reseller', title: 'Reseller agreement', terms },
  });
  if (res.status !== 201) throw new Error(`could not create an agreement: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Created;
}

export async function raiseRisk(
  api: TestApi,
  partnerId: string,
  overrides: Record<string, unknown> = {},
): Promise<Created> {
  const res = await api.call('POST', `/v1/partners/${partnerId}/risks`, {
    token: api.token('manager'),
    body: {
      title: 'Single source for the main chipset',
      category: 'supply',
      likelihood: 3,
      impact: 4,
      ownerSide: 'vendor',
      ...overrides,
    },
  });
  if (res.status !== 201) throw new Error(`could not raise a risk: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Created;
}

export async function recordPlanningSession(
  api: TestApi,
  partnerId: string,
  overrides: Record<string, unknown> = {},
): Promise<Created> {
  const res = await api.call('POST', `/v1/partners/${partnerId}/planning-sessions`, {
    token: api.token('manager'),
    body: {
      title: 'Q1 joint business plan',
      heldAt: new Date().toISOString(),
      participants: [
        { name: 'Mara Keller', side: 'vendor' },
        { name: 'Jonas Weber', side: 'partner' },
      ],
      agenda: ['Pipeline review'],
      decisions: ['Launch the smart-lock bundle in March'],
      actionItems: [{ title: 'Send bundle pricing', owner: 'Mara Keller', ownerSide: 'vendor', dueDate: '2027-01-15' }],
      ...overrides,
    },
  });
  if (res.status !== 201)
    throw new Error(`could not record a planning session: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Created;
}

/** A CSAT SLA and the firing alert that low values raise on ingest (through the outbox and the evaluator). */
export async function breachedSla(api: TestApi, partnerId: string): Promise<{ sla: Created; alert: Created }> {
  const sla = await api.call('POST', `/v1/partners/${partnerId}/slas`, {
    token: api.token('manager'),
    body: {
      kind: 'threshold',
      metric: 'csat',
      aggregate: 'avg',
      comparator: '>=',
      target: 4.2,
      window: 'PT1H',
      severity: 'warning',
    },
  });
  if (sla.status !== 201) throw new Error(`could not create an SLA: ${sla.status} ${JSON.stringify(sla.body)}`);
  await api.call('POST', `/v1/partners/${partnerId}/metrics`, {
    token: api.token('partner-admin', partnerId),
    body: { points: [{ metric: 'csat', at: new Date(Date.now() - 60_000).toISOString(), value: 3 }] },
  });
  await api.drainEvents();
  const alerts = await api.call('GET', `/v1/partners/${partnerId}/alerts`, { token: api.token('manager') });
  const alert = (alerts.body as { items: Created[] }).items[0];
  if (!alert) throw new Error('no alert was raised');
  return { sla: sla.body as Created, alert };
}
