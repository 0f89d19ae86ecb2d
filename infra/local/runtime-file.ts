import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '#infra/local/handlers';
import { writeFileAtomic } from '#infra/local/state-files';

/**
 * `<dataDir>/runtime.json` says "a server is running on this data dir, at this URL" while `npm start` runs.
 * `npm run job` reads it to talk to the server instead of opening the same database a second time.
 */

export interface RuntimeInfo {
  url: string;
  pid: number;
  tableName: string;
  dynamoEndpoint: string;
  startedAt: string;
}

export const defaultDataDir = (): string => process.env.ACCORD_DATA_DIR || join(projectRoot, '.accord');
const fileOf = (dataDir: string) => join(dataDir, 'runtime.json');

export async function writeRuntimeInfo(dataDir: string, info: RuntimeInfo): Promise<void> {
  await writeFileAtomic(fileOf(dataDir), JSON.stringify(info, null, 2) + '\n', 0o644);
}

export async function removeRuntimeInfo(dataDir: string): Promise<void> {
  await rm(fileOf(dataDir), { force: true });
}

/** The running server's info, or undefined when none (a file left by a crashed server does not count). */
export async function readRuntimeInfo(dataDir: string): Promise<RuntimeInfo | undefined> {
  let info: RuntimeInfo;
  try {
    info = JSON.parse(await readFile(fileOf(dataDir), 'utf8')) as RuntimeInfo;
  } catch {
    return undefined;
  }
  return isAlive(info.pid) ? info : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
