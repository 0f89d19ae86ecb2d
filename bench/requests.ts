import { startLocalRuntime } from '#infra/local/runtime';
import { observeRequests, type RequestObservation } from '#shared/http/pipeline';

/**
 * DynamoDB requests per API call and local latency, per route of the partners slice, measured on DynamoDB
 * Local through the local gateway. Requests are counted per call by the pipeline (consumers running at the
 * same time are not counted).
 */

export interface RouteFigures {
  route: string;
  calls: number;
  dynamoRequests: { min: number; max: number };
  p50ms: number;
  p95ms: number;
}

interface Sample {
  ms: number;
  observation: RequestObservation;
}

/** The fields of an answer that later requests name. */
interface Resource {
  id: string;
  version: number;
  currentVersion: number;
}

export async function measureRequests(iterations: number): Promise<RouteFigures[]> {
  const runtime = await startLocalRuntime({
    port: 0,
    tableName: 'accord-bench',
    seed: true,
    schedules: false,
    quiet: true,
  });
  const samples = new Map<string, Sample[]>();
  let last: RequestObservation | undefined;
  const unsubscribe = observeRequests((o) => {
    last = o;
  });
  try {
    const partnerId = runtime.seeded[0]!.id;
    const tokens: Record<string, string> = {
      admin: runtime.mint({ role: 'admin' }),
      partner: runtime.mint({ role: 'partner-admin', partnerId }),
    };
    const call = async (
      label: string,
      method: string,
      path: string,
      role: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ): Promise<Resource> => {
      last = undefined;
      const started = performance.now();
      const res = await fetch(`${runtime.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${tokens[role]}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      const ms = performance.now() - started;
      if (res.status >= 400) throw new Error(`${label}: ${res.status} ${text}`);
      if (!last) throw new Error(`${label}: no observation`);
      const list = samples.get(label) ?? [];
      list.push({ ms, observation: last });
      samples.set(label, list);
      // Only a 204 has no body, and nothing reads the answer of one.
      return JSON.parse(text || '{}') as Resource;
    };

    for (let i = 0; i < iterations; i++) {
      await call('GET /v1/health', 'GET', '/v1/health', 'admin');
      await call('GET /v1/me (partner)', 'GET', '/v1/me', 'partner');
      await call('GET /v1/openapi.json', 'GET', '/v1/openapi.json', 'admin');
      const partner = await call('POST /v1/partners', 'POST', '/v1/partners', 'admin', partnerBody(i));
      const key = { 'idempotency-key': `bench-key-${i}-${Date.now()}` };
      await call(
        'POST /v1/partners (Idempotency-Key, first)',
        'POST',
        '/v1/partners',
        'admin',
        partnerBody(i + 10_000),
        key,
      );
      await call(
        'POST /v1/partners (Idempotency-Key, replay)',
        'POST',
        '/v1/partners',
        'admin',
        partnerBody(i + 10_000),
        key,
      );
      await call('GET /v1/partners/{partnerId}', 'GET', `/v1/partners/${partner.id}`, 'admin');
      const patched = await call(
        'PATCH /v1/partners/{partnerId}',
        'PATCH',
        `/v1/partners/${partner.id}`,
        'admin',
        { tier: 'gold' },
        { 'if-match': `"${partner.version}"` },
      );
      await call(
        'POST /v1/partners/{partnerId}/status',
        'POST',
        `/v1/partners/${partner.id}/status`,
        'admin',
        { status: 'onboarding', reason: 'bench' },
        { 'if-match': `"${patched.version}"` },
      );
      await call('GET /v1/partners', 'GET', '/v1/partners?limit=25', 'admin');
      await call('GET /v1/partners?status=active', 'GET', '/v1/partners?status=active', 'admin');
      await call(
        'GET /v1/partners?kind=reseller&tier=gold (filtered)',
        'GET',
        '/v1/partners?kind=reseller&tier=gold',
        'admin',
      );
      await call('GET /v1/partners (as partner)', 'GET', '/v1/partners', 'partner');
      const person = await call(
        'POST /v1/partners/{partnerId}/users',
        'POST',
        `/v1/partners/${partner.id}/users`,
        'admin',
        {
          email: `bench.${i}.${Date.now()}@example.com`,
          name: 'Bench Person',
          role: 'partner-user',
        },
      );
      await call('GET /v1/partners/{partnerId}/users', 'GET', `/v1/partners/${partner.id}/users`, 'admin');
      await call(
        'GET /v1/partners/{partnerId}/users/{userId}',
        'GET',
        `/v1/partners/${partner.id}/users/${person.id}`,
        'admin',
      );
      const changed = await call(
        'PATCH /v1/partners/{partnerId}/users/{userId}',
        'PATCH',
        `/v1/partners/${partner.id}/users/${person.id}`,
        'admin',
        { title: 'Lead' },
        { 'if-match': '"1"' },
      );
      await call(
        'DELETE /v1/partners/{partnerId}/users/{userId}',
        'DELETE',
        `/v1/partners/${partner.id}/users/${person.id}`,
        'admin',
        undefined,
        { 'if-match': `"${changed.version}"` },
      );
      await call('GET /v1/audit?partnerId=', 'GET', `/v1/audit?partnerId=${partner.id}`, 'admin');
      await call('GET /v1/audit (program)', 'GET', '/v1/audit', 'admin');

      tokens.own = runtime.mint({ role: 'partner-admin', partnerId: partner.id });
      const agreements = `/v1/partners/${partner.id}/agreements`;
      const draft = await call(`POST ${agreements.replace(partner.id, '{partnerId}')}`, 'POST', agreements, 'admin', {
        kind: 'reseller',
        title: 'Reseller agreement',
        terms: terms(10),
      });
      const path = `${agreements}/${draft.id}`;
      const label = (suffix: string) => `${'/v1/partners/{partnerId}/agreements/{agreementId}'}${suffix}`;
      const counter = await call(
        `POST ${label('/proposals')}`,
        'POST',
        `${path}/proposals`,
        'own',
        { summary: 'Counter', terms: terms(12) },
        { 'if-match': `"${draft.version}"` },
      );
      await call(`GET ${label('')}`, 'GET', path, 'own');
      await call(`GET ${label('/versions')}`, 'GET', `${path}/versions`, 'own');
      await call(`GET ${label('/versions/{n}')}`, 'GET', `${path}/versions/2`, 'own');
      await call(`GET ${label('/versions/{n}/diff')}`, 'GET', `${path}/versions/2/diff?against=1`, 'own');
      await call(`POST ${label('/signatures')} (first side)`, 'POST', `${path}/signatures`, 'admin', {
        version: counter.currentVersion,
      });
      await call(`POST ${label('/signatures')} (activation, 2 SLAs)`, 'POST', `${path}/signatures`, 'own', {
        version: counter.currentVersion,
      });
      await call(`GET /v1/partners/{partnerId}/agreements`, 'GET', agreements, 'own');
      const risks = `/v1/partners/${partner.id}/risks`;
      const risk = await call('POST /v1/partners/{partnerId}/risks', 'POST', risks, 'own', {
        title: 'Chip shortage',
        category: 'supply',
        likelihood: 3,
        impact: 4,
        ownerSide: 'vendor',
      });
      await call(
        'PATCH /v1/partners/{partnerId}/risks/{riskId}',
        'PATCH',
        `${risks}/${risk.id}`,
        'admin',
        { status: 'mitigating' },
        { 'if-match': '"1"' },
      );
      await call('GET /v1/partners/{partnerId}/risks', 'GET', risks, 'own');
      const sessions = `/v1/partners/${partner.id}/planning-sessions`;
      const session = await call(
        'POST /v1/partners/{partnerId}/planning-sessions (2 links)',
        'POST',
        sessions,
        'admin',
        {
          title: 'QBR',
          heldAt: new Date().toISOString(),
          participants: [{ name: 'A', side: 'vendor' }],
          agreementId: draft.id,
          riskIds: [risk.id],
        },
      );
      await call(
        'GET /v1/partners/{partnerId}/planning-sessions/{sessionId}',
        'GET',
        `${sessions}/${session.id}`,
        'own',
      );

      const perf = `/v1/partners/${partner.id}`;
      await call('POST /v1/partners/{partnerId}/slas', 'POST', `${perf}/slas`, 'admin', {
        kind: 'threshold',
        metric: 'aht',
        aggregate: 'avg',
        comparator: '<=',
        target: 300,
        window: 'PT1H',
        severity: 'warning',
      });
      const at = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
      await call('POST /v1/partners/{partnerId}/metrics (10 points, 2 metrics)', 'POST', `${perf}/metrics`, 'own', {
        points: Array.from({ length: 10 }, (_, k) =>
          k % 2
            ? { metric: 'csat', at: at(k + 1), value: 4.5 }
            : { metric: 'tickets.answered_4h', at: at(k + 1), good: 19, total: 20 },
        ),
      });
      await call('GET /v1/partners/{partnerId}/metrics/{metric}', 'GET', `${perf}/metrics/csat`, 'own');
      await call('GET /v1/partners/{partnerId}/slas', 'GET', `${perf}/slas`, 'own');
      await call('GET /v1/partners/{partnerId}/alerts', 'GET', `${perf}/alerts`, 'own');
      await call('GET /v1/alerts (inbox)', 'GET', '/v1/alerts', 'admin');
      await call('GET /v1/partners/{partnerId}/scorecard (3 SLAs)', 'GET', `${perf}/scorecard`, 'own');
      await call('GET /v1/dashboard', 'GET', '/v1/dashboard', 'admin');
    }
  } finally {
    unsubscribe();
    await runtime.drainEvents().catch(() => undefined);
    await runtime.stop();
  }
  return [...samples.entries()].map(([route, list]) => figures(route, list));
}

function terms(percentage: number) {
  return {
    obligations: { vendor: ['Training'], partner: ['Support desk'] },
    revenueShare: { model: 'flat', currency: 'EUR', percentage },
    slas: [
      { kind: 'threshold', metric: 'csat', comparator: '>=', target: 4.2, window: 'P7D', severity: 'warning' },
      { kind: 'ratio', metric: 'tickets.answered_4h', target: 95, window: 'P30D', severity: 'critical' },
    ],
    effectiveDate: new Date().toISOString().slice(0, 10),
    termMonths: 12,
    renewal: { mode: 'manual' },
    terminationNoticeDays: 30,
    clauses: [{ title: 'Confidentiality', text: 'Both parties keep business information confidential.' }],
  };
}

function partnerBody(i: number) {
  return { name: `Bench Partner ${i}`, kind: 'reseller', tier: 'silver', country: 'DE', timezone: 'Europe/Berlin' };
}

function figures(route: string, list: Sample[]): RouteFigures {
  const ms = list.map((s) => s.ms).sort((a, b) => a - b);
  const requests = list.map((s) => s.observation.dynamoRequests);
  return {
    route,
    calls: list.length,
    dynamoRequests: { min: Math.min(...requests), max: Math.max(...requests) },
    p50ms: percentile(ms, 0.5),
    p95ms: percentile(ms, 0.95),
  };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}
