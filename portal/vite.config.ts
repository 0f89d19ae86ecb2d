import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The portal is served from the API's own origin (the local gateway, CloudFront in AWS), so it calls `/v1` with no
 * CORS. `npm run portal:dev` proxies the API and the local endpoints to a running `npm start`.
 */
const api = process.env.ACCORD_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/v1': api, '/local/token': api } },
});
