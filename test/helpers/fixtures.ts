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
