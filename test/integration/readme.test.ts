import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '#infra/local/handlers';

// integration: the README's shell examples, run as written against a fresh `npm start` (its own DynamoDB Local
// and data dir, demo data seeded), each checked for the outcome it promises.
// Only the host changes: the examples say localhost:3000, the server here takes a free port.

jest.setTimeout(300_000);

let server: ChildProcess;
let dataDir: string;
let url: string;
const serverOutput: string[] = [];

/** The ```sh blocks of the README's "Using the local API" section, in order. */
async function readmeBlocks(): Promise<string[]> {
  const readme = await readFile(join(projectRoot, 'README.md'), 'utf8');
  const section = readme.slice(
    readme.indexOf('## Using the local API'),
    readme.indexOf('\n## ', readme.indexOf('## Using the local API') + 1),
  );
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'accord-readme-'));
  server = spawn(join(projectRoot, 'node_modules/.bin/tsx'), ['infra/local/main.ts'], {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', ACCORD_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      serverOutput.push(chunk.toString());
      const ready = /Accord is running at (http:\/\/\S+)/.exec(seen);
      if (ready) resolve(ready[1]!);
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', (chunk: Buffer) => serverOutput.push(chunk.toString()));
    server.once('exit', (code) =>
      reject(new Error(`npm start exited (${code}) before it was ready:\n${serverOutput.join('')}`)),
    );
  });
});

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Runs every block in one bash session (variables carry over, as in one terminal) and returns each block's output. */
async function runBlocks(blocks: string[]): Promise<{ outputs: string[]; stderr: string; code: number | null }> {
  const port = new URL(url).port;
  const script = [
    'set -euo pipefail',
    ...blocks.flatMap((block, i) => [`echo "::block ${i}::"`, block.replaceAll('localhost:3000', `localhost:${port}`)]),
  ].join('\n');
  const child = spawn('bash', ['-c', script], {
    cwd: projectRoot,
    env: { ...process.env, ACCORD_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const outputs = stdout.split(/^::block \d+::\n/m).slice(1);
  return { outputs, stderr, code };
}

const jsonLines = (text: string): Record<string, unknown>[] =>
  text
    .split('\n')
    .filter((line) => line.startsWith('{') || line.startsWith('['))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

it('runs every shell example of "Using the local API" as written, with the outcome each promises', async () => {
  const blocks = await readmeBlocks();
  // One expectation per block below: a new example in the README needs its own check here.
  expect(blocks).toHaveLength(3);
  const { outputs, stderr, code } = await runBlocks(blocks);
  if (code !== 0)
    throw new Error(`the README's examples failed (exit ${code}):\n${stderr}\n${outputs.join('\n---\n')}`);
  expect(outputs).toHaveLength(3);
  const [partners, alert, job] = outputs as [string, string, string];

  // 1. The demo partners, a new partner registered and moved to onboarding, and its own view of the program.
  const lines = jsonLines(partners);
  expect(lines.some((l) => l.name === 'Nordlicht Elektronik GmbH' && l.status === 'active')).toBe(true);
  expect(lines).toContainEqual({ name: 'Andes Smart Living', status: 'onboarding', version: 2 });
  expect(partners.trim().split('\n').at(-1)).toBe('["Andes Smart Living"]');

  // 2. The SLA, the accepted points, the firing alert and the e-mail to both sides.
  const [sla, reported, firing, mail] = jsonLines(alert);
  expect(sla).toEqual({ metric: 'csat', aggregate: 'avg', comparator: '>=', target: 4.2, window: 'P7D' });
  expect(reported).toMatchObject({ accepted: 6, duplicates: 0, rejected: [] });
  expect(firing).toMatchObject({ severity: 'warning', status: 'firing' });
  expect(String(firing!.detail)).toMatch(/^csat avg over P7D is 4\.\d+, target >= 4\.2: breach$/);
  expect(mail!.subject).toMatch(/^\[warning\] Nordlicht Elektronik GmbH: csat/);
  expect(mail!.to).toEqual(expect.arrayContaining(['mara.keller@lumen.example', 'jonas.weber@nordlicht.example']));

  // 3. A job run prints what it did: the demo's active SLAs evaluated, the breach above already known.
  const summary = JSON.parse(job) as Record<string, number>;
  expect(summary).toMatchObject({ job: 'sla-monitor', failed: 0 });
  expect(summary.evaluated).toBeGreaterThanOrEqual(2);
});
