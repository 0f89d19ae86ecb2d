/**
 * The document's tags: one per area a partner developer looks for, each in the bounded context it belongs to
 * (Redoc shows the contexts as groups, `x-tagGroups`). A route's tag must be one of these: the test says which.
 */
export const contexts: { name: string; tags: Record<string, string> }[] = [
  {
    name: 'Platform',
    tags: {
      platform: 'Health, the caller’s own identity, the audit trail and this document.',
    },
  },
  {
    name: 'Partners',
    tags: {
      partners: 'The partners of the program, their lifecycle (prospect to offboarded) and their people.',
    },
  },
  {
    name: 'Agreements',
    tags: {
      agreements:
        'Agreements negotiated in versions: drafts, proposals and counter-proposals, signatures by both sides, termination.',
      risks: 'The risk register both sides keep for a partnership.',
      planning: 'Joint planning sessions: participants, agenda, decisions and action items.',
    },
  },
  {
    name: 'Performance',
    tags: {
      performance: 'Metrics a partner reports, the metric catalog, scorecards and the program dashboard.',
      slas: 'Service levels monitored for a partner, from its agreements or set directly.',
      alerts: 'Breaches of service levels and supply alerts: raised, acknowledged and resolved.',
    },
  },
  {
    name: 'Supply',
    tags: {
      supply: 'Products, inventory levels shared with partners, sell-through, forecast commits and demand.',
    },
  },
  {
    name: 'Collaboration',
    tags: {
      disclosures: 'What each side discloses about itself: needs, concerns, constraints and the metrics that matter.',
      objectives: 'Joint objectives with milestones, and the roadmap they make.',
      'check-ins': 'Recurring check-ins, KPI reviews and workshops in the partner’s time zone.',
      disputes: 'Disputes between the two sides, with a response clock in business days.',
      feedback: 'Feedback from the field, triaged by the vendor.',
    },
  },
];

export const tagNames = new Set(contexts.flatMap((c) => Object.keys(c.tags)));

export function tagsSection(): {
  tags: { name: string; description: string }[];
  'x-tagGroups': { name: string; tags: string[] }[];
} {
  return {
    tags: contexts.flatMap((c) => Object.entries(c.tags).map(([name, description]) => ({ name, description }))),
    'x-tagGroups': contexts.map((c) => ({ name: c.name, tags: Object.keys(c.tags) })),
  };
}
