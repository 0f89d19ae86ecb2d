import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { bundleFunctions, defaultBundleDir } from '#infra/bundle';
import { resolveStageConfig } from '#infra/config';
import { AccordStack, stackName } from '#infra/stacks/accord-stack';

/**
 * The CDK app: one stack per region of the selected stage (`-c stage=prod`, `-c regions=...`, see config.ts).
 * `-c bundle=false` synthesizes without esbuild (placeholder code), e.g. to run cdk-nag quickly.
 */
async function main(): Promise<void> {
  const app = new App();
  if (app.node.tryGetContext('bundle') === 'false') app.node.setContext('aws:cdk:bundling-stacks', []);
  const config = resolveStageConfig((key) => app.node.tryGetContext(key));

  // The CLI lists the stacks it needs bundled (none for `cdk ls` or `cdk destroy`). All functions are bundled
  // by one esbuild call up front, then each stack that needs code takes its directories from there.
  const bundlingStacks: unknown = app.node.tryGetContext('aws:cdk:bundling-stacks') ?? ['**'];
  if (Array.isArray(bundlingStacks) && bundlingStacks.length > 0) await bundleFunctions(defaultBundleDir);

  // The portal is uploaded only when built (`vite build` writes portal/dist); synth never builds it, so CI needs no browser
  // toolchain. Without a build, a deploy writes /config.json and leaves the bucket's current portal in place.
  const portalDist = join(__dirname, '..', 'portal', 'dist');
  const portalBuildDir = existsSync(join(portalDist, 'index.html')) ? portalDist : undefined;
  for (const region of config.regions) {
    new AccordStack(app, stackName(config.stage, region), {
      config,
      region,
      bundleDir: defaultBundleDir,
      portalBuildDir,
    });
  }
  // Every synth runs AwsSolutions; an unacknowledged finding fails the synth.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
