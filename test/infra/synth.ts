import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { resolveStageConfig } from '#infra/config';
import { AccordStack, stackName } from '#infra/stacks/accord-stack';

/** The feature flags `cdk synth` runs with: tests must synthesize the same template the CLI deploys. */
const cdkJsonContext = (
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

export interface Synthesized {
  app: App;
  stack: AccordStack;
  template: Template;
  /** Removes the cloud assembly written under the OS temp directory. */
  cleanup(): void;
}

/**
 * Infra tier: the stack of the first region of a stage, synthesized without bundling (placeholder code, no
 * esbuild) into a temporary directory. `context` takes the same keys as `cdk synth -c key=value`; without a
 * `portalBuildDir` the stack is what CI synthesizes before the portal is built.
 */
export function synthesize(
  context: Record<string, string> = {},
  { portalBuildDir }: { portalBuildDir?: string } = {},
): Synthesized {
  removeAbandonedOutdirs();
  // Named after this process, so a run that dies before cleanup() has its folders removed by the next one.
  const outdir = mkdtempSync(join(tmpdir(), `${OUTDIR_PREFIX}${process.pid}-`));
  const app = new App({
    outdir,
    // `cdk synth` validates templates against the CloudFormation schema; loading that schema costs ~2.5 s in
    // every test file, and these tests assert Accord's intent, not the schema.
    builtinCloudFormationValidation: false,
    context: { ...cdkJsonContext, ...context, 'aws:cdk:bundling-stacks': [] },
  });
  const config = resolveStageConfig((key) => app.node.tryGetContext(key));
  const region = config.regions[0]!;
  const stack = new AccordStack(app, stackName(config.stage, region), {
    config,
    region,
    bundleDir: join(outdir, 'never-read'),
    portalBuildDir,
  });
  return {
    app,
    stack,
    template: Template.fromStack(stack),
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

const OUTDIR_PREFIX = 'accord-infra-test-';

function removeAbandonedOutdirs(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(new RegExp(`^${OUTDIR_PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (pid && !isAlive(pid)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

type Resource = { Type: string; Properties: Record<string, unknown> } & Record<string, unknown>;

/** The resources of one type, by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

/** The logical id a `{ Ref }` or `{ 'Fn::GetAtt' }` points at. */
export function referencedId(value: unknown): string {
  const reference = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | undefined;
  const id = reference?.Ref ?? reference?.['Fn::GetAtt']?.[0];
  if (!id) throw new Error(`not a reference: ${JSON.stringify(value)}`);
  return id;
}

/** The logical id of the Lambda function a manifest entry became (`accord-<stage>-<name>`). */
export function functionLogicalId(template: Template, name: string, stage = 'dev'): string {
  const entry = Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).find(
    ([, fn]) => fn.Properties.FunctionName === `accord-${stage}-${name}`,
  );
  if (!entry) throw new Error(`no Lambda function for manifest entry ${name}`);
  return entry[0];
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** Every statement of the IAM policies attached to a manifest function's role. */
export function statementsOf(template: Template, name: string): Statement[] {
  const fn = resourcesOf(template, 'AWS::Lambda::Function')[functionLogicalId(template, name)]!;
  return statementsOfRole(template, referencedId(fn.Properties.Role));
}

/** Every statement of the IAM policies attached to a role. */
export function statementsOfRole(template: Template, roleId: string): Statement[] {
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as unknown[]).some((role) => referencedId(role) === roleId))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

/** Every action a manifest function may perform. */
export function actionsOf(template: Template, name: string): string[] {
  return statementsOf(template, name).flatMap((statement) => [statement.Action].flat());
}
