/**
 * `npm run portal:size`: the JS + CSS a browser downloads for the first screens, gzipped, from the build's manifest
 * (portal/dist/.vite/manifest.json): the entry with its static imports, and the lazily loaded chunks each first screen
 * renders (with their static imports). Chunks a screen loads later (a chart's data, a dialog) are not counted.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

interface Chunk {
  file: string;
  name?: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

const defaultDist = resolve(__dirname, '..', 'dist');

/** The files a chunk needs: itself, its static imports (transitively) and their stylesheets. */
function closure(manifest: Record<string, Chunk>, key: string, seen = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const css of chunk.css ?? []) seen.add(css);
  for (const imported of chunk.imports ?? []) closure(manifest, imported, seen);
  return seen;
}

/** What each first screen loads besides the entry: the lazily imported modules it renders (manifest keys). */
const screens: [string, string[]][] = [
  ['sign-in (local)', ['src/features/auth/components/LocalSignIn.tsx']],
  [
    'sign-in (AWS, to managed login)',
    ['src/features/auth/cognito.ts', 'src/features/auth/components/ManagedSignIn.tsx'],
  ],
  [
    'dashboard (vendor)',
    ['src/features/shell/components/Shell.tsx', 'src/features/dashboard/routes/DashboardPage.tsx'],
  ],
  [
    'partner home (partner people)',
    ['src/features/shell/components/Shell.tsx', 'src/features/partners/routes/PartnerPage.tsx'],
  ],
];

export interface ScreenSize {
  screen: string;
  files: number;
  /** JavaScript and CSS, each file gzipped at level 9 (what CloudFront and the local runtime send). */
  gzipBytes: number;
  jsGzipBytes: number;
  cssGzipBytes: number;
  /** The same files with Brotli (quality 11), which CloudFront sends to browsers that accept it. */
  brotliBytes: number;
}

/** The gzipped JS + CSS of each first screen, from the build in `dist` (portal/dist unless told). */
export async function firstScreenSizes(dist = defaultDist): Promise<ScreenSize[]> {
  const manifest = JSON.parse(await readFile(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;
  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (!entry) throw new Error('the build has no entry chunk: run npm run portal:build');
  const sizes: ScreenSize[] = [];
  for (const [screen, lazy] of screens) {
    const missing = lazy.filter((key) => !manifest[key]);
    if (missing.length > 0) {
      throw new Error(
        `the build has no chunk for ${missing.join(', ')}: a screen moved, update portal/scripts/size.ts`,
      );
    }
    const files = closure(manifest, entry);
    for (const key of lazy) closure(manifest, key, files);
    let jsGzipBytes = 0;
    let cssGzipBytes = 0;
    let brotliBytes = 0;
    for (const file of files) {
      const content = await readFile(join(dist, file));
      brotliBytes += brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
      const bytes = gzipSync(content, { level: 9 }).length;
      if (file.endsWith('.css')) cssGzipBytes += bytes;
      else jsGzipBytes += bytes;
    }
    sizes.push({
      screen,
      files: files.size,
      gzipBytes: jsGzipBytes + cssGzipBytes,
      jsGzipBytes,
      cssGzipBytes,
      brotliBytes,
    });
  }
  return sizes;
}

if (require.main === module) {
  // PORTAL_DIST measures another build (an experiment built with --outDir) without touching portal/dist.
  void firstScreenSizes(process.env.PORTAL_DIST ? resolve(process.env.PORTAL_DIST) : defaultDist).then((sizes) => {
    for (const { screen, files, gzipBytes, jsGzipBytes, cssGzipBytes, brotliBytes } of sizes) {
      const kb = (bytes: number) => (bytes / 1024).toFixed(1);
      console.log(
        `${screen}: ${kb(gzipBytes)} KB gzipped (JS ${kb(jsGzipBytes)} + CSS ${kb(cssGzipBytes)}) in ${files} files; ` +
          `${kb(brotliBytes)} KB with Brotli`,
      );
    }
  });
}
