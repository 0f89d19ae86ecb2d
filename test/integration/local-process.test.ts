import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '#infra/local/handlers';
import type { RuntimeInfo } from '#infra/local/runtime-file';
import { pollUntil } from '#infra/local/wait';

// integration: `npm start` as a process (tsx infra/local/main.ts, its own DynamoDB Local, a fresh data dir and
// temp dir): however it dies, even by SIGKILL, no Java process outlives it, and `npm run token` reaches it from
// another directory without being told its data dir.

const SLOW = 240_000;

interface Started {
  child: ChildProcess;
  dir: string;
  tmp: string;
  info: RuntimeInfo;
  output(): string;
}

const started: Started[] = [];
afterEach(async () => {
  for (const { child, info, dir } of started.splice(0)) {
    for (const pid of [child.pid, info.pid, info.dynamoPid]) if (pid && !isGone(pid)) process.kill(pid, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
});

/** Starts `npm start`'s entry and resolves once it has registered itself (listening, the seed under way). */
async function startServer(): Promise<Started> {
  const dir = await mkdtemp(join(tmpdir(), 'accord-process-test-'));
  const tmp = join(dir, 'tmp');
  await mkdir(tmp);
  const env = {
    ...process.env,
    ACCORD_DATA_DIR: join(dir, 'data'),
    PORT: '0',
    TMPDIR: tmp,
    POWERTOOLS_LOG_LEVEL: 'WARN',
  };
  const child = spawn(join(projectRoot, 'node_modules', '.bin', 'tsx'), ['infra/local/main.ts'], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const info = await pollUntil(
    async () => {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
      return JSON.parse(await readFile(join(dir, 'data', 'runtime.json'), 'utf8')) as RuntimeInfo;
    },
    {
      timeoutMs: SLOW / 2,
      intervalMs: 200,
      what: 'npm start to register itself',
      fatal: (e) => e instanceof Error && e.message.startsWith('npm start exited'),
    },
  );
  const server = { child, dir, tmp, info, output: () => output };
  started.push(server);
  return server;
}

/** Gone, or a zombie nobody has reaped yet (it runs nothing any more). */
function isGone(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (existsSync('/proc/self/stat')) {
    try {
      return readFileSync(stat, 'utf8').split(') ')[1]?.startsWith('Z') ?? true;
    } catch {
      return true;
    }
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

const waitGone = (pid: number, what: string) =>
  pollUntil(async () => (isGone(pid) ? true : undefined), { timeoutMs: 60_000, intervalMs: 100, what });

describe('npm start as a process', () => {
  it(
    'takes its DynamoDB Local along when the tsx process it runs under is killed with SIGKILL',
    async () => {
      // Prepare
      const server = await startServer();
      expect(server.info.dynamoPid).toEqual(expect.any(Number));
      expect(isGone(server.info.dynamoPid!)).toBe(false);

      // Act
      server.child.kill('SIGKILL');

      // Assess: the server process notices, stops, and nothing of it is left: no JVM, no registration, no temp files.
      await waitGone(server.info.pid, 'the server process to exit after its parent was killed');
      await waitGone(server.info.dynamoPid!, 'DynamoDB Local to exit');
      expect(existsSync(join(server.dir, 'data', 'runtime.json'))).toBe(false);
      expect((await readdir(server.tmp)).filter((name) => name.startsWith('accord-'))).toEqual([]);
    },
    SLOW,
  );

  it(
    'takes its DynamoDB Local along when the server process itself is killed with SIGKILL',
    async () => {
      // Prepare
      const server = await startServer();

      // Act: no handler of the server runs now.
      process.kill(server.info.pid, 'SIGKILL');

      // Assess
      await waitGone(server.info.dynamoPid!, 'DynamoDB Local to exit after the server was killed');
      await waitGone(server.child.pid!, 'the tsx process to exit');
    },
    SLOW,
  );

  it(
    'hands out tokens through `npm run token` from any directory, found through the registry',
    async () => {
      // Prepare
      const server = await startServer();
      const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: server.tmp };
      delete env.ACCORD_DATA_DIR;

      // Act
      const token = spawn(
        join(projectRoot, 'node_modules', '.bin', 'tsx'),
        [join(projectRoot, 'infra/local/token-cli.ts'), '--role', 'admin'],
        { cwd: server.dir, env },
      );
      let stdout = '';
      let stderr = '';
      token.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      token.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((done) => token.once('close', done));

      // Assess: only the token on stdout, and the server takes it (once it is ready).
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
      const me = await pollUntil(
        async () => {
          const res = await fetch(`${server.info.url}/v1/me`, {
            headers: { authorization: `Bearer ${stdout.trim()}` },
          });
          return res.status === 503 ? undefined : res.status;
        },
        { timeoutMs: SLOW / 2, intervalMs: 500, what: 'the server to finish starting' },
      );
      expect(me).toBe(200);
    },
    SLOW,
  );
});
