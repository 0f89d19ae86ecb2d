import { eventFunctions, streamFunctions } from '#functions/manifest';
import { functionLogicalId, referencedId, resourcesOf, type Synthesized, synthesize } from '#test/infra/synth';

describe('infra: event bus, outbox relay and consumers', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthesize();
  });
  afterAll(() => synth.cleanup());

  const queueIds = () => Object.keys(resourcesOf(synth.template, 'AWS::SQS::Queue'));

  it('creates the bus accord-<stage> with an archive for replays', () => {
    // Act
    const buses = Object.values(resourcesOf(synth.template, 'AWS::Events::EventBus'));
    const archives = Object.values(resourcesOf(synth.template, 'AWS::Events::Archive'));

    // Assess
    expect(buses.map((bus) => bus.Properties.Name)).toEqual(['accord-dev']);
    expect(archives).toHaveLength(1);
    expect(archives[0]!.Properties.RetentionDays).toBe(30);
  });

  it('feeds the relay only new outbox items, isolates poison records and keeps failures in a DLQ', () => {
    for (const spec of streamFunctions()) {
      // Prepare
      const fnId = functionLogicalId(synth.template, spec.name);

      // Act
      const mappings = Object.values(resourcesOf(synth.template, 'AWS::Lambda::EventSourceMapping')).filter(
        (mapping) => referencedId(mapping.Properties.FunctionName) === fnId,
      );

      // Assess
      expect(mappings).toHaveLength(1);
      const mapping = mappings[0]!.Properties;
      expect(mapping.EventSourceArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^DataTable/), 'StreamArn'] });
      const filters = (mapping.FilterCriteria as { Filters: { Pattern: string }[] }).Filters;
      expect(filters.map((filter) => JSON.parse(filter.Pattern) as unknown)).toEqual([
        { eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['OutboxEvent'] } } } },
      ]);
      expect(mapping).toMatchObject({
        StartingPosition: 'TRIM_HORIZON',
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: expect.any(Number) as unknown,
      });
      const onFailure = (mapping.DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure;
      expect(queueIds()).toContain(referencedId(onFailure.Destination));
    }
  });

  it('routes each manifest pattern through its own rule to its consumer, with retries and a DLQ', () => {
    // Prepare
    const rules = Object.values(resourcesOf(synth.template, 'AWS::Events::Rule'));
    const busId = Object.keys(resourcesOf(synth.template, 'AWS::Events::EventBus'))[0];

    for (const spec of eventFunctions()) {
      const fnId = functionLogicalId(synth.template, spec.name);
      for (const pattern of spec.events) {
        // Act
        const matching = rules.filter(
          (rule) =>
            JSON.stringify(rule.Properties.EventPattern) ===
            JSON.stringify({ source: [pattern.source], 'detail-type': pattern.detailTypes }),
        );

        // Assess
        expect({ consumer: spec.name, rules: matching.length }).toEqual({ consumer: spec.name, rules: 1 });
        const rule = matching[0]!.Properties;
        expect(rule.EventBusName).toEqual({ Ref: busId });
        const targets = rule.Targets as { Arn: unknown; RetryPolicy: unknown; DeadLetterConfig: { Arn: unknown } }[];
        expect(targets).toHaveLength(1);
        expect(referencedId(targets[0]!.Arn)).toBe(fnId);
        expect(targets[0]!.RetryPolicy).toEqual({
          MaximumRetryAttempts: expect.any(Number) as unknown,
          MaximumEventAgeInSeconds: expect.any(Number) as unknown,
        });
        expect(queueIds()).toContain(referencedId(targets[0]!.DeadLetterConfig.Arn));
      }
    }
  });

  it('sends consumer failures that survive Lambda retries to the same DLQ as undeliverable events', () => {
    for (const spec of eventFunctions()) {
      // Prepare
      const fnId = functionLogicalId(synth.template, spec.name);

      // Act
      const config = Object.values(resourcesOf(synth.template, 'AWS::Lambda::EventInvokeConfig')).find(
        (c) => referencedId(c.Properties.FunctionName) === fnId,
      );

      // Assess: the queue the consumer's rule dead-letters to.
      const rule = Object.values(resourcesOf(synth.template, 'AWS::Events::Rule')).find(
        (r) => referencedId((r.Properties.Targets as { Arn: unknown }[])[0]!.Arn) === fnId,
      )!;
      const ruleDlq = (rule.Properties.Targets as { DeadLetterConfig: { Arn: unknown } }[])[0]!.DeadLetterConfig.Arn;
      const onFailure = (config?.Properties.DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure;
      expect(referencedId(onFailure.Destination)).toBe(referencedId(ruleDlq));
    }
  });

  it('encrypts every queue and refuses requests without TLS', () => {
    // Act
    const queues = Object.values(resourcesOf(synth.template, 'AWS::SQS::Queue'));
    const policies = Object.values(resourcesOf(synth.template, 'AWS::SQS::QueuePolicy'));

    // Assess
    expect(queues.length).toBeGreaterThan(0);
    for (const queue of queues) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    for (const id of queueIds()) {
      const policy = policies.find((p) => JSON.stringify(p.Properties.Queues).includes(`"${id}"`));
      expect(JSON.stringify(policy?.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    }
  });
});
