import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleFunctions } from '#infra/bundle';
import { percentile } from './requests';

/**
 * Per function: the deployed bundle's size, and how long a fresh `node` process takes to load it (module
 * evaluation included: SDK clients, middy, schemas), over a bare `node -e 0`. Median of `runs` processes each.
 */
export interface BundleFigures {
  name: string;
  kb: number;
  loadMs: number;
  overBareMs: number;
}

export async function measureColdLoad(runs: number): Promise<{ bareMs: number; bundles: BundleFigures[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-'));
  try {
    const bundles = await bundleFunctions(dir);
    const bareMs = median(runs, ['-e', '0']);
    const figures = bundles.map((b) => {
      const loadMs = median(runs, [
        '--input-type=module',
        '-e',
        `await import(${JSON.stringify(pathToFileURL(b.file).href)})`,
      ]);
      return {
        name: b.name,
        kb: Math.round(b.bytes / 102.4) / 10,
        loadMs,
        overBareMs: Math.round((loadMs - bareMs) * 10) / 10,
      };
    });
    return { bareMs, bundles: figures };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(runs: number, args: string[]): number {
  const env = {
    PATH: process.env.PATH ?? '',
    TABLE_NAME: 'accord-bench',
    AWS_REGION: 'eu-west-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const out = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    if (out.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${out.stderr.toString()}`);
    times.push(performance.now() - started);
  }
  return (
    Math.round(
      percentile(
        times.sort((a, b) => a - b),
        0.5,
      ) * 10,
    ) / 10
  );
}
