import { scheduledFunctions } from '#functions/manifest';
import {
  functionLogicalId,
  referencedId,
  resourcesOf,
  statementsOfRole,
  type Synthesized,
  synthesize,
} from '#test/infra/synth';

describe('infra: scheduled jobs', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthesize();
  });
  afterAll(() => synth.cleanup());

  it('schedules every manifest job with its expression, its job name, a retry policy and a DLQ', () => {
    // Prepare
    const schedules = Object.values(resourcesOf(synth.template, 'AWS::Scheduler::Schedule'));
    const queueIds = Object.keys(resourcesOf(synth.template, 'AWS::SQS::Queue'));
    expect(schedules).toHaveLength(scheduledFunctions().length);

    for (const spec of scheduledFunctions()) {
      // Act
      const schedule = schedules.find((s) => s.Properties.Name === `accord-dev-${spec.job}`)?.Properties;

      // Assess
      expect(schedule).toMatchObject({
        ScheduleExpression: spec.schedule,
        State: 'ENABLED',
        Target: {
          Arn: { 'Fn::GetAtt': [functionLogicalId(synth.template, spec.name), 'Arn'] },
          RetryPolicy: {
            MaximumRetryAttempts: expect.any(Number) as unknown,
            MaximumEventAgeInSeconds: expect.any(Number) as unknown,
          },
        },
      });
      const target = schedule!.Target as { Input: string; DeadLetterConfig: { Arn: unknown } };
      // The same input as `npm run job -- <job>`, plus the tick's time for idempotent retries.
      expect(JSON.parse(target.Input)).toEqual({ job: spec.job, scheduledTime: '<aws.scheduler.scheduled-time>' });
      expect(queueIds).toContain(referencedId(target.DeadLetterConfig.Arn));
    }
  });

  it('lets Scheduler invoke each job and nothing else', () => {
    for (const spec of scheduledFunctions()) {
      // Prepare
      const fnArn = { 'Fn::GetAtt': [functionLogicalId(synth.template, spec.name), 'Arn'] };
      const schedule = Object.values(resourcesOf(synth.template, 'AWS::Scheduler::Schedule')).find(
        (s) => s.Properties.Name === `accord-dev-${spec.job}`,
      )!;
      const roleId = referencedId((schedule.Properties.Target as { RoleArn: unknown }).RoleArn);

      // Act
      const statements = statementsOfRole(synth.template, roleId);
      const role = resourcesOf(synth.template, 'AWS::IAM::Role')[roleId]!;

      // Assess
      expect(statements.map((s) => s.Action).sort()).toEqual(['lambda:InvokeFunction', 'sqs:SendMessage']);
      expect(statements.find((s) => s.Action === 'lambda:InvokeFunction')!.Resource).toEqual(
        expect.arrayContaining([fnArn]),
      );
      expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).toContain('aws:SourceAccount');
    }
  });
});
