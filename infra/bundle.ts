import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { functions } from '#functions/manifest';

export interface FunctionBundle {
  /** The manifest name of the function. */
  name: string;
  /** The directory handed to `lambda.Code.fromAsset`: index.mjs and its source map. */
  dir: string;
  file: string;
  bytes: number;
}

/** Manifest entries are relative to the project root, wherever the caller runs from. */
const projectRoot = resolve(__dirname, '..');
export const defaultBundleDir = join(projectRoot, 'dist', 'lambda');

/**
 * Bundles every manifest function with ONE esbuild call (about 1.4 s for all of them, where a NodejsFunction
 * costs about 0.6 s each) into `<outDir>/<name>/index.mjs`. The CDK stack and `npm run bench` use the same
 * bundles, so the bench measures what is deployed.
 *
 * The AWS SDK v3 is bundled, not left to the copy inside the Lambda runtime: tree-shaken and minified into one
 * file it loads faster on a cold start than the runtime's SDK, which is resolved from hundreds of CommonJS
 * files; and it pins the SDK to the lockfile, so the code tested locally is the code that runs in AWS.
 *
 * `outDir` is emptied first, so a function removed from the manifest leaves no stale bundle behind.
 */
export async function bundleFunctions(outDir: string = defaultBundleDir): Promise<FunctionBundle[]> {
  const fromOutDir = relative(resolve(outDir), projectRoot);
  if (!fromOutDir.startsWith('..') && !isAbsolute(fromOutDir)) {
    throw new Error(`refusing to empty ${outDir}: it contains the project`);
  }
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const result = await build({
    absWorkingDir: projectRoot,
    entryPoints: Object.fromEntries(functions.map((spec) => [`${spec.name}/index`, spec.entry])),
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    // ESM builds first: the SDK's and middy's ES modules tree-shake, their CommonJS builds do not.
    mainFields: ['module', 'main'],
    // Some dependencies are CommonJS and call require(); an ES module has no require unless we make one.
    banner: {
      js:
        "import { createRequire as __accordCreateRequire } from 'node:module';\n" +
        'const require = __accordCreateRequire(import.meta.url);',
    },
    minify: true,
    treeShaking: true,
    // Stack traces map back to TypeScript (NODE_OPTIONS=--enable-source-maps); the sources themselves are not
    // needed for that and would only make the map bigger to read on a cold start.
    sourcemap: true,
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
  });
  // The metafile is what esbuild's bundle analyzer reads: which package costs how many bytes.
  await writeFile(join(outDir, 'meta.json'), JSON.stringify(result.metafile));
  return Promise.all(
    functions.map(async (spec) => {
      const dir = join(outDir, spec.name);
      const file = join(dir, 'index.mjs');
      return { name: spec.name, dir, file, bytes: (await stat(file)).size };
    }),
  );
}
