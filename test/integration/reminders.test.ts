import { clockControl } from '#shared/clock';
import { startTestApi, type TestApi } from '#test/helpers/local-api';
import { createPartner, moveTo } from '#test/helpers/fixtures';

// integration: the hourly reminders job on DynamoDB Local, with the clock moved instead of waiting.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  clockControl.reset();
  await api.stop();
});

describe('reminders job', () => {
  it('reminds the owner once about a partner stuck in onboarding, however often it runs', async () => {
    const stuck = await moveTo(api, await createPartner(api, { ownerManager: 'owner@vendor.example' }), 'onboarding');
    const fresh = await createPartner(api);

    clockControl.advanceBy(15 * 24 * 3600 * 1000);
    await moveTo(api, fresh, 'onboarding'); // onboarding for minutes only: no reminder
    const first = (await api.runJob('reminders')) as { reminded: number; checked: number };
    const second = (await api.runJob('reminders')) as { reminded: number };
    expect(first).toMatchObject({ reminded: 1, checked: 2 });
    expect(second).toMatchObject({ reminded: 0 });

    await api.drainEvents();
    const stalled = (await api.tableItems()).filter((i) => i.detailType === 'PartnerOnboardingStalled');
    expect(stalled).toHaveLength(1);
    expect((stalled[0]!.detail as { partnerId: string }).partnerId).toBe(stuck.id);
  });
});
