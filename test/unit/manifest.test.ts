import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { functions, httpFunctions } from '#functions/manifest';
import { catalog } from '#functions/catalog';
import { routeKey } from '#shared/http/route';
import { allRoutes } from '#functions/platform/all-routes';
import { docsRoutes } from '#functions/platform/api-docs';
import { platformRoutes } from '#functions/platform/routes';
import { partnerRoutes } from '#functions/partners/routes';
import { agreementsApiRoutes } from '#functions/agreements/routes';
import { performanceApiRoutes } from '#functions/performance/api';
import { supplyRoutes } from '#functions/supply/routes';
import { collaborationApiRoutes } from '#functions/collaboration/api';

// unit: the manifest is the single list CDK and the local runtime deploy; it must match the code.
const routeTables: Record<string, string[]> = {
  'platform-api': platformRoutes.map(routeKey),
  'api-docs': docsRoutes.map(routeKey),
  'partners-api': partnerRoutes.map(routeKey),
  'agreements-api': agreementsApiRoutes.map(routeKey),
  'performance-api': performanceApiRoutes.map(routeKey),
  'supply-api': supplyRoutes.map(routeKey),
  'collaboration-api': collaborationApiRoutes.map(routeKey),
};

describe('function manifest', () => {
  it('has a source file exporting a handler for every function', async () => {
    for (const fn of functions) {
      expect(existsSync(join(__dirname, '..', '..', fn.entry))).toBe(true);
      const mod = (await import(join(__dirname, '..', '..', fn.entry))) as { handler?: unknown };
      expect(typeof mod.handler).toBe('function');
    }
  });

  it('lists exactly the routes each HTTP function handles, and no route twice', () => {
    for (const fn of httpFunctions()) {
      expect([...fn.routes].sort()).toEqual([...(routeTables[fn.name] ?? [])].sort());
    }
    const listed = httpFunctions().flatMap((f) => f.routes);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual([...allRoutes(), ...docsRoutes].map(routeKey).sort());
  });

  it('marks public exactly the routes that skip authentication', () => {
    const publicInCode = [...allRoutes(), ...docsRoutes]
      .filter((r) => r.access === 'public')
      .map(routeKey)
      .sort();
    const publicInManifest = httpFunctions()
      .flatMap((f) => f.publicRoutes ?? [])
      .sort();
    expect(publicInManifest).toEqual(publicInCode);
  });

  it('subscribes consumers only to events that exist in the catalog', () => {
    for (const fn of functions) {
      if (fn.trigger !== 'event') continue;
      for (const pattern of fn.events) {
        for (const detailType of pattern.detailTypes) {
          expect(catalog.some((e) => e.source === pattern.source && e.detailType === detailType)).toBe(true);
        }
      }
    }
  });

  it('uses unique, deployable function names', () => {
    const names = functions.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9-]{2,40}$/);
  });
});
