import { resolveStageConfig } from '#infra/config';
import { stackName } from '#infra/stacks/accord-stack';

/** What `-c key=value` would hand the app. */
const cli =
  (values: Record<string, string>) =>
  (key: string): unknown =>
    values[key];

describe('infra: stage and region selection', () => {
  it('deploys dev to one region and prod to each of its regions, one stack per region', () => {
    // Act
    const dev = resolveStageConfig(cli({}));
    const prod = resolveStageConfig(cli({ stage: 'prod' }));

    // Assess
    expect(dev.regions.map((region) => stackName(dev.stage, region))).toEqual(['Accord-dev-eu-west-1']);
    expect(prod.regions.map((region) => stackName(prod.stage, region))).toEqual([
      'Accord-prod-eu-west-1',
      'Accord-prod-us-east-1',
    ]);
  });

  it('takes a region list, alarm e-mail and CORS origins from the command line', () => {
    // Act
    const config = resolveStageConfig(
      cli({
        stage: 'prod',
        regions: 'eu-central-1, eu-west-1,eu-central-1',
        alarmEmail: 'ops@example.com',
        corsOrigins: 'https://portal.example.com',
      }),
    );

    // Assess
    expect(config).toMatchObject({
      regions: ['eu-central-1', 'eu-west-1'],
      alarmEmail: 'ops@example.com',
      corsOrigins: ['https://portal.example.com'],
    });
  });

  it('takes the notification sender from the command line, and sends no e-mail without one', () => {
    expect(resolveStageConfig(cli({})).senderEmail).toBeUndefined();
    expect(resolveStageConfig(cli({ stage: 'prod', senderEmail: ' accord@mail.example.com ' })).senderEmail).toBe(
      'accord@mail.example.com',
    );
    expect(() => resolveStageConfig(cli({ senderEmail: 'accord.example.com' }))).toThrow(/invalid senderEmail/);
  });

  it('refuses an unknown stage or a mistyped region before anything is synthesized', () => {
    expect(() => resolveStageConfig(cli({ stage: 'production' }))).toThrow(/unknown stage "production".*dev, prod/);
    expect(() => resolveStageConfig(cli({ regions: 'eu-west1' }))).toThrow(/invalid region list/);
    expect(() => resolveStageConfig(cli({ regions: ',' }))).toThrow(/invalid region list/);
  });
});
