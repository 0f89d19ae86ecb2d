import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findServer, runtimeFileOf, type RuntimeInfo } from '#infra/local/runtime-file';
import { writeFileAtomic } from '#infra/local/state-files';

// unit: how `npm run job` and `npm run token` find the running server (runtime file and per-user registry),
// with servers played by registry entries: this process (alive) and a process that has exited (dead).

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'accord-lookup-test-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A pid that no process has any more. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid;

const server = (name: string, pid: number): RuntimeInfo => ({
  url: `http://127.0.0.1:1/${name}`,
  pid,
  dataDir: join(root, name),
  tableName: 'accord-local',
  dynamoEndpoint: 'http://127.0.0.1:2',
  startedAt: new Date().toISOString(),
});

async function register(info: RuntimeInfo): Promise<void> {
  await writeFileAtomic(join(root, 'registry', `${info.pid}-${info.url.split('/').pop()}.json`), JSON.stringify(info));
}

const where = (env: NodeJS.ProcessEnv = {}) => ({
  env,
  projectDataDir: join(root, 'project', '.accord'),
  registry: join(root, 'registry'),
});

describe('finding the running server', () => {
  it('says where it looked when no server runs, ignoring entries of dead processes', async () => {
    await register(server('killed', deadPid()));
    await expect(findServer(where())).rejects.toThrow(
      /^No Accord server is running \(looked in .*runtime\.json and .*registry\)\. Start one with `npm start`/,
    );
  });

  it('finds the only server running with another data dir when ACCORD_DATA_DIR is not set', async () => {
    await register(server('elsewhere', process.pid));
    await register(server('killed', deadPid()));
    await expect(findServer(where())).resolves.toMatchObject({ url: 'http://127.0.0.1:1/elsewhere' });
  });

  it('lists the candidates instead of guessing when several run', async () => {
    await register(server('one', process.pid));
    await register(server('two', process.pid));
    await expect(findServer(where())).rejects.toThrow(/Several Accord servers are running.*\n.*\/one .*\n.*\/two /);
  });

  it('prefers the server on the data dir named by ACCORD_DATA_DIR, and refuses another one in its place', async () => {
    const named = server('named', process.pid);
    await writeFileAtomic(runtimeFileOf(named.dataDir), JSON.stringify(named));
    await register(server('elsewhere', process.pid));
    await expect(findServer(where({ ACCORD_DATA_DIR: named.dataDir }))).resolves.toMatchObject({ url: named.url });
    await expect(findServer(where({ ACCORD_DATA_DIR: join(root, 'nothing-here') }))).rejects.toThrow(
      /No Accord server is running on the data dir .*nothing-here.*unset ACCORD_DATA_DIR to use one of those running:\n.*\/elsewhere/,
    );
  });
});
