import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import {
  FLOW_TIMEOUT,
  SETUP_TIMEOUT,
  UI_TIMEOUT,
  screenshot,
  seriousViolations,
  startPortal,
  type PortalHarness,
} from '#test/helpers/browser';

// end-to-end: the portal's sign-in in AWS (config.json naming Cognito managed login), driven in a real browser
// against a stand-in OAuth server on loopback that behaves like Cognito's /oauth2/authorize, /oauth2/token and
// /logout. The ID tokens it hands out are the local issuer's, so the local API accepts them as API Gateway would
// accept Cognito's. What this does not prove: Cognito's own pages, its discovery document and keys, and the
// CloudFront headers (CSP) in front of the portal; test/infra/portal.test.ts checks the deployed settings.

const CLIENT_ID = 'accord-portal-test';

interface TokenGrant {
  idToken: string;
  /** Seconds; the portal renews 300 s before expiry, so 302 renews two seconds after the grant. */
  expiresIn: number;
}

/** A tiny OAuth 2.0 / OIDC server: what it was asked, and what it answers next. */
class FakeManagedLogin {
  readonly authorizeRequests: URLSearchParams[] = [];
  readonly tokenRequests: URLSearchParams[] = [];
  readonly logoutRequests: URLSearchParams[] = [];
  /** Answers of the token endpoint, in order: a grant, or 'refuse' (400 invalid_grant). */
  readonly answers: (TokenGrant | 'refuse')[] = [];
  /** The next authorize request is refused by the person (error=access_denied). */
  denyNext = false;
  url = '';
  /** Refresh requests wait for the test's go-ahead: renewal is timed by the portal, the steps by the test. */
  private refreshesAllowed = 0;
  private wake: (() => void) | undefined;
  private readonly challenges = new Map<string, string>();
  private server: Server | undefined;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, headers, body }) => {
        res.writeHead(status, { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', ...headers });
        res.end(body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  allowRefresh(): void {
    this.refreshesAllowed += 1;
    this.wake?.();
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(
    req: IncomingMessage,
  ): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const url = new URL(req.url ?? '/', this.url);
    const json = (status: number, body: unknown) => ({
      status,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const redirect = (to: string) => ({ status: 302, headers: { location: to }, body: '' });
    if (req.method === 'OPTIONS') return { status: 204, headers: { 'access-control-allow-methods': 'POST' }, body: '' };
    if (url.pathname === '/oauth2/authorize') {
      this.authorizeRequests.push(url.searchParams);
      const back = new URL(url.searchParams.get('redirect_uri')!);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      if (this.denyNext) {
        this.denyNext = false;
        back.searchParams.set('error', 'access_denied');
        back.searchParams.set('error_description', 'The person cancelled the sign-in');
        return redirect(back.href);
      }
      const code = `code-${this.authorizeRequests.length}`;
      this.challenges.set(code, url.searchParams.get('code_challenge') ?? '');
      back.searchParams.set('code', code);
      return redirect(back.href);
    }
    if (url.pathname === '/oauth2/token' && req.method === 'POST') {
      const form = new URLSearchParams(await text(req));
      this.tokenRequests.push(form);
      if (form.get('grant_type') === 'refresh_token') {
        while (this.refreshesAllowed === 0) await new Promise<void>((resolve) => (this.wake = resolve));
        this.refreshesAllowed -= 1;
      }
      const answer = this.answers.shift();
      if (!answer || answer === 'refuse') return json(400, { error: 'invalid_grant', error_description: 'revoked' });
      if (form.get('grant_type') === 'authorization_code') {
        // PKCE: the verifier the portal kept in the tab hashes to the challenge it sent to /oauth2/authorize.
        const verifier = form.get('code_verifier') ?? '';
        const expected = this.challenges.get(form.get('code') ?? '');
        if (createHash('sha256').update(verifier).digest('base64url') !== expected) {
          return json(400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
        }
      }
      return json(200, {
        id_token: answer.idToken,
        access_token: 'opaque-access-token',
        ...(form.get('grant_type') === 'authorization_code' ? { refresh_token: 'refresh-token-1' } : {}),
        token_type: 'Bearer',
        expires_in: answer.expiresIn,
      });
    }
    if (url.pathname === '/logout') {
      this.logoutRequests.push(url.searchParams);
      return redirect(url.searchParams.get('logout_uri')!);
    }
    return json(404, { error: 'not_found' });
  }
}

function text(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => resolve(body));
  });
}

let portal: PortalHarness;
const idp = new FakeManagedLogin();
beforeAll(async () => {
  portal = await startPortal();
  await idp.start();
}, SETUP_TIMEOUT);
afterAll(async () => {
  await idp.stop();
  await portal?.stop();
});

/** A tab of a portal whose deploy-time config.json names the stand-in managed login. */
async function awsPortal(): Promise<Page> {
  const page = await portal.newPage();
  await page.route('**/config.json', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        apiBase: '/v1',
        stage: 'test',
        region: 'eu-west-1',
        cognito: {
          domain: idp.url,
          authority: `${idp.url}/eu-west-1_test`,
          clientId: CLIENT_ID,
          redirectUri: `${portal.api.url}/`,
          logoutUri: `${portal.api.url}/`,
          scopes: 'openid email profile',
        },
      }),
    }),
  );
  return page;
}

/**
 * ID tokens of one sign-in (the same auth_time, as Cognito keeps it across refreshes, which oidc-client-ts checks),
 * told apart by their expiry.
 */
function tokensOfOneSignIn(ttls: number[]): string[] {
  const authTime = (token: string) =>
    (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { auth_time: number }).auth_time;
  for (;;) {
    const tokens = ttls.map((ttlSeconds) => portal.api.mint({ role: 'manager', ttlSeconds }));
    if (new Set(tokens.map(authTime)).size === 1) return tokens;
  }
}

const session = (page: Page) => page.evaluate<string | null>('sessionStorage.getItem("accord.session")');
const storageKeys = (page: Page, storage: 'localStorage' | 'sessionStorage') =>
  page.evaluate<string[]>(`Object.keys(${storage})`);

/** Polls a condition (jest has no expect.poll) until it holds, for as long as a step may take. */
async function eventually(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('sign-in in AWS (Cognito managed login, authorization code + PKCE)', () => {
  it(
    'signs in through managed login, renews with the refresh token, shows why when renewal fails, and signs out through Cognito',
    async () => {
      const [first, renewed] = tokensOfOneSignIn([600, 1200]);
      idp.answers.push({ idToken: first!, expiresIn: 302 }, { idToken: renewed!, expiresIn: 302 }, 'refuse');
      const page = await awsPortal();
      const bearer: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/v1/')) bearer.push(request.headers().authorization ?? '');
      });

      // A deep link opened while signed out goes to managed login and comes back to the same address.
      await page.goto(`${portal.api.url}/partners?status=active`);
      await page.getByRole('button', { name: /manager@accord\.local/ }).waitFor();
      expect(page.url()).toBe(`${portal.api.url}/partners?status=active`);

      const [authorize] = idp.authorizeRequests;
      expect(Object.fromEntries(authorize!)).toMatchObject({
        response_type: 'code',
        client_id: CLIENT_ID,
        redirect_uri: `${portal.api.url}/`,
        scope: 'openid email profile',
        code_challenge_method: 'S256',
      });
      expect(authorize!.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const [exchange] = idp.tokenRequests;
      expect(Object.fromEntries(exchange!)).toMatchObject({
        grant_type: 'authorization_code',
        code: 'code-1',
        client_id: CLIENT_ID,
        redirect_uri: `${portal.api.url}/`,
      });
      // The API gets the ID token (it carries the role and partner the API's policy reads).
      expect(await session(page)).toBe(first);
      await eventually('the API is called with the ID token', () => bearer.includes(`Bearer ${first!}`));
      // Nothing of the sign-in outlives the tab: no token or PKCE verifier in localStorage.
      expect(await storageKeys(page, 'localStorage')).toEqual([]);

      // Before the tokens expire, the refresh token renews them without leaving the screen.
      idp.allowRefresh();
      await eventually('the renewed ID token is the session', async () => (await session(page)) === renewed);
      expect(Object.fromEntries(idp.tokenRequests[1]!)).toMatchObject({
        grant_type: 'refresh_token',
        refresh_token: 'refresh-token-1',
        client_id: CLIENT_ID,
      });
      await page.getByRole('button', { name: /manager@accord\.local/ }).waitFor();

      // The next renewal is refused: the "signed out" screen says why, and the tokens are gone.
      idp.allowRefresh();
      await page.getByRole('heading', { name: 'You are signed out', level: 1 }).waitFor();
      await page.getByText('Your session could not be renewed').waitFor();
      expect(await session(page)).toBeNull();
      expect((await storageKeys(page, 'sessionStorage')).filter((key) => key.startsWith('oidc.user'))).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'sign-in-renewal-failed');

      // Signing in again goes back through managed login; sign-out ends the managed login session too.
      const [again] = tokensOfOneSignIn([3600]);
      idp.answers.push({ idToken: again!, expiresIn: 3600 });
      await page.getByRole('button', { name: 'Sign in again' }).click();
      await page.getByRole('button', { name: /manager@accord\.local/ }).click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'You are signed out', level: 1 }).waitFor();
      await page.getByText('You signed out.').waitFor();
      expect(idp.authorizeRequests).toHaveLength(2);
      expect(Object.fromEntries(idp.logoutRequests[0]!)).toEqual({
        client_id: CLIENT_ID,
        logout_uri: `${portal.api.url}/`,
      });
      expect(await session(page)).toBeNull();
      await screenshot(page, 'sign-in-signed-out-of-managed-login');
      await page.context().close();
    },
    FLOW_TIMEOUT,
  );

  it(
    'a sign-in refused at managed login shows its reason and waits for the person to try again',
    async () => {
      const before = idp.authorizeRequests.length;
      idp.denyNext = true;
      const page = await awsPortal();

      await page.goto(`${portal.api.url}/`);
      await page.getByRole('heading', { name: 'Sign in to Accord', level: 1 }).waitFor();
      await page.getByText('Sign-in did not complete').waitFor();
      await page.getByText('The person cancelled the sign-in').waitFor();
      // No loop back to managed login: the code and error are gone from the address, and one request was made.
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(page.url()).toBe(`${portal.api.url}/`);
      expect(idp.authorizeRequests.length - before).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'sign-in-managed-login-refused');

      // Trying again, with the keyboard alone, completes the sign-in.
      const [token] = tokensOfOneSignIn([3600]);
      idp.answers.push({ idToken: token!, expiresIn: 3600 });
      await page.getByRole('button', { name: 'Sign in' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Program dashboard', level: 1 }).waitFor();
      await page.context().close();
    },
    FLOW_TIMEOUT,
  );

  it(
    'the local runtime keeps its own sign-in page: its config.json says local',
    async () => {
      const page = await portal.newPage();
      const config = await page.request.get(`${portal.api.url}/config.json`);
      expect(await config.json()).toEqual({ signIn: 'local' });

      await page.goto(`${portal.api.url}/`);
      await page.getByRole('heading', { name: 'Sign in to Accord', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Sign in as Channel manager' }).waitFor();
      await page.context().close();
    },
    FLOW_TIMEOUT,
  );
});
