import { AwsSolutionsChecks } from 'cdk-nag';
import { functions } from '#functions/manifest';
import { SES_SEND_ACTIONS } from '#infra/constructs/accord-function';
import {
  functionLogicalId,
  referencedId,
  resourcesOf,
  statementsOf,
  type Synthesized,
  synthesize,
} from '#test/infra/synth';

// The notifier is the function that delivers notifications; this suite must hold whether or not the manifest
// entry has already been given `notifications` access, so it makes sure it has.
jest.mock('#functions/manifest', () => {
  const manifest = jest.requireActual<typeof import('#functions/manifest')>('#functions/manifest');
  const notifier = manifest.functions.find((spec) => spec.name === 'notifier');
  if (notifier) notifier.access = { ...notifier.access, notifications: true };
  return manifest;
});

const SENDER = 'accord@mail.example.com';

describe('infra: notifications (SNS integrations topic, SES e-mail)', () => {
  const notifying = functions.filter((spec) => spec.access.notifications);
  let withSender: Synthesized;
  let withoutSender: Synthesized;
  beforeAll(() => {
    withSender = synthesize({ senderEmail: SENDER });
    withoutSender = synthesize();
  });
  afterAll(() => {
    withSender.cleanup();
    withoutSender.cleanup();
  });

  const topicId = (synth: Synthesized) => {
    const entry = Object.entries(resourcesOf(synth.template, 'AWS::SNS::Topic')).find(
      ([, topic]) => topic.Properties.TopicName === 'accord-dev-notifications',
    );
    if (!entry) throw new Error('no topic accord-dev-notifications');
    return entry[0];
  };
  const env = (synth: Synthesized, name: string) =>
    (
      resourcesOf(synth.template, 'AWS::Lambda::Function')[functionLogicalId(synth.template, name)]!.Properties
        .Environment as { Variables: Record<string, unknown> }
    ).Variables;
  const actions = (synth: Synthesized, name: string) =>
    statementsOf(synth.template, name).flatMap((s) => [s.Action].flat());

  it('creates the topic accord-<stage>-notifications, KMS-encrypted and TLS-only', () => {
    // Act
    const id = topicId(withoutSender);
    const topic = resourcesOf(withoutSender.template, 'AWS::SNS::Topic')[id]!.Properties;
    const policies = Object.values(resourcesOf(withoutSender.template, 'AWS::SNS::TopicPolicy')).filter((p) =>
      JSON.stringify(p.Properties.Topics).includes(`"${id}"`),
    );

    // Assess
    expect(Object.keys(resourcesOf(withoutSender.template, 'AWS::KMS::Key'))).toContain(
      referencedId(topic.KmsMasterKeyId),
    );
    expect(JSON.stringify(policies.map((p) => p.Properties.PolicyDocument))).toContain('"aws:SecureTransport":"false"');
  });

  it('lets exactly the functions with notifications access publish, and tells them the topic', () => {
    expect(notifying.map((spec) => spec.name)).toContain('notifier');
    for (const { name, access } of functions) {
      // Act
      const publish = statementsOf(withoutSender.template, name).filter((s) =>
        [s.Action].flat().includes('sns:Publish'),
      );

      // Assess
      expect({ name, publish: publish.map((s) => s.Resource) }).toEqual({
        name,
        publish: access.notifications ? [{ Ref: topicId(withoutSender) }] : [],
      });
      expect({ name, topic: env(withoutSender, name).NOTIFICATIONS_TOPIC_ARN }).toEqual({
        name,
        topic: access.notifications ? { Ref: topicId(withoutSender) } : undefined,
      });
    }
  });

  it('grants no SES and sets no sender when the stage has no sender e-mail', () => {
    for (const { name } of functions) {
      expect({ name, ses: actions(withoutSender, name).filter((a) => a.startsWith('ses:')) }).toEqual({
        name,
        ses: [],
      });
      expect({ name, sender: env(withoutSender, name).SENDER_EMAIL }).toEqual({ name, sender: undefined });
    }
  });

  it('with a sender, lets only the notifying functions send mail, from that address only', () => {
    for (const { name, access } of functions) {
      // Act
      const ses = statementsOf(withSender.template, name).filter((s) =>
        [s.Action].flat().some((a) => a.startsWith('ses:')),
      );

      // Assess
      expect({ name, sender: env(withSender, name).SENDER_EMAIL }).toEqual({
        name,
        sender: access.notifications ? SENDER : undefined,
      });
      if (!access.notifications) {
        expect({ name, ses }).toEqual({ name, ses: [] });
        continue;
      }
      expect(ses).toHaveLength(1);
      expect([ses[0]!.Action].flat().sort()).toEqual([...SES_SEND_ACTIONS].sort());
      const resources = JSON.stringify(ses[0]!.Resource);
      expect(resources).toContain(`:identity/${SENDER}`);
      expect(resources).toContain(':identity/mail.example.com');
      expect(resources).not.toContain('*');
      expect((ses[0] as unknown as { Condition: unknown }).Condition).toEqual({
        StringEquals: { 'ses:FromAddress': SENDER },
      });
    }
  });

  it('reports no unacknowledged cdk-nag finding with notifications and a sender', () => {
    // Act
    const report = new AwsSolutionsChecks().validateScope(withSender.app);

    // Assess
    expect(
      report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`)),
    ).toEqual([]);
  });
});
