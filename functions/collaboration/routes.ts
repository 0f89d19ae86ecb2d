import * as z from 'zod';
import {
  CheckInParams,
  CheckInSchema,
  ListCheckInsQuery,
  RecordCheckInInput,
  ScheduleCheckInInput,
} from '#functions/collaboration/domain/check-in';
import {
  DisclosureHistoryQuery,
  DisclosureInput,
  DisclosureParams,
  DisclosureSchema,
} from '#functions/collaboration/domain/disclosure';
import {
  AcceptProposalInput,
  DisputeMessageInput,
  DisputeMessageSchema,
  DisputeParams,
  DisputeProposalInput,
  DisputeSchema,
  ListDisputeMessagesQuery,
  ListDisputesQuery,
  RaiseDisputeInput,
} from '#functions/collaboration/domain/dispute';
import {
  FeedbackParams,
  FeedbackSchema,
  FeedbackStatusInput,
  PartnerFeedbackParams,
  PartnerFeedbackQuery,
  SubmitFeedbackInput,
  TriageQuery,
} from '#functions/collaboration/domain/feedback';
import {
  CreateObjectiveInput,
  ListObjectivesQuery,
  MilestoneParams,
  MilestoneSchema,
  MilestoneStatusInput,
  ObjectiveParams,
  ObjectiveSchema,
  RoadmapQuery,
  UpdateObjectiveInput,
} from '#functions/collaboration/domain/objective';
import { Id, pageOf } from '#shared/domain/common';
import { created, ok, route, type AnyRoute } from '#shared/http/route';
import {
  checkInIcs,
  getCheckIn,
  listCheckIns,
  recordCheckIn,
  scheduleCheckIn,
} from '#functions/collaboration/check-ins';
import { disclosureHistory, getDisclosure, putDisclosure } from '#functions/collaboration/disclosures';
import {
  acceptResolution,
  getDispute,
  listDisputeMessages,
  listDisputes,
  postMessage,
  proposeResolution,
  raiseDispute,
} from '#functions/collaboration/disputes';
import {
  changeFeedbackStatus,
  getPartnerFeedback,
  listFeedback,
  listPartnerFeedback,
  submitFeedback,
} from '#functions/collaboration/feedback';
import {
  changeMilestoneStatus,
  createObjective,
  getObjective,
  listObjectives,
  roadmap,
  updateObjective,
} from '#functions/collaboration/objectives';
import { getPartner, PartnerParams } from '#functions/partners/index';
import { may } from '#functions/collaboration/policy';

const invalid = { 400: { description: 'Invalid input; `errors` names each field' } };
const stale = { 412: { description: 'Stale If-Match' } };
const page = (q: { limit: number; cursor?: string | undefined }) => ({
  limit: q.limit,
  ...(q.cursor ? { cursor: q.cursor } : {}),
});
const partnerPath = (template: string, partnerId: string) => template.replace('{partnerId}', partnerId);

const disclosureBase = '/v1/partners/{partnerId}/disclosures/{side}';
const disclosureRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    path: disclosureBase,
    summary: 'A side’s self-disclosure: needs, concerns, constraints, metrics that matter (both sides read both)',
    tags: ['disclosures'],
    access: may['disclosure:read'],
    operationId: 'getDisclosure',
    description:
      'What a side discloses about itself: needs, concerns, constraints and the metrics that matter; `stale` lists the items past their review date. Both sides read both.',
    params: DisclosureParams,
    responses: {
      200: {
        description: 'The disclosure (ETag: its version); `stale` lists items past their review date',
        schema: DisclosureSchema,
      },
    },
    handler: async ({ params }) => {
      const disclosure = await getDisclosure(params.partnerId, params.side);
      return ok(disclosure, disclosure.version);
    },
  }),
  route({
    method: 'PUT',
    path: disclosureBase,
    summary: 'Write your own side’s disclosure: create without If-Match, replace with it (403 for the other side’s)',
    tags: ['disclosures'],
    access: may['disclosure:write'],
    operationId: 'putDisclosure',
    description:
      'Each side writes its own disclosure only (403 for the other side’s). Without If-Match the request creates it (428 if it exists); with the ETag you read it replaces that version, and every version is kept.',
    example: {
      summary: 'Growing in Bavaria',
      needs: [{ text: 'Demo units for twelve stores', confidence: 'high', reviewBy: '2027-03-31' }],
      constraints: [
        { text: 'Two installers until March', confidence: 'medium', reviewBy: '2027-03-01', kind: 'staffing' },
      ],
      metricsThatMatter: [
        { text: 'Hub attach rate', confidence: 'high', reviewBy: '2027-06-30', metric: 'attach_rate' },
      ],
    },
    params: DisclosureParams,
    body: DisclosureInput,
    ifMatch: 'create-or-replace',
    responses: {
      200: { description: 'The new version', schema: DisclosureSchema },
      ...invalid,
      403: { description: 'The other side’s disclosure' },
      ...stale,
      428: { description: 'It exists: If-Match required' },
    },
    handler: async ({ params, body, ctx, ifMatch }) => {
      const disclosure = await putDisclosure(ctx, params.partnerId, params.side, ifMatch, body);
      return ok(disclosure, disclosure.version);
    },
  }),
  route({
    method: 'GET',
    path: `${disclosureBase}/history`,
    summary: 'Every version of a side’s disclosure, newest first',
    tags: ['disclosures'],
    access: may['disclosure:read'],
    operationId: 'listDisclosureHistory',
    description: 'The side’s disclosure as it was at each version, newest first.',
    params: DisclosureParams,
    query: DisclosureHistoryQuery,
    responses: { 200: { description: 'A page of versions', schema: pageOf(DisclosureSchema) } },
    handler: async ({ params, query }) => ok(await disclosureHistory(params.partnerId, params.side, page(query))),
  }),
];

const objectiveBase = '/v1/partners/{partnerId}/objectives';
const objectiveRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    path: objectiveBase,
    summary: 'Joint objectives, newest first, with milestone progress',
    tags: ['objectives'],
    access: may['objective:list'],
    operationId: 'listObjectives',
    description: 'The partnership’s objectives, newest first, with milestone progress.',
    params: PartnerParams,
    query: ListObjectivesQuery,
    responses: { 200: { description: 'A page of objectives', schema: pageOf(ObjectiveSchema) } },
    handler: async ({ params, query }) => {
      const { limit, cursor, ...filter } = query;
      return ok(await listObjectives(params.partnerId, filter, page({ limit, cursor })));
    },
  }),
  route({
    method: 'POST',
    path: objectiveBase,
    summary: 'Set a joint objective: KPI (catalog metric, target, due), owner side, roadmap quarter, milestones',
    tags: ['objectives'],
    access: may['objective:create'],
    operationId: 'createObjective',
    description:
      'An objective with an owner side, a roadmap quarter, milestones and optionally a KPI: a catalog metric, a target and a due date, measured from the metric’s rollups.',
    example: {
      title: 'Grow smart-lock sales in Bavaria',
      ownerSide: 'partner',
      quarter: '2027-Q2',
      kpi: { metric: 'units_sold', target: 5000, due: '2027-06-30', aggregate: 'sum' },
      milestones: [{ title: 'Train 20 installers', due: '2027-03-31', ownerSide: 'partner' }],
    },
    params: PartnerParams,
    body: CreateObjectiveInput,
    responses: { 201: { description: 'The objective', schema: ObjectiveSchema }, ...invalid },
    handler: async ({ params, body, ctx }) => {
      const objective = await createObjective(ctx, params.partnerId, body);
      return created(objective, `${partnerPath(objectiveBase, params.partnerId)}/${objective.id}`, objective.version);
    },
  }),
  route({
    method: 'GET',
    path: `${objectiveBase}/{objectiveId}`,
    summary: 'An objective with its milestones and progress (from the KPI metric’s rollups when linked)',
    tags: ['objectives'],
    access: may['objective:read'],
    operationId: 'getObjective',
    description: 'The objective, its milestones and its progress (from the KPI metric’s rollups when it has a KPI).',
    params: ObjectiveParams,
    responses: { 200: { description: 'The objective', schema: ObjectiveSchema } },
    handler: async ({ params }) => {
      const objective = await getObjective(params.partnerId, params.objectiveId, { kpi: true });
      return ok(objective, objective.version);
    },
  }),
  route({
    method: 'PATCH',
    path: `${objectiveBase}/{objectiveId}`,
    summary: 'Change an objective or add milestones (If-Match)',
    tags: ['objectives'],
    access: may['objective:update'],
    operationId: 'updateObjective',
    description:
      'Changes the fields sent and appends `addMilestones`; milestones are changed one by one with their own route.',
    example: {
      status: 'active',
      addMilestones: [{ title: 'Launch the spring campaign', due: '2027-04-15', ownerSide: 'vendor' }],
    },
    params: ObjectiveParams,
    body: UpdateObjectiveInput,
    ifMatch: true,
    responses: { 200: { description: 'The objective', schema: ObjectiveSchema }, ...invalid, ...stale },
    handler: async ({ params, body, ctx, ifMatch }) => {
      const objective = await updateObjective(ctx, params.partnerId, params.objectiveId, ifMatch, body);
      return ok(objective, objective.version);
    },
  }),
  route({
    method: 'POST',
    path: `${objectiveBase}/{objectiveId}/milestones/{milestoneId}/status`,
    summary: 'Move a milestone: planned, in-progress, done, blocked (If-Match: the objective’s version)',
    tags: ['objectives'],
    access: may['milestone:update'],
    operationId: 'changeMilestoneStatus',
    description:
      'Moves one milestone: planned, in-progress, done or blocked. If-Match carries the objective’s version, since milestones live inside it.',
    example: { status: 'done', note: 'All 20 installers certified' },
    params: MilestoneParams,
    body: MilestoneStatusInput,
    ifMatch: true,
    responses: { 200: { description: 'The objective', schema: ObjectiveSchema }, ...invalid, ...stale },
    handler: async ({ params, body, ctx, ifMatch }) => {
      const objective = await changeMilestoneStatus(
        ctx,
        params.partnerId,
        params.objectiveId,
        params.milestoneId,
        ifMatch,
        body,
      );
      return ok(objective, objective.version);
    },
  }),
  route({
    method: 'GET',
    path: '/v1/partners/{partnerId}/roadmap',
    summary: 'The joint roadmap: objectives by quarter and milestones by the quarter they are due',
    tags: ['objectives'],
    access: may['roadmap:read'],
    operationId: 'getRoadmap',
    description:
      'Objectives by quarter and milestones by the quarter they are due, from `from` to `to` (default: the span of the objectives).',
    params: PartnerParams,
    query: RoadmapQuery,
    responses: {
      200: {
        description: 'Quarters from `from` to `to` (default: the span of the objectives)',
        schema: z.object({
          from: z.string(),
          to: z.string(),
          quarters: z.array(
            z.object({
              quarter: z.string(),
              objectives: z.array(ObjectiveSchema),
              milestones: z.array(MilestoneSchema.extend({ objectiveId: Id, objectiveTitle: z.string() })),
            }),
          ),
        }),
      },
    },
    handler: async ({ params, query }) => ok(await roadmap(params.partnerId, query)),
  }),
];

const checkInBase = '/v1/partners/{partnerId}/check-ins';
const StrictCheckInParams = z.strictObject({ partnerId: Id, checkInId: Id });
const checkInRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    path: checkInBase,
    summary: 'Check-ins, KPI reviews, workshops and planning meetings, newest first',
    tags: ['check-ins'],
    access: may['check-in:list'],
    operationId: 'listCheckIns',
    description: 'Check-ins, KPI reviews, workshops and planning meetings, newest first.',
    params: PartnerParams,
    query: ListCheckInsQuery,
    responses: { 200: { description: 'A page of check-ins', schema: pageOf(CheckInSchema) } },
    handler: async ({ params, query }) => {
      const { limit, cursor, ...filter } = query;
      return ok(await listCheckIns(params.partnerId, filter, page({ limit, cursor })));
    },
  }),
  route({
    method: 'POST',
    path: checkInBase,
    summary:
      'Schedule a check-in in the partner’s time zone, optionally recurring; a KPI review’s agenda opens with the scorecard and open alerts',
    tags: ['check-ins'],
    access: may['check-in:schedule'],
    operationId: 'scheduleCheckIn',
    description:
      '`localStart` is a wall-clock time in the partner’s time zone; a recurring check-in keeps that local time across daylight saving changes. A KPI review’s agenda opens with the scorecard and the open alerts.',
    example: {
      kind: 'kpi-review',
      title: 'Monthly KPI review',
      localStart: '2027-01-12T10:00',
      durationMinutes: 45,
      cadence: 'monthly',
      attendees: [
        { name: 'Mara Keller', email: 'mara.keller@lumen.example', side: 'vendor' },
        { name: 'Jonas Weber', side: 'partner' },
      ],
      agenda: ['Scorecard', 'Open alerts'],
      location: 'Video call',
    },
    params: PartnerParams,
    body: ScheduleCheckInInput,
    responses: { 201: { description: 'The check-in', schema: CheckInSchema }, ...invalid },
    handler: async ({ params, body, ctx }) => {
      const checkIn = await scheduleCheckIn(ctx, params.partnerId, body);
      return created(checkIn, `${partnerPath(checkInBase, params.partnerId)}/${checkIn.id}`, checkIn.version);
    },
  }),
  route({
    method: 'GET',
    path: `${checkInBase}/{checkInId}`,
    summary: 'A check-in; `{checkInId}.ics` answers its iCalendar file (text/calendar)',
    tags: ['check-ins'],
    access: may['check-in:read'],
    operationId: 'getCheckIn',
    description:
      'One check-in: when (local and UTC), attendees, agenda and, once held, notes, decisions and action items. The same check-in as a calendar file is `GET …/check-ins/{checkInId}.ics`.',
    params: CheckInParams,
    responses: { 200: { description: 'The check-in', schema: CheckInSchema } },
    variants: [
      {
        path: `${checkInBase}/{checkInId}.ics`,
        operationId: 'getCheckInCalendar',
        summary: 'A check-in as an iCalendar file, to add to a calendar',
        description:
          'The check-in as an RFC 5545 calendar file (`text/calendar`), in the partner’s time zone, sent as an attachment.',
        params: StrictCheckInParams,
        etag: true,
        responses: { 200: { description: 'The calendar file', contentType: 'text/calendar' } },
      },
    ],
    handler: async ({ params }) => {
      const ics = params.checkInId.endsWith('.ics');
      const checkIn = await getCheckIn(params.partnerId, ics ? params.checkInId.slice(0, -4) : params.checkInId);
      if (!ics) return ok(checkIn, checkIn.version);
      const partner = await getPartner(params.partnerId);
      return {
        status: 200,
        body: checkInIcs(checkIn, partner.name),
        contentType: 'text/calendar; charset=utf-8',
        version: checkIn.version,
        headers: { 'content-disposition': `attachment; filename="check-in-${checkIn.id}.ics"` },
      };
    },
  }),
  route({
    method: 'PATCH',
    path: `${checkInBase}/{checkInId}`,
    summary: 'After the meeting: notes, decisions, action items, held or cancelled (If-Match)',
    tags: ['check-ins'],
    access: may['check-in:record'],
    operationId: 'recordCheckIn',
    description:
      'Records what happened: notes, decisions and action items, and whether it was held or cancelled. A check-in that is held or cancelled cannot be changed again (409).',
    example: {
      status: 'held',
      notes: 'CSAT recovered after the staffing change',
      decisions: ['Keep the weekend shift'],
      actionItems: [{ title: 'Share the new rota', owner: 'Jonas Weber', ownerSide: 'partner', dueDate: '2027-01-19' }],
    },
    params: StrictCheckInParams,
    body: RecordCheckInInput,
    ifMatch: true,
    responses: {
      200: { description: 'The check-in', schema: CheckInSchema },
      ...invalid,
      409: { description: 'Already held or cancelled' },
      ...stale,
    },
    handler: async ({ params, body, ctx, ifMatch }) => {
      const checkIn = await recordCheckIn(ctx, params.partnerId, params.checkInId, ifMatch, body);
      return ok(checkIn, checkIn.version);
    },
  }),
];

const disputeBase = '/v1/partners/{partnerId}/disputes';
const closed = { 409: { description: 'Not allowed in the dispute’s state (e.g. resolved)' } };
const disputeRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    path: disputeBase,
    summary: 'Disputes, newest first',
    tags: ['disputes'],
    access: may['dispute:list'],
    operationId: 'listDisputes',
    description: 'The partnership’s disputes, newest first, optionally by status.',
    params: PartnerParams,
    query: ListDisputesQuery,
    responses: { 200: { description: 'A page of disputes', schema: pageOf(DisputeSchema) } },
    handler: async ({ params, query }) => {
      const { limit, cursor, ...filter } = query;
      return ok(await listDisputes(params.partnerId, filter, page({ limit, cursor })));
    },
  }),
  route({
    method: 'POST',
    path: disputeBase,
    summary: 'Raise a dispute (either side): the other side must answer within the response SLA (business days)',
    tags: ['disputes'],
    access: may['dispute:raise'],
    operationId: 'raiseDispute',
    description:
      'Raises a dispute; the other side must answer within `responseSlaDays` business days (default 2) in the partner’s time zone, or the dispute escalates.',
    example: {
      title: 'Duplicate invoice for November',
      category: 'billing',
      severity: 'medium',
      description: 'Invoice 2026-1142 charges the November fees twice.',
      responseSlaDays: 3,
    },
    params: PartnerParams,
    body: RaiseDisputeInput,
    responses: { 201: { description: 'The dispute', schema: DisputeSchema }, ...invalid },
    handler: async ({ params, body, ctx }) => {
      const dispute = await raiseDispute(ctx, params.partnerId, body);
      return created(dispute, `${partnerPath(disputeBase, params.partnerId)}/${dispute.id}`, dispute.version);
    },
  }),
  route({
    method: 'GET',
    path: `${disputeBase}/{disputeId}`,
    summary: 'A dispute: status, who owes an answer by when, the current proposal',
    tags: ['disputes'],
    access: may['dispute:read'],
    operationId: 'getDispute',
    description: 'Status, who owes the next answer and by when, and the current proposal.',
    params: DisputeParams,
    responses: { 200: { description: 'The dispute', schema: DisputeSchema } },
    handler: async ({ params }) => {
      const dispute = await getDispute(params.partnerId, params.disputeId);
      return ok(dispute, dispute.version);
    },
  }),
  route({
    method: 'GET',
    path: `${disputeBase}/{disputeId}/messages`,
    summary: 'The exchange, oldest first: messages, proposals, acceptance, escalation',
    tags: ['disputes'],
    access: may['dispute:read'],
    operationId: 'listDisputeMessages',
    description: 'Messages, proposals, the acceptance and any escalation, oldest first.',
    params: DisputeParams,
    query: ListDisputeMessagesQuery,
    responses: { 200: { description: 'A page of entries', schema: pageOf(DisputeMessageSchema) } },
    handler: async ({ params, query }) =>
      ok(await listDisputeMessages(params.partnerId, params.disputeId, page(query))),
  }),
  route({
    method: 'POST',
    path: `${disputeBase}/{disputeId}/messages`,
    summary: 'Add a message; the first answer of the side that owes one opens the discussion',
    tags: ['disputes'],
    access: may['dispute:message'],
    operationId: 'postDisputeMessage',
    description:
      'Adds a message. The first answer of the side that owes one opens the discussion and starts the other side’s clock. A resolved dispute takes no more messages (409).',
    example: { body: 'We see the duplicate and are checking with billing.' },
    params: DisputeParams,
    body: DisputeMessageInput,
    responses: { 200: { description: 'The dispute', schema: DisputeSchema }, ...invalid, ...closed },
    handler: async ({ params, body, ctx }) => {
      const dispute = await postMessage(ctx, params.partnerId, params.disputeId, body.body);
      return ok(dispute, dispute.version);
    },
  }),
  route({
    method: 'POST',
    path: `${disputeBase}/{disputeId}/proposals`,
    summary: 'Propose a resolution: the other side decides (and its response clock starts)',
    tags: ['disputes'],
    access: may['dispute:propose'],
    operationId: 'proposeDisputeResolution',
    description: 'Proposes how to settle the dispute; the other side then decides, and its response clock starts.',
    example: { summary: 'A credit note for the duplicate charge' },
    params: DisputeParams,
    body: DisputeProposalInput,
    responses: { 200: { description: 'The dispute', schema: DisputeSchema }, ...invalid, ...closed },
    handler: async ({ params, body, ctx }) => {
      const dispute = await proposeResolution(ctx, params.partnerId, params.disputeId, body.summary);
      return ok(dispute, dispute.version);
    },
  }),
  route({
    method: 'POST',
    path: `${disputeBase}/{disputeId}/accept`,
    summary: 'The other side accepts the current proposal: the dispute is resolved',
    tags: ['disputes'],
    access: may['dispute:accept'],
    operationId: 'acceptDisputeResolution',
    description:
      'The side that did not propose accepts the current proposal, named by its id: the dispute is resolved.',
    example: { proposalId: '01JE5V3K9Q8R7T6W5X4Y3Z2A1B', note: 'Thanks, agreed' },
    params: DisputeParams,
    body: AcceptProposalInput,
    responses: { 200: { description: 'The resolved dispute', schema: DisputeSchema }, ...invalid, ...closed },
    handler: async ({ params, body, ctx }) => {
      const dispute = await acceptResolution(ctx, params.partnerId, params.disputeId, body);
      return ok(dispute, dispute.version);
    },
  }),
];

const feedbackRoutes: AnyRoute[] = [
  route({
    method: 'POST',
    path: '/v1/partners/{partnerId}/feedback',
    summary: 'Feedback from the field: product issue, feature request, market insight or praise',
    tags: ['feedback'],
    access: may['feedback:submit'],
    operationId: 'submitFeedback',
    description:
      'A product issue, feature request, market insight or praise from the partner’s side; the vendor triages it and the partner sees its status and response.',
    example: {
      kind: 'feature-request',
      title: 'Bulk pairing for installers',
      body: 'Installers pair up to 40 devices per site; one at a time takes an hour.',
      product: 'Lumen Hub 2',
      sku: 'LUM-HUB-2',
    },
    params: PartnerParams,
    body: SubmitFeedbackInput,
    responses: { 201: { description: 'The feedback', schema: FeedbackSchema }, ...invalid },
    handler: async ({ params, body, ctx }) => {
      const feedback = await submitFeedback(ctx, params.partnerId, body);
      return created(feedback, `/v1/partners/${params.partnerId}/feedback/${feedback.id}`, feedback.version);
    },
  }),
  route({
    method: 'GET',
    path: '/v1/partners/{partnerId}/feedback',
    summary: 'A partner’s feedback with the vendor’s status and response, newest first',
    tags: ['feedback'],
    access: may['feedback:list'],
    operationId: 'listPartnerFeedback',
    description: 'The partner’s feedback with the vendor’s status and response, newest first.',
    params: PartnerParams,
    query: PartnerFeedbackQuery,
    responses: { 200: { description: 'A page of feedback', schema: pageOf(FeedbackSchema) } },
    handler: async ({ params, query }) => {
      const { limit, cursor, ...filter } = query;
      return ok(await listPartnerFeedback(params.partnerId, filter, page({ limit, cursor })));
    },
  }),
  route({
    method: 'GET',
    path: '/v1/partners/{partnerId}/feedback/{feedbackId}',
    summary: 'One piece of a partner’s feedback with its status and the vendor’s response',
    tags: ['feedback'],
    access: may['feedback:list'],
    operationId: 'getPartnerFeedback',
    description: 'One piece of feedback with its status and the vendor’s response.',
    params: PartnerFeedbackParams,
    responses: {
      200: { description: 'The feedback', schema: FeedbackSchema },
      ...invalid,
      404: { description: 'No such feedback for this partner' },
    },
    handler: async ({ params }) => {
      const feedback = await getPartnerFeedback(params.partnerId, params.feedbackId);
      return ok(feedback, feedback.version);
    },
  }),
  route({
    method: 'GET',
    path: '/v1/feedback',
    summary: 'Vendor triage: feedback across partners, newest first, by status, kind and SKU',
    tags: ['feedback'],
    access: may['feedback:triage'],
    operationId: 'listFeedbackForTriage',
    description: 'Feedback from every partner, newest first, by status, kind and SKU.',
    query: TriageQuery,
    responses: { 200: { description: 'A page of feedback', schema: pageOf(FeedbackSchema) } },
    handler: async ({ query }) => {
      const { limit, cursor, ...filter } = query;
      return ok(await listFeedback(filter, page({ limit, cursor })));
    },
  }),
  route({
    method: 'POST',
    path: '/v1/feedback/{feedbackId}/status',
    summary: 'Triage: new -> triaged -> planned -> done | declined, with a response the partner sees (If-Match)',
    tags: ['feedback'],
    access: may['feedback:triage'],
    operationId: 'changeFeedbackStatus',
    description:
      'new → triaged → planned → done, or declined from any open status; the response is what the partner reads. Other moves answer 409.',
    example: { status: 'planned', response: 'Planned for the March release.' },
    params: FeedbackParams,
    body: FeedbackStatusInput,
    ifMatch: true,
    responses: {
      200: { description: 'The feedback', schema: FeedbackSchema },
      ...invalid,
      409: { description: 'Transition not allowed' },
      ...stale,
    },
    handler: async ({ params, body, ctx, ifMatch }) => {
      const feedback = await changeFeedbackStatus(ctx, params.feedbackId, ifMatch, body);
      return ok(feedback, feedback.version);
    },
  }),
];

export const collaborationRoutes: AnyRoute[] = [
  ...disclosureRoutes,
  ...objectiveRoutes,
  ...checkInRoutes,
  ...disputeRoutes,
  ...feedbackRoutes,
];
