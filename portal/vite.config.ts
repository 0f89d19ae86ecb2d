import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { defineConfig, type Plugin, type PluginOption } from 'vite';
import react from '@vitejs/plugin-react';
import { visualizer } from 'rollup-plugin-visualizer';

/**
 * The portal is served from the API's own origin (the local gateway, CloudFront in AWS), so it calls `/v1` with no
 * CORS. `npm run portal:dev` proxies the API and the local endpoints to a running `npm start`.
 */
const api = process.env.ACCORD_URL ?? 'http://127.0.0.1:3000';

/**
 * Cloudscape's global styles inline their Open Sans fonts as base64 (140 KB gzipped of a 225 KB stylesheet). As
 * files, the browser fetches only the weights a screen uses, after the first paint, and the stylesheet stays small.
 */
function fontsAsFiles(): Plugin {
  const dir = join(import.meta.dirname, '..', 'node_modules', '.cache', 'portal-fonts');
  return {
    name: 'accord-fonts-as-files',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('.css') || !code.includes('data:font/woff2;base64,')) return undefined;
      mkdirSync(dir, { recursive: true });
      return code.replace(/url\((['"]?)data:font\/woff2;base64,([A-Za-z0-9+/=]+)\1\)/g, (_, _quote, data: string) => {
        const bytes = Buffer.from(data, 'base64');
        const file = join(dir, `open-sans-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}.woff2`);
        writeFileSync(file, bytes);
        return `url('${relative(dirname(id), file)}')`;
      });
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [
    fontsAsFiles(),
    react(),
    // PORTAL_STATS=<file.json> npm run portal:build: which modules each chunk holds, gzipped (what to cut).
    ...(process.env.PORTAL_STATS
      ? [visualizer({ filename: process.env.PORTAL_STATS, template: 'raw-data', gzipSize: true }) as PluginOption]
      : []),
  ],
  // The manifest lets `npm run portal:size` tell the first screen's files from the lazily loaded ones.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, manifest: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/v1': api, '/local/token': api } },
});
