import { systemContext } from '#shared/context';
import { OnceMarker } from '#shared/db/entities';
import { getItem } from '#shared/db/repository';
import { commit } from '#shared/db/commit';
import { nowIso } from '#shared/clock';
import {
  addMember,
  changePartnerStatus,
  createPartner,
  type CreatePartnerInput,
  type PartnerStatus,
  endPartnershipWith,
} from '#functions/partners/index';
import {
  createAgreement,
  propose,
  raiseRisk,
  recordPlanningSession,
  sign,
  type Terms,
} from '#functions/agreements/index';
import type { OperationContext } from '#shared/context';
import { nowMs } from '#shared/clock';
import { endPartnerMonitoring } from '#functions/performance/index';
import { ingestPoints } from '#functions/performance/ingest';
import { createSla } from '#functions/performance/slas';
import { run as scoreAll } from '#functions/performance/scorecard-job';
import { createProduct } from '#functions/supply/products';
import { putInventory } from '#functions/supply/inventory';
import { reportSales } from '#functions/supply/sales';
import { putCommit } from '#functions/supply/commits';
import { periodOf, shiftPeriod } from '#functions/supply/domain/period';
import {
  createObjective,
  putDisclosure,
  raiseDispute,
  scheduleCheckIn,
  submitFeedback,
} from '#functions/collaboration/index';

/**
 * Demo data for `npm start`: Lumen Devices, a smart-device vendor, with resellers, a distributor and
 * call-center partners in several countries. Seeded through the same use cases as the API (so audit
 * entries and events exist too), once per data directory.
 */
interface DemoPartner {
  input: CreatePartnerInput;
  path: PartnerStatus[];
  people: { email: string; name: string; role: 'partner-admin' | 'partner-user'; title: string }[];
}

const demo: DemoPartner[] = [
  {
    input: {
      name: 'Nordlicht Elektronik GmbH',
      kind: 'reseller',
      tier: 'gold',
      country: 'DE',
      timezone: 'Europe/Berlin',
      ownerManager: 'mara.keller@lumen.example',
      website: 'https://nordlicht.example',
      tags: ['smart-home', 'retail'],
    },
    path: ['onboarding', 'active'],
    people: [
      { email: 'jonas.weber@nordlicht.example', name: 'Jonas Weber', role: 'partner-admin', title: 'Head of Channel' },
      { email: 'lea.fischer@nordlicht.example', name: 'Lea Fischer', role: 'partner-user', title: 'Sales Lead' },
    ],
  },
  {
    input: {
      name: 'Pacific Gadget Distribution',
      kind: 'distributor',
      tier: 'platinum',
      country: 'SG',
      timezone: 'Asia/Singapore',
      ownerManager: 'dev.patel@lumen.example',
      tags: ['apac', 'logistics'],
    },
    path: ['onboarding', 'active'],
    people: [
      { email: 'wei.tan@pacificgadget.example', name: 'Wei Tan', role: 'partner-admin', title: 'Supply Director' },
      { email: 'priya.nair@pacificgadget.example', name: 'Priya Nair', role: 'partner-user', title: 'Demand Planner' },
    ],
  },
  {
    input: {
      name: 'Manila Contact Solutions',
      kind: 'service-provider',
      tier: 'gold',
      country: 'PH',
      timezone: 'Asia/Manila',
      ownerManager: 'dev.patel@lumen.example',
      tags: ['call-center', 'english', 'tagalog'],
    },
    path: ['onboarding', 'active'],
    people: [
      {
        email: 'ana.reyes@manilacontact.example',
        name: 'Ana Reyes',
        role: 'partner-admin',
        title: 'Operations Manager',
      },
      { email: 'marco.santos@manilacontact.example', name: 'Marco Santos', role: 'partner-user', title: 'Team Lead' },
    ],
  },
  {
    input: {
      name: 'Atlas Centre d’Appels',
      kind: 'service-provider',
      tier: 'silver',
      country: 'MA',
      timezone: 'Africa/Casablanca',
      ownerManager: 'mara.keller@lumen.example',
      tags: ['call-center', 'french', 'arabic'],
    },
    path: ['onboarding'],
    people: [
      {
        email: 'youssef.amrani@atlas-appels.example',
        name: 'Youssef Amrani',
        role: 'partner-admin',
        title: 'Directeur',
      },
    ],
  },
  {
    input: {
      name: 'Brightpath Retail Ltd',
      kind: 'reseller',
      tier: 'silver',
      country: 'GB',
      timezone: 'Europe/London',
      ownerManager: 'mara.keller@lumen.example',
    },
    path: ['onboarding', 'active', 'suspended'],
    people: [
      {
        email: 'olivia.hughes@brightpath.example',
        name: 'Olivia Hughes',
        role: 'partner-admin',
        title: 'Partnerships',
      },
    ],
  },
  {
    input: {
      name: 'Sonora Smart Home',
      kind: 'reseller',
      tier: 'registered',
      country: 'MX',
      timezone: 'America/Mexico_City',
      ownerManager: 'dev.patel@lumen.example',
    },
    path: [],
    people: [],
  },
];

export interface SeedResult {
  seeded: boolean;
  partners: { id: string; name: string }[];
}

export async function seedDemoData(): Promise<SeedResult> {
  // Offboarding in the demo ends monitoring, as through the partners API (functions/partners/partnership-end.ts).
  endPartnershipWith(endPartnerMonitoring);
  const marker = await getItem<{ partners: { id: string; name: string }[] }>(
    OnceMarker.key({ job: 'seed', subject: 'demo' }),
  );
  if (marker) return { seeded: false, partners: marker.partners };

  const ctx = systemContext('seed', 'seed-demo');
  const partners: { id: string; name: string }[] = [];
  for (const entry of demo) {
    let partner = await createPartner(ctx, entry.input);
    for (const status of entry.path) {
      partner = await changePartnerStatus(ctx, partner.id, partner.version, status, reasons[status] ?? 'demo data');
    }
    for (const person of entry.people) await addMember(ctx, partner.id, person);
    partners.push({ id: partner.id, name: partner.name });
  }
  await seedAgreements(ctx, partners);
  await seedPerformance(ctx, partners);
  await seedSupply(ctx, partners);
  await seedCollaboration(ctx, partners);
  // The dashboard reads the daily scorecards: score the demo program once so it opens with figures.
  await scoreAll();
  await commit(ctx, {
    // The demo is seeded once per data directory: this marker does not expire.
    writes: [OnceMarker.put({ job: 'seed', subject: 'demo', at: nowIso() }, { ifAbsent: true, extra: { partners } })],
    audit: { action: 'demo.seeded', entityType: 'demo', entityId: 'demo', note: `${partners.length} partners` },
  });
  return { seeded: true, partners };
}

const reasons: Partial<Record<PartnerStatus, string>> = {
  onboarding: 'Partner agreement in negotiation; onboarding checklist started',
  active: 'Onboarding complete: training passed, agreement signed',
  suspended: 'Payment overdue by 60 days',
};

/** Nordlicht's reseller agreement negotiated to activation; Manila's service agreement still in negotiation. */
async function seedAgreements(vendor: OperationContext, partners: { id: string; name: string }[]): Promise<void> {
  const [nordlicht, , manila] = partners;
  if (!nordlicht || !manila) return;
  const partnerSide = (partnerId: string): OperationContext => ({
    actor: { sub: 'seed-partner-admin', role: 'partner-admin', partnerId },
    requestId: 'seed-demo',
  });

  const draft = await createAgreement(vendor, nordlicht.id, {
    kind: 'reseller',
    title: 'Smart-home reseller agreement 2027',
    summary: 'Standard reseller terms',
    terms: resellerTerms(10),
  });
  const counter = await propose(partnerSide(nordlicht.id), nordlicht.id, draft.id, draft.version, {
    summary: 'Ask for 12 % on volume above EUR 250k',
    terms: resellerTerms(12),
  });
  await sign(vendor, nordlicht.id, draft.id, counter.currentVersion);
  await sign(partnerSide(nordlicht.id), nordlicht.id, draft.id, counter.currentVersion);
  const risk = await raiseRisk(partnerSide(nordlicht.id), nordlicht.id, {
    title: 'Smart-lock stock runs short before the spring campaign',
    category: 'supply',
    likelihood: 3,
    impact: 4,
    ownerSide: 'vendor',
    mitigation: 'Pull forward the March inbound shipment',
    agreementId: draft.id,
  });
  await recordPlanningSession(vendor, nordlicht.id, {
    title: 'Q1 joint business plan',
    heldAt: '2026-11-20T14:00:00.000Z',
    participants: [
      { name: 'Mara Keller', side: 'vendor' },
      { name: 'Jonas Weber', side: 'partner' },
    ],
    agenda: ['Spring campaign', 'Stock for smart locks'],
    decisions: ['Bundle the hub with two locks at launch'],
    actionItems: [
      {
        title: 'Confirm March inbound quantities',
        owner: 'Mara Keller',
        ownerSide: 'vendor',
        dueDate: '2026-12-15',
        status: 'open',
      },
    ],
    agreementId: draft.id,
    riskIds: [risk.id],
  });

  await createAgreement(vendor, manila.id, {
    kind: 'service',
    title: 'Tier-1 customer support (EN/TL)',
    summary: 'First draft of the support SLA',
    terms: {
      ...resellerTerms(0),
      revenueShare: undefined,
      obligations: {
        vendor: ['Knowledge base and product training'],
        partner: ['24x7 tier-1 support in English and Tagalog'],
      },
      slas: [
        {
          kind: 'ratio',
          metric: 'tickets.answered_4h',
          comparator: '>=',
          target: 95,
          window: 'P30D',
          severity: 'critical',
        },
        {
          kind: 'threshold',
          metric: 'csat',
          aggregate: 'avg',
          comparator: '>=',
          target: 4.2,
          window: 'P7D',
          severity: 'warning',
        },
        { kind: 'freshness', metric: 'csat', window: 'P1D', severity: 'warning' },
      ],
    },
  });
}

function resellerTerms(upperPercentage: number): Terms {
  return {
    obligations: {
      vendor: ['Demo units and sales training each quarter'],
      partner: ['Two certified smart-home installers'],
    },
    revenueShare: {
      model: 'tiered',
      currency: 'EUR',
      basis: 'revenue',
      tiers: [
        { from: 0, to: 250_000, percentage: 10 },
        { from: 250_000, percentage: upperPercentage || 10 },
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
    ],
    effectiveDate: nowIso().slice(0, 10),
    termMonths: 24,
    renewal: { mode: 'auto', renewalMonths: 12 },
    terminationNoticeDays: 90,
    clauses: [{ title: 'Territory', text: 'Germany and Austria, online and in store.' }],
  };
}

/**
 * A week of CSAT for Nordlicht (healthy), and for Manila Contact Solutions a ticket SLA with 30 days of
 * good service and a bad last hour: the on-ingest evaluation raises a critical burn-rate alert right away.
 */
async function seedPerformance(vendor: OperationContext, partners: { id: string; name: string }[]): Promise<void> {
  const [nordlicht, , manila] = partners;
  if (!nordlicht || !manila) return;
  const hour = 3_600_000;
  const now = nowMs();
  const csat = Array.from({ length: 7 * 6 }, (_, i) => ({
    metric: 'csat',
    at: new Date(now - (i + 1) * 4 * hour).toISOString(),
    value: Math.round((4.3 + ((i * 7) % 5) / 10) * 10) / 10,
  }));
  await ingestPoints(vendor, nordlicht.id, csat);

  await createSla(vendor, manila.id, {
    kind: 'ratio',
    metric: 'tickets.answered_4h',
    comparator: '>=',
    target: 95,
    window: 'P30D',
    severity: 'critical',
    name: 'Tickets answered within 4 h',
  });
  const tickets = Array.from({ length: 30 * 4 }, (_, i) => ({
    metric: 'tickets.answered_4h',
    at: new Date(now - (i + 1) * 6 * hour).toISOString(),
    good: 388 + (i % 3) * 4,
    total: 400,
  }));
  await ingestPoints(vendor, manila.id, tickets);
  const badHour = Array.from({ length: 12 }, (_, i) => ({
    metric: 'tickets.answered_4h',
    at: new Date(now - (i * 5 + 1) * 60_000).toISOString(),
    good: 20,
    total: 100,
  }));
  await ingestPoints(vendor, manila.id, badHour);
}

/**
 * Supply demo: three products, inventory in Hamburg (shared with Nordlicht) and Singapore (shared with all),
 * 24 months of sell-through for Nordlicht and Pacific Gadget (seasonal, one with a recent jump), and a
 * forecast commit from Nordlicht. `npm run job -- forecast` then fits, forms the consensus and flags demand
 * shifts; `npm run job -- cover-check` (hourly) compares the stock with that demand.
 */
async function seedSupply(vendor: OperationContext, partners: { id: string; name: string }[]): Promise<void> {
  const [nordlicht, pacific] = partners;
  if (!nordlicht || !pacific) return;
  const products = [
    { sku: 'LUM-CAM-1', name: 'Lumen Cam indoor', family: 'cameras', unit: 'pcs', leadTimeDays: 21 },
    { sku: 'LUM-HUB-2', name: 'Lumen Hub 2', family: 'hubs', unit: 'pcs', leadTimeDays: 35 },
    { sku: 'LUM-BULB-E27', name: 'Lumen Bulb E27', family: 'lighting', unit: 'pcs', leadTimeDays: 14 },
  ];
  for (const product of products) await createProduct(vendor, product);
  await putInventory(vendor, 'LUM-CAM-1', 'DE-HAM', 0, {
    onHand: 420,
    allocated: 60,
    inbound: [{ qty: 300, eta: new Date(nowMs() + 10 * 86_400_000).toISOString().slice(0, 10) }],
    sharedWith: [nordlicht.id],
  });
  await putInventory(vendor, 'LUM-CAM-1', 'SG-SIN', 0, {
    onHand: 2600,
    allocated: 400,
    inbound: [],
    sharedWith: 'all',
  });
  await putInventory(vendor, 'LUM-HUB-2', 'SG-SIN', 0, { onHand: 90, allocated: 10, inbound: [], sharedWith: 'all' });
  await putInventory(vendor, 'LUM-BULB-E27', 'DE-HAM', 0, {
    onHand: 8000,
    allocated: 500,
    inbound: [],
    sharedWith: 'none',
  });

  const last = shiftPeriod(periodOf(nowMs(), 'month'), -1);
  const months = (base: number, season: number, jumpAt?: number) =>
    Array.from({ length: 24 }, (_, t) => {
      const period = shiftPeriod(last, t - 23);
      const m = Number(period.slice(5));
      const level = base * (1 + season * Math.sin((2 * Math.PI * (m - 3)) / 12)) + t * base * 0.01;
      return {
        period,
        units: Math.max(0, Math.round(level * (jumpAt !== undefined && t >= jumpAt ? 1.8 : 1) + ((t * 37) % 11) - 5)),
      };
    });
  const series: [string, string, { period: string; units: number }[]][] = [
    [nordlicht.id, 'LUM-CAM-1', months(320, 0.3)],
    [nordlicht.id, 'LUM-HUB-2', months(60, 0.1)],
    [pacific.id, 'LUM-CAM-1', months(900, 0.2)],
    [pacific.id, 'LUM-BULB-E27', months(1500, 0.35, 20)],
  ];
  for (const [partnerId, sku, points] of series)
    await reportSales(
      vendor,
      partnerId,
      points.map((p) => ({ sku, ...p })),
    );
  const next = shiftPeriod(last, 1);
  await putCommit(vendor, nordlicht.id, 'LUM-CAM-1', 0, {
    granularity: 'month',
    periods: [0, 1, 2, 3, 4, 5].map((k) => ({ period: shiftPeriod(next, k), units: 380 + k * 10 })),
    note: 'Autumn campaign in 120 stores',
  });
}

/**
 * Collaboration demo for Nordlicht: a disclosure from each side, a joint objective with milestones on the
 * roadmap, a weekly check-in (the reminders job rolls it forward), an open dispute awaiting the vendor's
 * answer, and a product issue from the field waiting for triage.
 */
async function seedCollaboration(vendor: OperationContext, partners: { id: string; name: string }[]): Promise<void> {
  const [nordlicht] = partners;
  if (!nordlicht) return;
  const partnerSide: OperationContext = {
    actor: { sub: 'seed-partner-admin', role: 'partner-admin', partnerId: nordlicht.id },
    requestId: 'seed-demo',
  };
  const day = (offset: number) => new Date(nowMs() + offset * 86_400_000).toISOString().slice(0, 10);
  await putDisclosure(vendor, nordlicht.id, 'vendor', 0, {
    needs: [{ text: 'Shelf space for the smart-lock bundle in 40 stores', confidence: 'high', reviewBy: day(60) }],
    concerns: [{ text: 'Online price undercutting the RRP', confidence: 'medium', reviewBy: day(30) }],
    constraints: [
      {
        kind: 'supply',
        text: 'Smart-lock allocation capped at 2,000 units until March',
        confidence: 'high',
        reviewBy: day(45),
      },
    ],
    metricsThatMatter: [
      { metric: 'csat', text: 'CSAT at or above 4.2 every week', confidence: 'high', reviewBy: day(90) },
    ],
  });
  await putDisclosure(partnerSide, nordlicht.id, 'partner', 0, {
    needs: [{ text: 'Demo units for the spring campaign', confidence: 'high', reviewBy: day(30) }],
    concerns: [{ text: 'Installer training takes two weeks', confidence: 'medium', reviewBy: day(20) }],
    constraints: [
      { kind: 'capacity', text: 'Two certified installers until Q2', confidence: 'high', reviewBy: day(-3) },
    ],
    metricsThatMatter: [
      {
        metric: 'sell-through',
        text: 'Bundle sell-through above 70 % in 8 weeks',
        confidence: 'medium',
        reviewBy: day(60),
      },
    ],
    summary: 'Growing in Bavaria; installer capacity is our bottleneck',
  });
  const quarter = (offset: number) => {
    const d = new Date(nowMs() + offset * 86_400_000);
    return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
  };
  await createObjective(vendor, nordlicht.id, {
    title: 'Launch the smart-lock bundle in 40 stores',
    description: 'Joint launch with installer capacity in place',
    ownerSide: 'partner',
    quarter: quarter(90),
    milestones: [
      { title: 'Certify two more installers', due: day(-2), ownerSide: 'partner', status: 'in-progress' },
      { title: 'Ship demo units', due: day(20), ownerSide: 'vendor', status: 'planned' },
      { title: 'Bundle live in 40 stores', due: day(80), ownerSide: 'partner', status: 'planned' },
    ],
  });
  const weekly = new Date(nowMs() + 3 * 86_400_000);
  await scheduleCheckIn(vendor, nordlicht.id, {
    kind: 'check-in',
    title: 'Weekly channel sync',
    localStart: `${weekly.toISOString().slice(0, 10)}T10:00`,
    durationMinutes: 30,
    cadence: 'weekly',
    attendees: [
      { name: 'Mara Keller', email: 'mara.keller@lumen.example', side: 'vendor' },
      { name: 'Jonas Weber', email: 'jonas.weber@nordlicht.example', side: 'partner' },
    ],
    agenda: ['Pipeline', 'Stock for smart locks'],
  });
  await raiseDispute(partnerSide, nordlicht.id, {
    title: 'Co-op marketing funds for Q3 not credited',
    category: 'billing',
    severity: 'medium',
    description: 'The Q3 co-op claim (EUR 12,400) was approved in October but is missing from the November statement.',
    linked: {},
    responseSlaDays: 2,
  });
  await submitFeedback(partnerSide, nordlicht.id, {
    kind: 'product-issue',
    title: 'Cam drops Wi-Fi after firmware 2.1',
    body: 'Three customers report the indoor cam dropping off 2.4 GHz networks after the update.',
    product: 'Lumen Cam indoor',
    sku: 'LUM-CAM-1',
  });
}
