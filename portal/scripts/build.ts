/**
 * Builds the portal (vite build to portal/dist) when the build is missing or older than any of its sources, so
 * `npm start` serves the current portal without rebuilding it on every start.
 */
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { join, resolve } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const portalDir = resolve(__dirname, '..');
const builtIndex = join(portalDir, 'dist', 'index.html');
const sources = ['src', 'index.html', 'vite.config.ts', 'tsconfig.json'].map((p) => join(portalDir, p));

/** The newest modification time among the files under `path` (a file or a folder). */
async function newest(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newest(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

export async function portalBuildIsStale(): Promise<boolean> {
  const built = await stat(builtIndex).catch(() => undefined);
  if (!built) return true;
  const times = await Promise.all(sources.map(newest));
  return Math.max(...times) > built.mtimeMs;
}

/**
 * Builds when stale; answers whether it built. Vite's own CLI, in a process of its own: Vite is ESM, and its API
 * loaded from this CommonJS script would be a second copy next to the one the config imports. One build at a
 * time (a lock directory): jest's workers may ask at once, and two builds would empty each other's portal/dist.
 */
export async function ensurePortalBuild(): Promise<boolean> {
  if (!(await portalBuildIsStale())) return false;
  const release = await lock(join(portalDir, '..', 'node_modules', '.cache', 'portal-build.lock'));
  try {
    // Whoever held the lock may have just built it.
    if (!(await portalBuildIsStale())) return false;
    const vite = join(portalDir, '..', 'node_modules', '.bin', 'vite');
    const { stdout } = await promisify(execFile)(vite, ['build', portalDir, '--logLevel', 'warn'], {
      cwd: join(portalDir, '..'),
      // Under jest NODE_ENV is "test", and Vite would bundle React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
      maxBuffer: 16 * 1024 * 1024,
    });
    process.stdout.write(stdout);
    return true;
  } finally {
    await release();
  }
}

/** mkdir is atomic: the one that creates the directory holds the lock. A lock older than 5 minutes was abandoned. */
async function lock(dir: string): Promise<() => Promise<void>> {
  await mkdir(join(dir, '..'), { recursive: true });
  for (;;) {
    try {
      await mkdir(dir);
      return () => rm(dir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = await stat(dir).catch(() => undefined);
      if (held && Date.now() - held.mtimeMs > 5 * 60_000) await rm(dir, { recursive: true, force: true });
      else await sleep(250);
    }
  }
}
