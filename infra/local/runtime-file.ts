import { readdirSync, rmSync, rmdirSync } from 'node:fs';
import { readdir, readFile, rm, rmdir } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { projectRoot } from '#infra/local/handlers';
import { writeFileAtomic } from '#infra/local/state-files';

/**
 * How `npm run job` and `npm run token` find the running server, from any working directory.
 *
 * While `npm start` runs, it says so twice: `<dataDir>/runtime.json` ("a server runs on this data dir, at this
 * URL") and an entry in a per-user registry, `<os tmpdir>/accord-<uid>/servers/<pid>.json`, so that a command run
 * without ACCORD_DATA_DIR also finds a server started with another data dir. Entries of dead processes (a server
 * killed with SIGKILL) are ignored and removed.
 */

export interface RuntimeInfo {
  url: string;
  pid: number;
  dataDir: string;
  tableName: string;
  dynamoEndpoint: string;
  /** The DynamoDB Local JVM the server started. */
  dynamoPid?: number;
  startedAt: string;
}

/** The data dir `npm start` uses: ACCORD_DATA_DIR (relative to the working directory) or `<project>/.accord`. */
export const defaultDataDir = (): string => resolve(process.env.ACCORD_DATA_DIR || join(projectRoot, '.accord'));
export const runtimeFileOf = (dataDir: string): string => join(dataDir, 'runtime.json');
export const registryDir = (): string =>
  join(tmpdir(), `accord-${process.getuid?.() ?? userInfo().username}`, 'servers');
const registryFileOf = (pid: number) => join(registryDir(), `${pid}.json`);

export async function writeRuntimeInfo(info: RuntimeInfo): Promise<void> {
  const text = JSON.stringify(info, null, 2) + '\n';
  await writeFileAtomic(runtimeFileOf(info.dataDir), text, 0o644);
  await writeFileAtomic(registryFileOf(info.pid), text, 0o644);
}

export async function removeRuntimeInfo(info: Pick<RuntimeInfo, 'dataDir' | 'pid'>): Promise<void> {
  await rm(runtimeFileOf(info.dataDir), { force: true });
  await rm(registryFileOf(info.pid), { force: true });
  // The registry leaves nothing in the temp dir once the last server has stopped.
  await rmdir(registryDir()).catch(() => undefined);
  await rmdir(dirname(registryDir())).catch(() => undefined);
}

/** For `process.on('exit')`, where only synchronous work runs. */
export function removeRuntimeInfoSync(info: Pick<RuntimeInfo, 'dataDir' | 'pid'>): void {
  rmSync(runtimeFileOf(info.dataDir), { force: true });
  rmSync(registryFileOf(info.pid), { force: true });
  try {
    if (readdirSync(registryDir()).length === 0) rmdirSync(registryDir());
    rmdirSync(dirname(registryDir()));
  } catch {
    // not empty, or already gone
  }
}

/** The server running on `dataDir`, or undefined when none (a file left by a killed server does not count). */
export async function readRuntimeInfo(dataDir: string): Promise<RuntimeInfo | undefined> {
  const info = await readInfo(runtimeFileOf(dataDir));
  return info && isAlive(info.pid) ? { ...info, dataDir: info.dataDir ?? dataDir } : undefined;
}

/** Every server in the registry whose process is alive; entries of dead ones are removed. */
export async function registeredServers(registry = registryDir()): Promise<RuntimeInfo[]> {
  const names = await readdir(registry).catch(() => [] as string[]);
  const servers: RuntimeInfo[] = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const file = join(registry, name);
    const info = await readInfo(file);
    if (info && isAlive(info.pid)) servers.push(info);
    else await rm(file, { force: true });
  }
  return servers.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

export class NoServerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoServerError';
  }
}

/**
 * The server a command should talk to: the one on ACCORD_DATA_DIR when it is set; otherwise the one on the
 * default data dir, or else the only one running. Fails, saying where it looked, when there is none, and lists
 * the candidates when there are several.
 */
export async function findServer(
  where: { env?: NodeJS.ProcessEnv; projectDataDir?: string; registry?: string } = {},
): Promise<RuntimeInfo> {
  const env = where.env ?? process.env;
  const dataDir = resolve(env.ACCORD_DATA_DIR || where.projectDataDir || join(projectRoot, '.accord'));
  const here = await readRuntimeInfo(dataDir);
  if (here) return here;
  const running = await registeredServers(where.registry);
  const described = running
    .map((s) => `  ${s.url}  data dir ${s.dataDir}  (pid ${s.pid}, since ${s.startedAt})`)
    .join('\n');
  if (env.ACCORD_DATA_DIR) {
    throw new NoServerError(
      `No Accord server is running on the data dir ${dataDir} (looked in ${runtimeFileOf(dataDir)}). ` +
        `Start one with \`ACCORD_DATA_DIR=${env.ACCORD_DATA_DIR} npm start\`` +
        (running.length ? `, or unset ACCORD_DATA_DIR to use one of those running:\n${described}` : '.'),
    );
  }
  if (running.length === 1) return running[0]!;
  if (running.length > 1) {
    throw new NoServerError(
      `Several Accord servers are running; set ACCORD_DATA_DIR to the data dir of the one you mean:\n${described}`,
    );
  }
  throw new NoServerError(
    `No Accord server is running (looked in ${runtimeFileOf(dataDir)} and ${where.registry ?? registryDir()}). ` +
      `Start one with \`npm start\` in ${projectRoot}, then run this again.`,
  );
}

async function readInfo(file: string): Promise<RuntimeInfo | undefined> {
  try {
    const info = JSON.parse(await readFile(file, 'utf8')) as RuntimeInfo;
    return typeof info.pid === 'number' && typeof info.url === 'string' ? info : undefined;
  } catch {
    return undefined;
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
