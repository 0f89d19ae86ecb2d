import { functions, streamFunctions } from '#functions/manifest';
import { referencedId, resourcesOf, type Synthesized, synthesize } from '#test/infra/synth';

describe('infra: alarms and dashboard', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthesize({ alarmEmail: 'ops@example.com' });
  });
  afterAll(() => synth.cleanup());

  const alarms = () => Object.values(resourcesOf(synth.template, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties);
  const alarmNamed = (name: string) => alarms().find((a) => a.AlarmName === `accord-dev-${name}`);

  it('alarms on every function erroring or being throttled', () => {
    for (const { name } of functions) {
      // Act
      const errors = alarmNamed(`${name}-errors`);
      const throttles = alarmNamed(`${name}-throttles`);

      // Assess
      expect({ name, metric: errors?.MetricName, threshold: errors?.Threshold }).toEqual({
        name,
        metric: 'Errors',
        threshold: 1,
      });
      expect({ name, metric: throttles?.MetricName }).toEqual({ name, metric: 'Throttles' });
    }
  });

  it('alarms when the outbox relay falls behind the table stream', () => {
    for (const { name } of streamFunctions()) {
      expect(alarmNamed(`${name}-lag`)).toMatchObject({ MetricName: 'IteratorAge', Statistic: 'Maximum' });
    }
  });

  it('alarms on API 5xx and p99 latency', () => {
    // Act
    const serverErrors = alarmNamed('api-5xx');
    const latency = alarmNamed('api-p99-latency');

    // Assess
    expect(serverErrors).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: '5xx', Threshold: 1 });
    expect(latency).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: 'Latency', ExtendedStatistic: 'p99' });
  });

  it('alarms as soon as any dead-letter queue holds a message', () => {
    // Prepare: every queue but the work queues (which have a DLQ of their own) is a dead-letter queue.
    const queueIds = Object.entries(resourcesOf(synth.template, 'AWS::SQS::Queue'))
      .filter(([, queue]) => queue.Properties.RedrivePolicy === undefined)
      .map(([id]) => id);

    // Act
    const depth = alarms().filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible');

    // Assess
    const watched = depth.map((a) => referencedId((a.Dimensions as { Value: unknown }[])[0]!.Value));
    expect([...watched].sort()).toEqual([...queueIds].sort());
    for (const alarm of depth) {
      expect(alarm).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    }
  });

  it('alarms when work waits in a work queue for too long', () => {
    // Prepare
    const workQueueIds = Object.entries(resourcesOf(synth.template, 'AWS::SQS::Queue'))
      .filter(([, queue]) => queue.Properties.RedrivePolicy !== undefined)
      .map(([id]) => id);

    // Act
    const age = alarms().filter((a) => a.MetricName === 'ApproximateAgeOfOldestMessage');

    // Assess
    expect(age.map((a) => referencedId((a.Dimensions as { Value: unknown }[])[0]!.Value)).sort()).toEqual(
      workQueueIds.sort(),
    );
  });

  it('notifies an encrypted topic, with the configured e-mail subscribed, on alarm and on recovery', () => {
    // Prepare: the alarm topic, not the notifications topic the notifier publishes to.
    const [topicId, topic] = Object.entries(resourcesOf(synth.template, 'AWS::SNS::Topic')).find(([id]) =>
      id.startsWith('ObservabilityAlarmTopic'),
    )!;

    // Act
    const subscriptions = Object.values(resourcesOf(synth.template, 'AWS::SNS::Subscription'));

    // Assess
    expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    expect(subscriptions.map((s) => s.Properties)).toEqual([
      expect.objectContaining({ Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: { Ref: topicId } }),
    ]);
    for (const alarm of alarms()) {
      expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.OKActions).toEqual([{ Ref: topicId }]);
    }
  });

  it('draws one dashboard per stack, named with its region', () => {
    synth.template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'accord-dev-eu-west-1' });
  });
});
