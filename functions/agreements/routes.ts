import * as z from 'zod';
import {
  AgreementParams,
  AgreementSchema,
  CreateAgreementInput,
  DiffQuery,
  ListAgreementsQuery,
  ListProgramAgreementsQuery,
  ProposalInput,
  SignatureInput,
  TerminateInput,
  VersionParams,
  VersionSchema,
} from '#functions/agreements/domain/agreement';
import { diffTerms } from '#functions/agreements/domain/diff';
import { Terms } from '#functions/agreements/domain/terms';
import {
  CreatePlanningSessionInput,
  ListPlanningSessionsQuery,
  PlanningSessionParams,
  PlanningSessionSchema,
} from '#functions/agreements/domain/planning';
import {
  CreateRiskInput,
  ListRisksQuery,
  RiskParams,
  RiskSchema,
  UpdateRiskInput,
} from '#functions/agreements/domain/risk';
import { partnerScope } from '#shared/auth/policy';
import { PageQuery, pageOf } from '#shared/domain/common';
import { PartnerParams } from '#functions/partners/index';
import { created, ok, route, type AnyRoute } from '#shared/http/route';
import {
  createAgreement,
  getAgreement,
  listAgreements,
  listProgramAgreements,
  present,
  propose,
  terminate,
} from '#functions/agreements/agreements';
import { sign } from '#functions/agreements/signing';
import { getPlanningSession, listPlanningSessions, recordPlanningSession } from '#functions/agreements/planning';
import { getRisk, listRisks, raiseRisk, updateRisk } from '#functions/agreements/risks';
import { comparableTerms, getStoredVersion, getVersion, listVersions } from '#functions/agreements/versions';
import { may } from '#functions/agreements/policy';

const tags = ['agreements'];
const base = '/v1/partners/{partnerId}/agreements';
const invalid = { 400: { description: 'Invalid input; `errors` names each field' } };
const page = (q: { limit: number; cursor?: string | undefined }) => ({
  limit: q.limit,
  ...(q.cursor ? { cursor: q.cursor } : {}),
});

/** Terms both sides could sign, for the examples of drafts and proposals. */
const exampleTerms: z.input<typeof Terms> = {
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
  effectiveDate: '2027-01-01',
  termMonths: 12,
  renewal: { mode: 'manual' },
  terminationNoticeDays: 30,
  clauses: [{ title: 'Confidentiality', text: 'Both parties keep each other’s business information confidential.' }],
};

const DiffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(
    z.object({
      path: z.string(),
      change: z.enum(['added', 'removed', 'changed']),
      from: z.unknown().optional(),
      to: z.unknown().optional(),
    }),
  ),
});

const agreementRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    path: '/v1/agreements',
    summary: 'List the program’s agreements, newest first (a partner sees only its own)',
    tags,
    access: may['agreement:list'],
    operationId: 'listProgramAgreements',
    description:
      'The vendor’s view of agreements across partners, newest first, optionally by status or for one partner. A partner person’s list holds its own partner’s agreements only; naming another partner gives an empty list.',
    query: ListProgramAgreementsQuery,
    responses: { 200: { description: 'A page of agreements', schema: pageOf(AgreementSchema) }, ...invalid },
    handler: async ({ query, principal }) => {
      const { limit, cursor, ...filter } = query;
      return ok(await listProgramAgreements(filter, page({ limit, cursor }), partnerScope(principal)));
    },
  }),
  route({
    method: 'GET',
    path: base,
    summary: 'List a partner’s agreements, newest first',
    tags,
    access: may['agreement:list'],
    operationId: 'listAgreements',
    description: 'The partner’s agreements, newest first, optionally by status.',
    params: PartnerParams,
    query: ListAgreementsQuery,
    responses: { 200: { description: 'A page of agreements', schema: pageOf(AgreementSchema) } },
    handler: async ({ params, query }) => ok(await listAgreements(params.partnerId, query.status, page(query))),
  }),
  route({
    method: 'POST',
    path: base,
    summary: 'Draft an agreement: its terms become version 1',
    tags,
    access: may['agreement:create'],
    operationId: 'createAgreement',
    description:
      'Drafts an agreement whose terms become version 1: obligations, revenue share (flat or tiered), SLAs, term, renewal, notice and clauses. Its SLAs are monitored once both sides sign.',
    example: {
      kind: 'reseller',
      title: 'Smart-home reseller agreement 2027',
      summary: 'Standard reseller terms',
      terms: exampleTerms,
    },
    params: PartnerParams,
    body: CreateAgreementInput,
    responses: { 201: { description: 'The draft agreement', schema: AgreementSchema }, ...invalid },
    handler: async ({ params, body, ctx }) => {
      const agreement = await createAgreement(ctx, params.partnerId, body);
      return created(agreement, `${base.replace('{partnerId}', params.partnerId)}/${agreement.id}`, agreement.version);
    },
  }),
  route({
    method: 'GET',
    path: `${base}/{agreementId}`,
    summary: 'Read an agreement: status, current version, signatures, dates',
    tags,
    access: may['agreement:read'],
    operationId: 'getAgreement',
    description: 'Status, current and active version, both sides’ signatures, effective and expiry dates.',
    params: AgreementParams,
    responses: { 200: { description: 'The agreement (ETag: its version)', schema: AgreementSchema } },
    handler: async ({ params }) => {
      const agreement = await getAgreement(params.partnerId, params.agreementId);
      return ok(present(agreement), agreement.version);
    },
  }),
  route({
    method: 'POST',
    path: `${base}/{agreementId}/proposals`,
    summary: 'Propose new terms (a counter-proposal when the other side proposed last); voids signatures',
    tags,
    access: may['agreement:propose'],
    operationId: 'proposeAgreementTerms',
    description:
      'Adds a new immutable version of the terms and makes it the one to sign; after the other side’s proposal it is a counter-proposal. It voids any signature on the previous version.',
    example: { summary: 'Terms after the kick-off review', terms: exampleTerms },
    params: AgreementParams,
    body: ProposalInput,
    ifMatch: true,
    responses: {
      200: { description: 'The agreement with its new current version', schema: AgreementSchema },
      ...invalid,
      409: { description: 'Not negotiable any more' },
      412: { description: 'Stale If-Match' },
    },
    handler: async ({ params, body, ctx, ifMatch }) => {
      const agreement = await propose(ctx, params.partnerId, params.agreementId, ifMatch, body);
      return ok(agreement, agreement.version);
    },
  }),
  route({
    method: 'GET',
    path: `${base}/{agreementId}/versions`,
    summary: 'The proposals made so far',
    tags,
    access: may['agreement:read'],
    operationId: 'listAgreementVersions',
    description: 'Who proposed which version when, without the terms (read a version for them).',
    params: AgreementParams,
    query: z.strictObject({ ...PageQuery }),
    responses: {
      200: { description: 'A page of versions (without terms)', schema: pageOf(VersionSchema.omit({ terms: true })) },
    },
    handler: async ({ params, query }) => {
      await getAgreement(params.partnerId, params.agreementId);
      return ok(await listVersions(params.partnerId, params.agreementId, page(query)));
    },
  }),
  route({
    method: 'GET',
    path: `${base}/{agreementId}/versions/{n}`,
    summary: 'One proposal with its full terms',
    tags,
    access: may['agreement:read'],
    operationId: 'getAgreementVersion',
    description: 'One version of the agreement’s terms, as proposed.',
    params: VersionParams,
    responses: { 200: { description: 'The version', schema: VersionSchema } },
    handler: async ({ params }) => ok(await getVersion(params.partnerId, params.agreementId, params.n)),
  }),
  route({
    method: 'GET',
    path: `${base}/{agreementId}/versions/{n}/diff`,
    summary: 'Field-level changes of the terms from version `against` to version n',
    tags,
    access: may['agreement:read'],
    operationId: 'diffAgreementVersions',
    description:
      'What changed in the terms from version `against` to version n, field by field (e.g. `changed slas[threshold:csat].target`).',
    params: VersionParams,
    query: DiffQuery,
    responses: { 200: { description: 'The changes', schema: DiffSchema } },
    handler: async ({ params, query }) => {
      const [from, to] = await Promise.all([
        getStoredVersion(params.partnerId, params.agreementId, query.against),
        getStoredVersion(params.partnerId, params.agreementId, params.n),
      ]);
      return ok({
        from: query.against,
        to: params.n,
        changes: diffTerms(comparableTerms(from.terms), comparableTerms(to.terms)),
      });
    },
  }),
  route({
    method: 'POST',
    path: `${base}/{agreementId}/signatures`,
    summary: 'Sign the current version for your side; both sides on one version activates it',
    tags,
    access: may['agreement:sign'],
    operationId: 'signAgreement',
    description:
      'Signs the named version for the caller’s side: only the newest version can be signed (409 otherwise). When both sides have signed the same version the agreement becomes active and its SLAs are monitored.',
    example: { version: 2 },
    params: AgreementParams,
    body: SignatureInput,
    responses: {
      200: { description: 'The agreement after signing', schema: AgreementSchema },
      ...invalid,
      409: { description: 'Superseded version, or not negotiable' },
    },
    handler: async ({ params, body, ctx }) => {
      const agreement = await sign(ctx, params.partnerId, params.agreementId, body.version);
      return ok(agreement, agreement.version);
    },
  }),
  route({
    method: 'POST',
    path: `${base}/{agreementId}/terminate`,
    summary: 'End an agreement (respecting its notice period) or withdraw a draft',
    tags,
    access: may['agreement:terminate'],
    operationId: 'terminateAgreement',
    description:
      'Withdraws a draft, or ends an active agreement on `effectiveAt`, which must respect the agreed notice period. An ended agreement retires its SLAs.',
    example: { reason: 'The partner leaves the smart-home market', effectiveAt: '2027-06-30T00:00:00Z' },
    params: AgreementParams,
    body: TerminateInput,
    ifMatch: true,
    responses: {
      200: { description: 'The agreement', schema: AgreementSchema },
      ...invalid,
      409: { description: 'Already ended' },
    },
    handler: async ({ params, body, ctx, ifMatch }) => {
      const agreement = await terminate(ctx, params.partnerId, params.agreementId, ifMatch, body);
      return ok(agreement, agreement.version);
    },
  }),
];

const riskBase = '/v1/partners/{partnerId}/risks';
const riskRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    path: riskBase,
    summary: 'The shared risk register, newest first',
    tags: ['risks'],
    access: may['risk:list'],
    operationId: 'listRisks',
    description: 'The partnership’s risks, newest first, optionally by status or category.',
    params: PartnerParams,
    query: ListRisksQuery,
    responses: { 200: { description: 'A page of risks', schema: pageOf(RiskSchema) } },
    handler: async ({ params, query }) => {
      const { limit, cursor, ...filter } = query;
      return ok(await listRisks(params.partnerId, filter, page({ limit, cursor })));
    },
  }),
  route({
    method: 'POST',
    path: riskBase,
    summary: 'Raise a risk (either side)',
    tags: ['risks'],
    access: may['risk:create'],
    operationId: 'createRisk',
    description:
      'Either side raises a risk with likelihood and impact from 1 to 5; its score is their product. It starts `open`.',
    example: {
      title: 'Single source for the main chipset',
      category: 'supply',
      likelihood: 3,
      impact: 4,
      ownerSide: 'vendor',
      owner: 'mara.keller@lumen.example',
      mitigation: 'Qualify a second supplier',
      reviewDate: '2027-03-31',
    },
    params: PartnerParams,
    body: CreateRiskInput,
    responses: { 201: { description: 'The risk', schema: RiskSchema }, ...invalid },
    handler: async ({ params, body, ctx }) => {
      const risk = await raiseRisk(ctx, params.partnerId, body);
      return created(risk, `${riskBase.replace('{partnerId}', params.partnerId)}/${risk.id}`, risk.version);
    },
  }),
  route({
    method: 'GET',
    path: `${riskBase}/{riskId}`,
    summary: 'Read a risk',
    tags: ['risks'],
    access: may['risk:read'],
    operationId: 'getRisk',
    description: 'One risk with its score and status; the ETag is the version a change needs.',
    params: RiskParams,
    responses: { 200: { description: 'The risk', schema: RiskSchema } },
    handler: async ({ params }) => {
      const risk = await getRisk(params.partnerId, params.riskId);
      return ok(risk, risk.version);
    },
  }),
  route({
    method: 'PATCH',
    path: `${riskBase}/{riskId}`,
    summary: 'Update a risk: assessment, mitigation, status (If-Match required)',
    tags: ['risks'],
    access: may['risk:update'],
    operationId: 'updateRisk',
    description:
      'Changes the fields sent. Status moves open → mitigating → closed; a closed risk may be reopened; other moves answer 409.',
    example: { status: 'mitigating', mitigation: 'Second supplier in qualification' },
    params: RiskParams,
    body: UpdateRiskInput,
    ifMatch: true,
    responses: {
      200: { description: 'The risk', schema: RiskSchema },
      ...invalid,
      409: { description: 'Status change not allowed' },
      412: { description: 'Stale If-Match' },
    },
    handler: async ({ params, body, ctx, ifMatch }) => {
      const risk = await updateRisk(ctx, params.partnerId, params.riskId, ifMatch, body);
      return ok(risk, risk.version);
    },
  }),
];

const planBase = '/v1/partners/{partnerId}/planning-sessions';
const planningRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    path: planBase,
    summary: 'Joint planning sessions, newest first',
    tags: ['planning'],
    access: may['planning:list'],
    operationId: 'listPlanningSessions',
    description: 'The partnership’s planning sessions, newest first.',
    params: PartnerParams,
    query: ListPlanningSessionsQuery,
    responses: { 200: { description: 'A page of sessions', schema: pageOf(PlanningSessionSchema) } },
    handler: async ({ params, query }) => ok(await listPlanningSessions(params.partnerId, page(query))),
  }),
  route({
    method: 'POST',
    path: planBase,
    summary: 'Record a planning session: participants, agenda, decisions, action items, links',
    tags: ['planning'],
    access: may['planning:create'],
    operationId: 'createPlanningSession',
    description:
      'Records a session that was held: participants, agenda, decisions and action items with owners and due dates. A linked agreement and risks must be the partner’s own.',
    example: {
      title: 'Q1 joint business plan',
      heldAt: '2026-12-02T10:00:00Z',
      participants: [
        { name: 'Mara Keller', side: 'vendor' },
        { name: 'Jonas Weber', side: 'partner' },
      ],
      agenda: ['Pipeline review'],
      decisions: ['Launch the smart-lock bundle in March'],
      actionItems: [{ title: 'Send bundle pricing', owner: 'Mara Keller', ownerSide: 'vendor', dueDate: '2027-01-15' }],
    },
    params: PartnerParams,
    body: CreatePlanningSessionInput,
    responses: { 201: { description: 'The session', schema: PlanningSessionSchema }, ...invalid },
    handler: async ({ params, body, ctx }) => {
      const session = await recordPlanningSession(ctx, params.partnerId, body);
      return created(session, `${planBase.replace('{partnerId}', params.partnerId)}/${session.id}`, session.version);
    },
  }),
  route({
    method: 'GET',
    path: `${planBase}/{sessionId}`,
    summary: 'Read a planning session',
    tags: ['planning'],
    access: may['planning:read'],
    operationId: 'getPlanningSession',
    description: 'One planning session with its decisions and action items.',
    params: PlanningSessionParams,
    responses: { 200: { description: 'The session', schema: PlanningSessionSchema } },
    handler: async ({ params }) => {
      const session = await getPlanningSession(params.partnerId, params.sessionId);
      return ok(session, session.version);
    },
  }),
];

export const agreementsApiRoutes: AnyRoute[] = [...agreementRoutes, ...riskRoutes, ...planningRoutes];
