/**
 * The signed-in person: an ID token (from the local issuer here, Cognito managed login in AWS) kept in
 * sessionStorage, so it lives as long as the tab and no longer. Every path to a token (local sign-in, the OIDC
 * callback, a silent renewal) ends in `signIn`; expiry, a refused token (401), a failed renewal and sign-out end in
 * `signOut` with the reason the "signed out" screen shows. The ID token, not the access token: the API's JWT
 * authorizer accepts either for the portal's client, but only the ID token carries the e-mail and
 * `custom:partner_id` the API's policy reads.
 */
import { useSyncExternalStore } from 'react';

export type Role = 'admin' | 'manager' | 'partner-admin' | 'partner-user';

export interface Session {
  token: string;
  role: Role;
  partnerId?: string;
  email: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export type SignedOutReason = 'expired' | 'signed-out' | 'rejected' | 'renewal-failed';
type State = { session: Session } | { signedOut: SignedOutReason | undefined };

const KEY = 'accord.session';
/** Why the tab is signed out, kept across a reload and the round trip through Cognito's logout page. */
const SIGNED_OUT_KEY = 'accord.signed-out';
const listeners = new Set<() => void>();
const signOutListeners = new Set<(reason: SignedOutReason) => void>();
let state: State = restore();
let expiryTimer: ReturnType<typeof setTimeout> | undefined;
scheduleExpiry();

/** Reads the claims the portal needs; the API verifies the signature, the browser only needs to know who and until when. */
export function sessionFromToken(token: string): Session {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
  const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as string[]) : [];
  const role = groups.find((g): g is Role => ['admin', 'manager', 'partner-admin', 'partner-user'].includes(g));
  if (!role || typeof claims.exp !== 'number') throw new Error('the token has no role or expiry');
  const partnerId = typeof claims['custom:partner_id'] === 'string' ? claims['custom:partner_id'] : undefined;
  return {
    token,
    role,
    ...(partnerId ? { partnerId } : {}),
    email: typeof claims.email === 'string' ? claims.email : String(claims.sub),
    expiresAt: claims.exp * 1000,
  };
}

export function signIn(token: string): Session {
  const session = sessionFromToken(token);
  sessionStorage.setItem(KEY, token);
  sessionStorage.removeItem(SIGNED_OUT_KEY);
  set({ session });
  return session;
}

export function signOut(reason: SignedOutReason): void {
  markSignedOut(reason);
  for (const listener of signOutListeners) listener(reason);
}

/** Shows the "signed out" screen without ending anything more (back from the identity provider's logout). */
export function markSignedOut(reason: SignedOutReason): void {
  sessionStorage.removeItem(KEY);
  sessionStorage.setItem(SIGNED_OUT_KEY, reason);
  set({ signedOut: reason });
}

/** The sign-in in use (Cognito) ends its own session too: forgets its tokens, or goes to its logout page. */
export function onSignOut(listener: (reason: SignedOutReason) => void): () => void {
  signOutListeners.add(listener);
  return () => signOutListeners.delete(listener);
}

/** From the "signed out" screen to the sign-in page. */
export function leaveSignedOut(): void {
  sessionStorage.removeItem(SIGNED_OUT_KEY);
  set({ signedOut: undefined });
}

export function currentSession(): Session | undefined {
  return 'session' in state ? state.session : undefined;
}

export function useSessionState(): State {
  return useSyncExternalStore(subscribe, () => state);
}

export const isVendor = (session: Session): boolean => session.role === 'admin' || session.role === 'manager';

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function set(next: State): void {
  state = next;
  scheduleExpiry();
  for (const listener of listeners) listener();
}

function restore(): State {
  const token = sessionStorage.getItem(KEY);
  if (!token) return { signedOut: signedOutReason(sessionStorage.getItem(SIGNED_OUT_KEY)) };
  try {
    const session = sessionFromToken(token);
    return session.expiresAt > Date.now() ? { session } : { signedOut: 'expired' };
  } catch {
    return { signedOut: undefined };
  }
}

/** A token that expires while the tab is open signs out at that moment, not at the next failed call. */
function scheduleExpiry(): void {
  clearTimeout(expiryTimer);
  if (!('session' in state)) return;
  // setTimeout's delay is a 32-bit integer: a longer wait would fire at once.
  const wait = Math.min(state.session.expiresAt - Date.now(), 2 ** 31 - 1);
  expiryTimer = setTimeout(
    () => {
      if ('session' in state && state.session.expiresAt <= Date.now()) signOut('expired');
      else scheduleExpiry();
    },
    Math.max(wait, 0),
  );
}

function signedOutReason(value: string | null): SignedOutReason | undefined {
  const reasons: SignedOutReason[] = ['expired', 'signed-out', 'rejected', 'renewal-failed'];
  return reasons.find((reason) => reason === value);
}
