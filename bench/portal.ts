import { chromium } from 'playwright-core';
import { startLocalRuntime } from '#infra/local/runtime';
import { ensurePortalBuild } from '../portal/scripts/build';
import { firstScreenSizes, type ScreenSize } from '../portal/scripts/size';
import { percentile } from './requests';

/**
 * The portal's figures: the gzipped JS + CSS of each first screen (from the build's manifest, as
 * `npm run portal:size`), and the time to the first useful screen in Debian's Chromium on the seeded local runtime:
 * from navigation start of `/local/sign-in?...` (which takes a token from the local issuer) to the screen's level-1
 * heading with its first figure drawn from the API's data. Each run is a new browser context, so the HTTP cache is
 * empty; the figure is the median.
 */

export interface FirstScreenTime {
  screen: string;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function measurePortal(runs: number): Promise<{ sizes: ScreenSize[]; times: FirstScreenTime[] }> {
  await ensurePortalBuild();
  const sizes = await firstScreenSizes();
  const runtime = await startLocalRuntime({
    port: 0,
    tableName: 'accord-bench-portal',
    seed: true,
    schedules: false,
    quiet: true,
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const partner = runtime.seeded[0]!;
    const dashboard = (await (
      await fetch(`${runtime.url}/v1/dashboard`, {
        headers: { authorization: `Bearer ${runtime.mint({ role: 'manager' })}` },
      })
    ).json()) as { worst: { name: string }[] };
    // The first figure each screen shows from its API call: the dashboard's worst partner (or its heading alone
    // when no partner needs attention), the partner's own name as the overview's heading.
    const screens: { screen: string; path: string; heading: string; figure?: string }[] = [
      {
        screen: 'dashboard (manager)',
        path: '/local/sign-in?role=manager',
        heading: 'Program dashboard',
        ...(dashboard.worst[0] ? { figure: dashboard.worst[0].name } : {}),
      },
      {
        screen: 'partner home (partner admin)',
        path: `/local/sign-in?role=partner-admin&partnerId=${encodeURIComponent(partner.id)}`,
        heading: partner.name,
      },
    ];
    const times: FirstScreenTime[] = [];
    for (const { screen, path, heading, figure } of screens) {
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
        const page = await context.newPage();
        await page.goto(`${runtime.url}${path}`);
        // Checked in the page on every frame, so the time is when the frame showed it (not when a poll noticed).
        const shown = figure ? `document.body.innerText.includes(${JSON.stringify(figure)})` : 'true';
        const ms = await page.waitForFunction(
          `[...document.querySelectorAll('h1')].some((h) => h.textContent.trim() === ${JSON.stringify(heading)}) &&
            ${shown} && performance.now()`,
          undefined,
          { polling: 'raf', timeout: 60_000 },
        );
        samples.push((await ms.jsonValue()) as number);
        await context.close();
      }
      samples.sort((a, b) => a - b);
      times.push({
        screen,
        runs,
        medianMs: Math.round(percentile(samples, 0.5)),
        minMs: Math.round(samples[0]!),
        maxMs: Math.round(samples.at(-1)!),
      });
    }
    return { sizes, times };
  } finally {
    await browser.close();
    await runtime.stop();
  }
}
