import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { synthesize } from '#test/infra/synth';

/** `AwsSolutions-IAM5[...] at Accord-dev-eu-west-1/...`: what an operator reads in the failure. */
function findings(scope: IConstruct): string[] {
  const report = new AwsSolutionsChecks().validateScope(scope);
  return report.violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.constructPath}`),
  );
}

function acknowledgements(scope: IConstruct): { id: string; reason: string; at: string }[] {
  return scope.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          id,
          reason,
          at: construct.node.path,
        })),
      ),
  );
}

describe('infra: cdk-nag AwsSolutions', () => {
  it.each(['dev', 'prod'])('reports no unacknowledged finding for the %s stack', (stage) => {
    // Prepare
    const synth = synthesize({ stage });

    try {
      // Act
      const unacknowledged = findings(synth.app);

      // Assess
      expect(unacknowledged).toEqual([]);
    } finally {
      synth.cleanup();
    }
  });

  it('acknowledges nothing without saying why', () => {
    // Prepare
    const synth = synthesize();

    try {
      // Act
      const acks = acknowledgements(synth.app);

      // Assess
      expect(acks.length).toBeGreaterThan(0);
      for (const ack of acks) expect({ ...ack, reason: ack.reason.length >= 40 }).toEqual({ ...ack, reason: true });
    } finally {
      synth.cleanup();
    }
  });

  it('requires MFA and threat protection in prod, so nothing about the user pool is acknowledged there', () => {
    // Prepare
    const synth = synthesize({ stage: 'prod' });

    try {
      // Act
      const poolAcks = acknowledgements(synth.app).filter((ack) => /COG/.test(ack.id));

      // Assess
      expect(poolAcks).toEqual([]);
      synth.template.hasResourceProperties('AWS::Cognito::UserPool', {
        MfaConfiguration: 'ON',
        UserPoolTier: 'PLUS',
      });
    } finally {
      synth.cleanup();
    }
  });
});
