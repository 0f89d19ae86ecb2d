/**
 * Sign-in through Cognito managed login with oidc-client-ts: authorization code + PKCE (the app client has no
 * secret), tokens in sessionStorage, renewal with the refresh token before the tokens expire. Every token it gets
 * goes to the session's `signIn`; when the session ends for any reason the tokens are forgotten, and a person's own
 * sign-out also ends the managed login session (Cognito's logout page, which returns to the portal).
 */
import { ErrorResponse, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { CognitoSettings } from '../../lib/config';
import { currentSession, onSignOut, signIn, signOut, type SignedOutReason } from '../../lib/session';
import { messages } from '../../messages';
import type { SignInProblem } from './start';

/** Cognito's tokens last an hour: renew five minutes before, so one failed attempt can be retried in time. */
const RENEW_BEFORE_SECONDS = 300;
/** After a network failure (not a refusal), try renewing again this often while the session lasts. */
const RETRY_SECONDS = 30;

let manager: UserManager | undefined;
let settings: CognitoSettings | undefined;

export async function startCognito(cognito: CognitoSettings): Promise<SignInProblem | undefined> {
  settings = cognito;
  const store = new WebStorageStateStore({ store: window.sessionStorage });
  const users = new UserManager({
    authority: cognito.authority,
    // Cognito's OAuth endpoints are on the managed login domain; naming them saves the discovery round trip.
    metadata: {
      issuer: cognito.authority,
      authorization_endpoint: `${cognito.domain}/oauth2/authorize`,
      token_endpoint: `${cognito.domain}/oauth2/token`,
      revocation_endpoint: `${cognito.domain}/oauth2/revoke`,
    },
    client_id: cognito.clientId,
    redirect_uri: cognito.redirectUri,
    post_logout_redirect_uri: cognito.logoutUri,
    response_type: 'code',
    scope: cognito.scopes,
    // The tab's lifetime, like the session: the PKCE verifier survives the round trip, nothing outlives the tab.
    userStore: store,
    stateStore: store,
    automaticSilentRenew: true,
    accessTokenExpiringNotificationTimeInSeconds: RENEW_BEFORE_SECONDS,
    loadUserInfo: false,
    monitorSession: false,
  });
  manager = users;
  users.events.addUserLoaded(takeTokens);
  users.events.addSilentRenewError(renewalFailed);
  onSignOut((reason) => void end(reason));

  if (isCallback(cognito)) return finishSignIn(users);
  const user = await users.getUser();
  if (!user?.id_token) return undefined;
  if (currentSession()?.token === user.id_token) return undefined;
  // The ID token expired while the tab was away (or the session lost it): one renewal with the refresh token.
  try {
    takeTokens(await users.signinSilent());
  } catch {
    signOut('renewal-failed');
  }
  return undefined;
}

/** To managed login; back at `returnTo` once signed in. */
export async function redirectToSignIn(returnTo: string): Promise<void> {
  if (!manager) throw new Error('Cognito sign-in is not configured');
  await manager.signinRedirect({ state: { returnTo } });
}

function takeTokens(user: User | null): void {
  if (user?.id_token) signIn(user.id_token);
}

function renewalFailed(error: Error): void {
  const session = currentSession();
  // The sign-in service refused (the refresh token was revoked or expired): that is final.
  if (error instanceof ErrorResponse || !session) {
    signOut('renewal-failed');
    return;
  }
  // A network failure: try again while the session lasts; the session's own timer signs out at expiry.
  if (session.expiresAt - Date.now() > RETRY_SECONDS * 1000) {
    setTimeout(() => {
      if (currentSession() === session) manager?.signinSilent().then(takeTokens, renewalFailed);
    }, RETRY_SECONDS * 1000);
  } else signOut('renewal-failed');
}

async function end(reason: SignedOutReason): Promise<void> {
  await manager?.removeUser();
  if (reason !== 'signed-out' || !settings) return;
  // Cognito's logout ends the managed login session too; it returns to the portal, which shows "signed out".
  const logout = new URL(`${settings.domain}/logout`);
  logout.searchParams.set('client_id', settings.clientId);
  logout.searchParams.set('logout_uri', settings.logoutUri);
  window.location.assign(logout.href);
}

function isCallback(cognito: CognitoSettings): boolean {
  const params = new URLSearchParams(window.location.search);
  return (
    window.location.pathname === new URL(cognito.redirectUri).pathname &&
    params.has('state') &&
    (params.has('code') || params.has('error'))
  );
}

/** Exchanges the code (with the PKCE verifier kept in the tab) and opens the screen the person asked for. */
async function finishSignIn(users: UserManager): Promise<SignInProblem | undefined> {
  try {
    const user = await users.signinCallback();
    const returnTo = (user?.state as { returnTo?: unknown } | undefined)?.returnTo;
    window.history.replaceState(null, '', ownPath(returnTo));
    takeTokens(user ?? null);
    return undefined;
  } catch (error) {
    window.history.replaceState(null, '', '/');
    // A reload of an address already used: the session it opened is still there.
    if (currentSession()) return undefined;
    const detail =
      error instanceof ErrorResponse
        ? (error.error_description ?? error.error ?? error.message)
        : error instanceof Error
          ? error.message
          : String(error);
    return { title: messages.auth.callbackFailed, detail: messages.auth.signInProblem(detail) };
  }
}

/** Only a path of this site: a state that says `//elsewhere` or `https://…` must not send the person away. */
function ownPath(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}
