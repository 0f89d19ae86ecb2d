import { partnerScope } from '#shared/auth/policy';
import { pageOf } from '#shared/domain/common';
import {
  CreateMemberInput,
  ListMembersQuery,
  MemberParams,
  MemberSchema,
  UpdateMemberInput,
} from '#functions/partners/domain/member';
import {
  ChangeStatusInput,
  CreatePartnerInput,
  ListPartnersQuery,
  PartnerParams,
  PartnerSchema,
  UpdatePartnerInput,
} from '#functions/partners/domain/partner';
import { created, noContent, ok, route, type AnyRoute } from '#shared/http/route';
import { addMember, getMember, listMembers, removeMember, updateMember } from '#functions/partners/members';
import {
  changePartnerStatus,
  createPartner,
  getPartner,
  listPartners,
  updatePartner,
} from '#functions/partners/partners';
import { may } from '#functions/partners/policy';

const tags = ['partners'];
const problem = (description: string) => ({ description });
const validation = { 400: problem('Invalid input; `errors` names each field') };

export const partnerRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    path: '/v1/partners',
    operationId: 'listPartners',
    description:
      'Partners ordered by name (`order=desc`: Z to A), optionally filtered by status, kind, tier, country and `q`, the start of the name in any case. With a status and no `q`, the status’s partners come in the order they registered (newest first with `order=desc`). A filtered page may hold fewer than `limit` partners while `nextCursor` says more may follow. A partner person’s list holds its own partner only.',
    summary: 'List partners (a partner sees only itself)',
    tags,
    access: may['partner:list'],
    query: ListPartnersQuery,
    responses: { 200: { description: 'A page of partners', schema: pageOf(PartnerSchema) }, ...validation },
    handler: async ({ query, principal }) => {
      const { limit, cursor, order, ...filter } = query;
      return ok(await listPartners(filter, { limit, order, ...(cursor ? { cursor } : {}) }, partnerScope(principal)));
    },
  }),
  route({
    method: 'POST',
    path: '/v1/partners',
    operationId: 'createPartner',
    description:
      'Registers a partner as `prospect`. `timezone` is any IANA time zone name (check-ins and business days are counted in it); `tier` defaults to `registered`.',
    example: {
      name: 'Andes Smart Living',
      kind: 'reseller',
      tier: 'silver',
      country: 'CL',
      timezone: 'America/Santiago',
      ownerManager: 'mara.keller@lumen.example',
      primaryContact: { name: 'Lucía Rojas', email: 'lucia.rojas@andes.example' },
      tags: ['smart-home'],
    },
    summary: 'Register a partner (starts as prospect)',
    tags,
    access: may['partner:create'],
    body: CreatePartnerInput,
    responses: { 201: { description: 'The new partner', schema: PartnerSchema }, ...validation },
    handler: async ({ body, ctx }) => {
      const partner = await createPartner(ctx, body);
      return created(partner, `/v1/partners/${partner.id}`, partner.version);
    },
  }),
  route({
    method: 'GET',
    path: '/v1/partners/{partnerId}',
    operationId: 'getPartner',
    description: 'The partner’s profile and lifecycle status. The ETag is the version a change must send as If-Match.',
    summary: 'Read a partner',
    tags,
    access: may['partner:read'],
    params: PartnerParams,
    responses: {
      200: { description: 'The partner (ETag: its version)', schema: PartnerSchema },
      404: problem('No such partner'),
    },
    handler: async ({ params }) => {
      const partner = await getPartner(params.partnerId);
      return ok(partner, partner.version);
    },
  }),
  route({
    method: 'PATCH',
    path: '/v1/partners/{partnerId}',
    operationId: 'updatePartner',
    description:
      'Changes the fields sent and only those. Send If-Match with the ETag you read; a stale one answers 412 and changes nothing.',
    example: { tier: 'gold', tags: ['smart-home', 'premium'] },
    summary: 'Change a partner’s profile (If-Match required)',
    tags,
    access: may['partner:update'],
    params: PartnerParams,
    body: UpdatePartnerInput,
    ifMatch: true,
    responses: {
      200: { description: 'The updated partner', schema: PartnerSchema },
      ...validation,
      412: problem('Stale If-Match'),
      428: problem('If-Match missing'),
    },
    handler: async ({ params, body, ctx, ifMatch }) => {
      const partner = await updatePartner(ctx, params.partnerId, ifMatch, body);
      return ok(partner, partner.version);
    },
  }),
  route({
    method: 'POST',
    path: '/v1/partners/{partnerId}/status',
    operationId: 'changePartnerStatus',
    description:
      'prospect → onboarding → active ⇄ suspended; any live status may go to offboarded, which is final and disables the partner’s sign-ins. Other transitions answer 409. People of a suspended partner can read but not write.',
    example: { status: 'onboarding', reason: 'Kick-off meeting held' },
    summary: 'Move a partner through its lifecycle (If-Match required)',
    tags,
    access: may['partner:change-status'],
    params: PartnerParams,
    body: ChangeStatusInput,
    ifMatch: true,
    responses: {
      200: { description: 'The partner in its new status', schema: PartnerSchema },
      ...validation,
      409: problem('Transition not allowed from the current status'),
      412: problem('Stale If-Match'),
    },
    handler: async ({ params, body, ctx, ifMatch }) => {
      const partner = await changePartnerStatus(ctx, params.partnerId, ifMatch, body.status, body.reason);
      return ok(partner, partner.version);
    },
  }),
  route({
    method: 'GET',
    path: '/v1/partners/{partnerId}/users',
    operationId: 'listPartnerUsers',
    description: 'The partner’s people with their roles, optionally by status (`active`, `disabled`).',
    summary: 'List a partner’s people',
    tags,
    access: may['user:list'],
    params: PartnerParams,
    query: ListMembersQuery,
    responses: { 200: { description: 'A page of people', schema: pageOf(MemberSchema) }, ...validation },
    handler: async ({ params, query }) => {
      const { limit, cursor, status } = query;
      return ok(await listMembers(params.partnerId, status, { limit, ...(cursor ? { cursor } : {}) }));
    },
  }),
  route({
    method: 'POST',
    path: '/v1/partners/{partnerId}/users',
    operationId: 'addPartnerUser',
    description:
      'Adds the person; their sign-in is created moments later. An e-mail address can belong to one account only (409).',
    example: {
      email: 'jonas.weber@nordlicht.example',
      name: 'Jonas Weber',
      role: 'partner-user',
      title: 'Support lead',
      locale: 'de-DE',
    },
    summary: 'Add a person to a partner (creates their sign-in)',
    tags,
    access: may['user:create'],
    params: PartnerParams,
    body: CreateMemberInput,
    responses: {
      201: { description: 'The new person', schema: MemberSchema },
      ...validation,
      409: problem('E-mail already in use, or partner offboarded'),
    },
    handler: async ({ params, body, ctx }) => {
      const member = await addMember(ctx, params.partnerId, body);
      return created(member, `/v1/partners/${params.partnerId}/users/${member.id}`, member.version);
    },
  }),
  route({
    method: 'GET',
    path: '/v1/partners/{partnerId}/users/{userId}',
    operationId: 'getPartnerUser',
    description: 'One person with their role and status; the ETag is the version a change needs.',
    summary: 'One of a partner’s people (ETag: the version to send with a change)',
    tags,
    access: may['user:list'],
    params: MemberParams,
    responses: {
      200: { description: 'The person', schema: MemberSchema },
      ...validation,
      404: problem('No such person'),
    },
    handler: async ({ params }) => {
      const member = await getMember(params.partnerId, params.userId);
      return ok(member, member.version);
    },
  }),
  route({
    method: 'PATCH',
    path: '/v1/partners/{partnerId}/users/{userId}',
    operationId: 'updatePartnerUser',
    description: 'Changes the fields sent. Disabling a person disables their sign-in; setting `active` restores it.',
    example: { role: 'partner-admin', title: 'Head of support' },
    summary: 'Change a person’s name, role or status (If-Match required)',
    tags,
    access: may['user:update'],
    params: MemberParams,
    body: UpdateMemberInput,
    ifMatch: true,
    responses: {
      200: { description: 'The updated person', schema: MemberSchema },
      ...validation,
      412: problem('Stale If-Match'),
    },
    handler: async ({ params, body, ctx, ifMatch }) => {
      const member = await updateMember(ctx, params.partnerId, params.userId, ifMatch, body);
      return ok(member, member.version);
    },
  }),
  route({
    method: 'DELETE',
    path: '/v1/partners/{partnerId}/users/{userId}',
    operationId: 'removePartnerUser',
    description:
      'Disables the person’s sign-in and keeps the record as `disabled` for the audit trail; their e-mail address is released and can join another partner.',
    summary: 'Remove a person: disables their sign-in, keeps the record (If-Match required)',
    tags,
    access: may['user:remove'],
    params: MemberParams,
    ifMatch: true,
    responses: { 204: { description: 'Removed' }, 409: problem('Already removed'), 412: problem('Stale If-Match') },
    handler: async ({ params, ctx, ifMatch }) => {
      await removeMember(ctx, params.partnerId, params.userId, ifMatch);
      return noContent();
    },
  }),
];
