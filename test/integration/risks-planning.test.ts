import { startTestApi, type TestApi } from '#test/helpers/local-api';
import { createAgreement, createPartner, raiseRisk, recordPlanningSession } from '#test/helpers/fixtures';

// integration: the shared risk register and joint planning sessions, both sides' tokens.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

describe('shared risk register', () => {
  it('lets either side raise a risk that both see, scored likelihood x impact', async () => {
    const partner = await createPartner(api);
    const fieldUser = api.token('partner-user', partner.id);
    const raised = await api.call('POST', `/v1/partners/${partner.id}/risks`, {
      token: fieldUser,
      body: {
        title: 'Port strike may delay inbound stock',
        category: 'supply',
        likelihood: 4,
        impact: 5,
        ownerSide: 'vendor',
        mitigation: 'Route via Rotterdam',
        reviewDate: '2027-01-10',
      },
    });
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({ score: 20, status: 'open', raisedBy: 'partner' });

    const vendorView = await api.call('GET', `/v1/partners/${partner.id}/risks?category=supply`, {
      token: api.token('manager'),
    });
    expect((vendorView.body as { items: { id: string }[] }).items.map((r) => r.id)).toEqual([
      (raised.body as { id: string }).id,
    ]);

    await api.drainEvents();
    const events = (await api.tableItems()).filter(
      (i) => i.detailType === 'RiskRaised' && (i.detail as { partnerId: string }).partnerId === partner.id,
    );
    expect(events).toHaveLength(1);
  });

  it('moves a risk open -> mitigating -> closed with If-Match, rescoring on reassessment, and refuses closed -> mitigating', async () => {
    const partner = await createPartner(api);
    const risk = await raiseRisk(api, partner.id);
    const path = `/v1/partners/${partner.id}/risks/${risk.id}`;
    const token = api.token('partner-admin', partner.id);
    const mitigating = await api.call('PATCH', path, {
      token,
      body: { status: 'mitigating', likelihood: 2 },
      headers: { 'if-match': '"1"' },
    });
    expect(mitigating.body).toMatchObject({ status: 'mitigating', likelihood: 2, score: 8, version: 2 });
    const closed = await api.call('PATCH', path, { token, body: { status: 'closed' }, headers: { 'if-match': '"2"' } });
    expect(closed.body).toMatchObject({ status: 'closed' });
    const back = await api.call('PATCH', path, {
      token,
      body: { status: 'mitigating' },
      headers: { 'if-match': '"3"' },
    });
    expect(back.status).toBe(409);
    const stale = await api.call('PATCH', path, { token, body: { impact: 1 }, headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(412);
  });

  it('hides one partner’s risks from another', async () => {
    const partner = await createPartner(api);
    const other = await createPartner(api);
    const risk = await raiseRisk(api, partner.id);
    const token = api.token('partner-admin', other.id);
    expect((await api.call('GET', `/v1/partners/${partner.id}/risks`, { token })).status).toBe(404);
    expect((await api.call('GET', `/v1/partners/${other.id}/risks/${risk.id}`, { token })).status).toBe(404);
  });
});

describe('joint planning', () => {
  it('records a session with decisions, owned action items and links to the agreement and risks', async () => {
    const partner = await createPartner(api);
    const agreement = await createAgreement(api, partner.id);
    const risk = await raiseRisk(api, partner.id);
    const session = await recordPlanningSession(api, partner.id, { agreementId: agreement.id, riskIds: [risk.id] });
    const read = await api.call('GET', `/v1/partners/${partner.id}/planning-sessions/${session.id}`, {
      token: api.token('partner-user', partner.id),
    });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      agreementId: agreement.id,
      riskIds: [risk.id],
      actionItems: [expect.objectContaining({ owner: 'Mara Keller', status: 'open', dueDate: '2027-01-15' })],
    });
    const list = await api.call('GET', `/v1/partners/${partner.id}/planning-sessions`, {
      token: api.token('partner-user', partner.id),
    });
    expect((list.body as { items: unknown[] }).items).toHaveLength(1);
  });

  it('refuses links to another partner’s risk or agreement and writes nothing', async () => {
    const partner = await createPartner(api);
    const other = await createPartner(api);
    const foreignRisk = await raiseRisk(api, other.id);
    const foreignAgreement = await createAgreement(api, other.id);
    await api.drainEvents();
    const before = (await api.tableItems()).length;
    const token = api.token('manager');
    const body = (extra: Record<string, unknown>) => ({
      title: 'Review',
      heldAt: new Date().toISOString(),
      participants: [{ name: 'A', side: 'vendor' }],
      ...extra,
    });
    const viaRisk = await api.call('POST', `/v1/partners/${partner.id}/planning-sessions`, {
      token,
      body: body({ riskIds: [foreignRisk.id] }),
    });
    expect(viaRisk.status).toBe(400);
    expect((viaRisk.body as { errors: { path: string }[] }).errors[0]!.path).toBe('body.riskIds.0');
    const viaAgreement = await api.call('POST', `/v1/partners/${partner.id}/planning-sessions`, {
      token,
      body: body({ agreementId: foreignAgreement.id }),
    });
    expect((viaAgreement.body as { errors: { path: string }[] }).errors[0]!.path).toBe('body.agreementId');
    expect((await api.tableItems()).length).toBe(before);
  });
});
