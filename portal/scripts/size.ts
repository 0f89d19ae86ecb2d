/**
 * `npm run portal:size`: the JS + CSS a browser downloads for the first screens, gzipped, from the build's manifest
 * (portal/dist/.vite/manifest.json): the entry with its static imports, and the home screens loaded on demand.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

interface Chunk {
  file: string;
  name?: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

const dist = resolve(__dirname, '..', 'dist');

/** The files a chunk needs: itself, its static imports (transitively) and their stylesheets. */
function closure(manifest: Record<string, Chunk>, key: string, seen = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const css of chunk.css ?? []) seen.add(css);
  for (const imported of chunk.imports ?? []) closure(manifest, imported, seen);
  return seen;
}

export async function firstScreenSizes(): Promise<{ screen: string; files: number; gzipBytes: number }[]> {
  const manifest = JSON.parse(await readFile(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;
  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (!entry) throw new Error('the build has no entry chunk: run npm run portal:build');
  const screens: [string, string | undefined][] = [
    ['sign-in', undefined],
    ['dashboard (vendor)', 'src/features/dashboard/routes/DashboardPage.tsx'],
    ['partner overview (partner people)', 'src/features/partners/routes/PartnerOverviewPage.tsx'],
  ];
  const sizes = [];
  for (const [screen, lazy] of screens) {
    const files = closure(manifest, entry);
    if (lazy) closure(manifest, lazy, files);
    let gzipBytes = 0;
    for (const file of files) gzipBytes += gzipSync(await readFile(join(dist, file)), { level: 9 }).length;
    sizes.push({ screen, files: files.size, gzipBytes });
  }
  return sizes;
}

if (require.main === module) {
  void firstScreenSizes().then((sizes) => {
    for (const { screen, files, gzipBytes } of sizes)
      console.log(`${screen}: ${(gzipBytes / 1024).toFixed(1)} KB gzipped JS + CSS in ${files} files`);
  });
}
