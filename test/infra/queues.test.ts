import { functions, queueFunctions } from '#functions/manifest';
import { queueUrlVariable } from '#shared/queue/sqs';
import {
  functionLogicalId,
  referencedId,
  resourcesOf,
  statementsOf,
  type Synthesized,
  synthesize,
} from '#test/infra/synth';

describe('infra: work queues (planner -> SQS -> worker)', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthesize();
  });
  afterAll(() => synth.cleanup());

  const queues = () => resourcesOf(synth.template, 'AWS::SQS::Queue');
  const workQueueId = (queue: string) => {
    const entry = Object.entries(queues()).find(([, q]) => q.Properties.QueueName === `accord-dev-${queue}`);
    if (!entry) throw new Error(`no SQS queue accord-dev-${queue}`);
    return entry[0];
  };
  const workQueueIds = () => queueFunctions().map((spec) => workQueueId(spec.queue));
  const functionProperties = (name: string) =>
    resourcesOf(synth.template, 'AWS::Lambda::Function')[functionLogicalId(synth.template, name)]!.Properties;

  it('has a queue function to test: sla-monitor-worker on sla-evaluations', () => {
    expect(queueFunctions().map(({ name, queue }) => ({ name, queue }))).toContainEqual({
      name: 'sla-monitor-worker',
      queue: 'sla-evaluations',
    });
  });

  it('gives each queue function an encrypted queue, with a visibility timeout of 6x its timeout and a DLQ after 3 receives', () => {
    for (const spec of queueFunctions()) {
      // Prepare
      const timeout = functionProperties(spec.name).Timeout as number;

      // Act
      const queue = queues()[workQueueId(spec.queue)]!.Properties;

      // Assess
      expect(queue.SqsManagedSseEnabled).toBe(true);
      expect(queue.VisibilityTimeout as number).toBeGreaterThanOrEqual(6 * timeout);
      const redrive = queue.RedrivePolicy as { deadLetterTargetArn: unknown; maxReceiveCount: number };
      expect(redrive.maxReceiveCount).toBe(3);
      const dlq = queues()[referencedId(redrive.deadLetterTargetArn)]!.Properties;
      // The DLQ keeps messages longer than the queue: SQS keeps a message's first enqueue time when it moves.
      expect(dlq.MessageRetentionPeriod as number).toBeGreaterThan(queue.MessageRetentionPeriod as number);
      expect(dlq.RedrivePolicy).toBeUndefined();
    }
  });

  it('feeds each worker from its queue in batches of the manifest size, reporting partial batch failures', () => {
    for (const spec of queueFunctions()) {
      // Prepare
      const fnId = functionLogicalId(synth.template, spec.name);

      // Act
      const mappings = Object.values(resourcesOf(synth.template, 'AWS::Lambda::EventSourceMapping')).filter(
        (mapping) => referencedId(mapping.Properties.FunctionName) === fnId,
      );

      // Assess
      expect(mappings).toHaveLength(1);
      expect(mappings[0]!.Properties).toMatchObject({
        EventSourceArn: { 'Fn::GetAtt': [workQueueId(spec.queue), 'Arn'] },
        BatchSize: spec.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: expect.any(Number) as unknown },
      });
    }
  });

  it('lets exactly the functions naming a queue in sendsTo send to it, with its URL in their environment', () => {
    for (const spec of functions) {
      // Prepare
      const sendsTo = spec.access.sendsTo ?? [];
      const env = (functionProperties(spec.name).Environment as { Variables: Record<string, unknown> }).Variables;

      // Act: SendMessage on any work queue (a function's own failure destination is not a work queue).
      const sendable = statementsOf(synth.template, spec.name)
        .filter((s) => [s.Action].flat().includes('sqs:SendMessage'))
        .flatMap((s) => [s.Resource].flat().map(referencedId))
        .filter((id) => workQueueIds().includes(id));
      const urlVariables = Object.keys(env).filter((name) => name.startsWith('QUEUE_URL_'));

      // Assess
      expect({ name: spec.name, sendable: sendable.sort() }).toEqual({
        name: spec.name,
        sendable: sendsTo.map(workQueueId).sort(),
      });
      expect({ name: spec.name, urlVariables: urlVariables.sort() }).toEqual({
        name: spec.name,
        urlVariables: sendsTo.map(queueUrlVariable).sort(),
      });
      for (const queue of sendsTo) expect(env[queueUrlVariable(queue)]).toEqual({ Ref: workQueueId(queue) });
    }
  });

  it('grants the planner sla-monitor SendMessage on sla-evaluations and nothing else on it', () => {
    // Act
    const onQueue = statementsOf(synth.template, 'sla-monitor').filter((s) =>
      [s.Resource].flat().some((r) => JSON.stringify(r).includes(`"${workQueueId('sla-evaluations')}"`)),
    );

    // Assess: no receive, delete or purge; SendMessage also authorizes SendMessageBatch.
    expect(onQueue.flatMap((s) => [s.Action].flat())).toEqual(['sqs:SendMessage']);
  });

  it('alarms when work waits too long, and as soon as its DLQ holds a message', () => {
    // Prepare
    const alarms = Object.values(resourcesOf(synth.template, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    const watching = (queueId: string, metric: string) =>
      alarms.filter(
        (a) =>
          a.MetricName === metric &&
          (a.Dimensions as { Value: unknown }[]).some((d) => JSON.stringify(d.Value).includes(`"${queueId}"`)),
      );

    for (const spec of queueFunctions()) {
      // Act
      const queueId = workQueueId(spec.queue);
      const dlqId = referencedId(
        (queues()[queueId]!.Properties.RedrivePolicy as { deadLetterTargetArn: unknown }).deadLetterTargetArn,
      );

      // Assess
      expect(watching(queueId, 'ApproximateAgeOfOldestMessage')).toHaveLength(1);
      expect(watching(dlqId, 'ApproximateNumberOfMessagesVisible')).toEqual([
        expect.objectContaining({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' }),
      ]);
    }
  });
});
