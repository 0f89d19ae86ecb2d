import { createHash } from 'node:crypto';
import type { QueueFunction, ScheduledFunction } from '#functions/manifest';
import { sendWork } from '#shared/queue/send';
import { createLogger } from '#infra/local/log';
import { createLocalQueues, type LocalQueues } from '#infra/local/queues';
import { createScheduler } from '#infra/local/scheduler';
import { resetState, state, type WorkMessage } from '#test/fixtures/recording-worker';
import { withCapturedLogs } from '#test/helpers/captured-logs';

// integration: the local work queues (Lambda's SQS event source with ReportBatchItemFailures, and the redrive
// policy) with a recording worker, and the scheduler waiting for the work a job queued. No DynamoDB needed.
const worker: QueueFunction = {
  name: 'recording-worker',
  entry: 'test/fixtures/recording-worker.ts',
  description: 'test',
  trigger: 'queue',
  queue: 'test-work',
  batchSize: 3,
  access: {},
};
const planner: ScheduledFunction = {
  name: 'planner',
  entry: 'test/fixtures/planner-job.ts',
  description: 'test',
  trigger: 'schedule',
  job: 'plan',
  schedule: 'rate(5 minutes)',
  localCron: '*/5 * * * *',
  access: { sendsTo: ['test-work'] },
};

let queues: LocalQueues;
beforeAll(() => {
  queues = createLocalQueues({
    workers: [worker],
    region: 'eu-west-1',
    log: createLogger('queues', true),
    concurrency: 2,
    baseDelayMs: 5,
  });
  queues.install();
});
afterAll(() => {
  queues.stop();
  queues.uninstall();
});
beforeEach(() => resetState());

const send = (messages: WorkMessage[]) => sendWork('test-work', messages);
const receivesOf = (id: string) =>
  state.records
    .filter((r) => (JSON.parse(r.body) as WorkMessage).id === id)
    .map((r) => r.attributes.ApproximateReceiveCount);

describe('local work queues', () => {
  it('hands messages to the worker as SQS records, in batches of its batchSize, at most `concurrency` at a time', async () => {
    // Act
    await send(Array.from({ length: 10 }, (_, i) => ({ id: `m${i}` })));
    await queues.idle();

    // Assess
    expect([...state.processed].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`).sort());
    expect([...state.batchSizes].sort()).toEqual([1, 3, 3, 3]);
    expect(state.maxRunning).toBe(2);
    const record = state.records[0]!;
    expect(record).toMatchObject({
      messageId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      receiptHandle: expect.any(String) as unknown,
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:accord-local-test-work',
      awsRegion: 'eu-west-1',
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: expect.stringMatching(/^\d+$/) as unknown },
    });
    expect(record.md5OfBody).toBe(createHash('md5').update(record.body).digest('hex'));
    expect(JSON.parse(record.body)).toEqual({ id: expect.stringMatching(/^m\d$/) as unknown });
  });

  it('redelivers only the records a worker reports failed, and dead-letters those still failing after 3 receives', async () => {
    // Act: one batch of three (the dead letter's error line is asserted below, not printed).
    const { lines } = await withCapturedLogs(async () => {
      await send([{ id: 'flaky', fail: 'once' }, { id: 'poison', fail: 'always' }, { id: 'fine' }]);
      await queues.idle();
    });

    // Assess
    expect(receivesOf('fine')).toEqual(['1']);
    expect(receivesOf('flaky')).toEqual(['1', '2']);
    expect(receivesOf('poison')).toEqual(['1', '2', '3']);
    expect(state.processed.filter((id) => id !== 'poison').sort()).toEqual(['fine', 'flaky']);
    expect(queues.deadLetters.at(-1)).toMatchObject({
      queue: 'test-work',
      body: JSON.stringify({ id: 'poison', fail: 'always' }),
      receives: 3,
      error: expect.stringMatching(/batchItemFailures/) as unknown,
    });
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'ERROR', message: 'message dead-lettered', receives: 3 }),
    );
  });

  it('redelivers the whole batch when the worker throws or reports an id that is not in the batch', async () => {
    // Act (the failures' error lines are asserted below, not printed)
    const { lines } = await withCapturedLogs(async () => {
      await send([{ id: 'crash', throw: 'once' }, { id: 'bystander-1' }]);
      await queues.idle();
      await send([{ id: 'liar', badId: 'once' }, { id: 'bystander-2' }]);
      await queues.idle();
    });

    // Assess
    for (const id of ['crash', 'bystander-1', 'liar', 'bystander-2'])
      expect({ id, receives: receivesOf(id) }).toEqual({ id, receives: ['1', '2'] });
    expect(queues.stats()).toEqual([
      expect.objectContaining({ queue: 'test-work', function: 'recording-worker', waiting: 0, running: 0 }),
    ]);
    expect(lines.map((l) => [l.level, l.message])).toEqual(
      expect.arrayContaining([
        ['ERROR', 'queue worker failed'],
        ['ERROR', 'invalid batchItemFailures: the whole batch counts as failed'],
      ]),
    );
  });

  it('refuses a queue no function consumes and a message that is not JSON, queuing nothing', async () => {
    // Act + Assess
    await expect(sendWork('no-such-queue', [{ id: 'x' }])).rejects.toThrow(
      /no queue function consumes queue "no-such-queue".*test-work/,
    );
    await expect(sendWork('test-work', [{ id: 'ok' }, undefined])).rejects.toThrow(/not JSON-serialisable/);
    expect(queues.pending()).toBe(0);
  });

  it("returns a job's summary only once the work it queued, and the work that work queued, is processed", async () => {
    // Prepare
    const scheduler = createScheduler({
      jobs: [planner],
      region: 'eu-west-1',
      log: createLogger('scheduler', true),
      track: (label, run) => queues.track(label, run),
    });

    // Act
    const summary = await scheduler.runJob('plan');

    // Assess: nothing left to wait for when runJob returns.
    expect(summary).toEqual({ planned: 6 });
    expect(queues.pending()).toBe(0);
    expect([...state.processed].sort()).toEqual(
      ['follow-up-0', 'follow-up-1', ...Array.from({ length: 6 }, (_, i) => `planned-${i}`)].sort(),
    );
  });

  it("adds up what the job's workers reported (follow-ups included) into the job's summary", async () => {
    // Prepare
    const reporting: ScheduledFunction = {
      ...planner,
      name: 'reporting-planner',
      entry: 'test/fixtures/reporting-planner.ts',
      job: 'report',
    };
    const scheduler = createScheduler({
      jobs: [reporting],
      region: 'eu-west-1',
      log: createLogger('scheduler', true),
      track: (label, run) => queues.track(label, run),
    });

    // Act (the lost message's error line is asserted below, not printed)
    const { result: summary, lines } = await withCapturedLogs(() => scheduler.runJob('report'));

    // Assess: the planner's fields as it returned them, the workers' sums next to them, the lost message counted.
    expect(summary).toEqual({ planned: 4, fitted: 0, fittedByWorkers: 4, alertsRaised: 1, messagesDeadLettered: 1 });
    expect(lines).toContainEqual(expect.objectContaining({ level: 'ERROR', message: 'message dead-lettered' }));
  });
});
