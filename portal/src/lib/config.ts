/**
 * The portal's run-time settings, read once at start from `/config.json`: written at deploy time by
 * infra/constructs/portal.ts (API base, Cognito managed login, region, stage), never baked into the build. The
 * build ships a `config.json` that says local (the deploy writes the real one over it); a missing file, or one
 * served as something other than JSON (a dev server's index.html), means local too.
 */

export interface CognitoSettings {
  /** The managed login host, `https://<prefix>.auth.<region>.amazoncognito.com`. */
  domain: string;
  /** The user pool's OIDC issuer. */
  authority: string;
  clientId: string;
  /** Where managed login returns after sign-in; the portal handles the code there. */
  redirectUri: string;
  /** Where managed login returns after sign-out. */
  logoutUri: string;
  scopes: string;
}

export type PortalConfig =
  { signIn: 'local' } | { signIn: 'cognito'; apiBase: string; stage: string; region: string; cognito: CognitoSettings };

const LOCAL: PortalConfig = { signIn: 'local' };
let current: PortalConfig = LOCAL;

/** The settings read by `loadPortalConfig` (local until then). */
export function portalConfig(): PortalConfig {
  return current;
}

export async function loadPortalConfig(): Promise<PortalConfig> {
  const response = await fetch('/config.json');
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  current = response.ok && isJson ? parsePortalConfig(await response.json()) : LOCAL;
  return current;
}

/**
 * The deploy's settings as the portal uses them. A file without Cognito settings (or with `"signIn": "local"`) is
 * local; one that names Cognito but misses a field is a broken deployment, and says which field.
 */
export function parsePortalConfig(body: unknown): PortalConfig {
  const file = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (file.signIn === 'local' || file.cognito === undefined) return LOCAL;
  const cognito = (typeof file.cognito === 'object' && file.cognito !== null ? file.cognito : {}) as Record<
    string,
    unknown
  >;
  const text = (value: unknown, field: string): string => {
    if (typeof value !== 'string' || value === '') throw new Error(`config.json: ${field} is missing`);
    return value;
  };
  const url = (value: unknown, field: string): string => {
    const href = text(value, field);
    // Kept as written: Cognito compares the redirect and logout URIs with its list character by character.
    try {
      new URL(href);
      return href;
    } catch {
      throw new Error(`config.json: ${field} is not a URL`);
    }
  };
  return {
    signIn: 'cognito',
    apiBase: typeof file.apiBase === 'string' ? file.apiBase : '/v1',
    stage: text(file.stage, 'stage'),
    region: text(file.region, 'region'),
    cognito: {
      domain: url(cognito.domain, 'cognito.domain').replace(/\/$/, ''),
      authority: url(cognito.authority, 'cognito.authority').replace(/\/$/, ''),
      clientId: text(cognito.clientId, 'cognito.clientId'),
      redirectUri: url(cognito.redirectUri, 'cognito.redirectUri'),
      logoutUri: url(cognito.logoutUri, 'cognito.logoutUri'),
      scopes: typeof cognito.scopes === 'string' && cognito.scopes ? cognito.scopes : 'openid email profile',
    },
  };
}
