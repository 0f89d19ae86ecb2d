import { systemContext } from '#shared/context';
import { keys } from '#shared/db/keys';
import { getItem } from '#shared/db/repository';
import { commit, put } from '#shared/db/commit';
import { nowIso } from '#shared/clock';
import type { CreatePartnerInput, PartnerStatus } from '#shared/domain/partners/partner';
import { addMember } from '#functions/partners/members';
import { changePartnerStatus, createPartner } from '#functions/partners/partners';

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
      { email: 'ana.reyes@manilacontact.example', name: 'Ana Reyes', role: 'partner-admin', title: 'Operations Manager' },
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
    people: [{ email: 'youssef.amrani@atlas-appels.example', name: 'Youssef Amrani', role: 'partner-admin', title: 'Directeur' }],
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
    people: [{ email: 'olivia.hughes@brightpath.example', name: 'Olivia Hughes', role: 'partner-admin', title: 'Partnerships' }],
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
  const marker = await getItem<{ partners: { id: string; name: string }[] }>(keys.once('seed', 'demo'));
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
  await commit(ctx, {
    writes: [put({ ...keys.once('seed', 'demo'), type: 'Once', at: nowIso(), partners }, { ifAbsent: true })],
    audit: { action: 'demo.seeded', entityType: 'demo', entityId: 'demo', note: `${partners.length} partners` },
  });
  return { seeded: true, partners };
}

const reasons: Partial<Record<PartnerStatus, string>> = {
  onboarding: 'Partner agreement in negotiation; onboarding checklist started',
  active: 'Onboarding complete: training passed, agreement signed',
  suspended: 'Payment overdue by 60 days',
};
