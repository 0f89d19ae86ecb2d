import { createHash, createPrivateKey, generateKeyPairSync, sign, type JsonWebKey as NodeJwk } from 'node:crypto';
import { join } from 'node:path';
import { importJWK, jwtVerify, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { isRole, partnerRoles, roles, type Role } from '#shared/auth/roles';
import { readOrCreate } from '#infra/local/state-files';

/**
 * The local stand-in for the Cognito user pool: signs ID tokens (ES256) whose claims look like Cognito's,
 * and verifies them the way the HTTP API's JWT authorizer does (signature, issuer, audience, expiry).
 * The key pair lives in the data dir when there is one, so tokens survive restarts and `npm run token`
 * signs tokens the running server accepts; without a data dir it is ephemeral.
 * Minting is synchronous (node:crypto signs, tests write `token: api.token('admin')` inline); verifying
 * goes through jose, an independent JWT implementation, so a malformed token cannot pass by agreement.
 */

export const LOCAL_ISSUER = 'accord-local';
export const LOCAL_AUDIENCE = 'accord-local';
export type { Role };
const KEY_FILE = 'issuer-key.json';
/** Long enough for a working day with the tokens `npm start` prints. */
const DEFAULT_TTL_SECONDS = 12 * 3600;

export interface MintInput {
  role: string;
  partnerId?: string;
  sub?: string;
  email?: string;
  ttlSeconds?: number;
}

/** What a Cognito ID token carries (the subset Accord reads, plus the standard fields). */
export interface IdTokenClaims extends JWTPayload {
  sub: string;
  email: string;
  email_verified: boolean;
  'cognito:username': string;
  'cognito:groups': string[];
  'custom:partner_id'?: string;
  token_use: 'id';
  auth_time: number;
  iss: string;
  aud: string;
  iat: number;
  exp: number;
}

export interface LocalIssuer {
  issuer: string;
  audience: string;
  mint(input: MintInput): string;
  /** Mint and also return the claims (GET /local/token shows both). */
  mintWithClaims(input: MintInput): { token: string; claims: IdTokenClaims };
  /** Claims of a valid token; throws on a bad signature, issuer, audience or an expired token. */
  verify(token: string): Promise<IdTokenClaims>;
  /** The public key set, as a JWKS endpoint would serve it. */
  jwks(): { keys: JWK[] };
}

/** A token request that cannot be honoured (unknown role, partner role without a partner). */
export class TokenRequestError extends Error {
  readonly status = 400;
  constructor(message: string) {
    super(message);
    this.name = 'TokenRequestError';
  }
}

export async function createLocalIssuer(options: { dataDir?: string } = {}): Promise<LocalIssuer> {
  const privateJwk = JSON.parse(
    options.dataDir ? await readOrCreate(join(options.dataDir, KEY_FILE), newPrivateJwk) : newPrivateJwk(),
  ) as JWK;
  const { d: _secret, ...publicJwk } = privateJwk;
  const privateKey = createPrivateKey({ key: privateJwk as NodeJwk, format: 'jwk' });
  const publicKey = (await importJWK(publicJwk, 'ES256')) as CryptoKey;
  const kid = privateJwk.kid ?? 'local';

  function mintWithClaims(input: MintInput): { token: string; claims: IdTokenClaims } {
    const claims = buildClaims(input);
    const header = { alg: 'ES256', kid, typ: 'JWT' };
    const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    // JWS wants the raw r||s signature (IEEE P1363), not DER.
    const signature = sign('sha256', Buffer.from(signingInput), { key: privateKey, dsaEncoding: 'ieee-p1363' });
    return { token: `${signingInput}.${signature.toString('base64url')}`, claims };
  }

  return {
    issuer: LOCAL_ISSUER,
    audience: LOCAL_AUDIENCE,
    mintWithClaims,
    mint: (input) => mintWithClaims(input).token,
    async verify(token) {
      const { payload } = await jwtVerify(token, publicKey, {
        issuer: LOCAL_ISSUER,
        audience: LOCAL_AUDIENCE,
        algorithms: ['ES256'],
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      return payload as IdTokenClaims;
    },
    jwks: () => ({ keys: [{ ...publicJwk, alg: 'ES256', use: 'sig', kid }] }),
  };
}

/**
 * Validates a token request and builds Cognito-like claims. Token times use the real clock, not the
 * movable application clock: API Gateway checks expiry against real time, and advancing the local clock
 * by days must not log everyone out.
 */
export function buildClaims(input: MintInput, nowSeconds = Math.floor(Date.now() / 1000)): IdTokenClaims {
  if (!isRole(input.role)) {
    throw new TokenRequestError(`role must be one of ${roles.join(', ')}; got ${JSON.stringify(input.role)}`);
  }
  const partnerId = input.partnerId?.trim() || undefined;
  if ((partnerRoles as readonly string[]).includes(input.role) && !partnerId) {
    throw new TokenRequestError(`role ${input.role} needs a partnerId`);
  }
  const ttl = input.ttlSeconds ?? DEFAULT_TTL_SECONDS;
  if (!Number.isFinite(ttl) || ttl <= 0) throw new TokenRequestError('ttlSeconds must be a positive number');
  // The same role and partner get the same identity every time, so data created with one token stays
  // attributable to the "same person" across restarts.
  const sub = input.sub?.trim() || stableUuid(`${input.role}|${partnerId ?? ''}`);
  const email =
    input.email?.trim() ||
    (partnerId ? `${input.role}@${partnerId.toLowerCase()}.partners.accord.local` : `${input.role}@accord.local`);
  return {
    sub,
    email,
    email_verified: true,
    'cognito:username': sub,
    'cognito:groups': [input.role],
    ...(partnerId ? { 'custom:partner_id': partnerId } : {}),
    token_use: 'id',
    auth_time: nowSeconds,
    iss: LOCAL_ISSUER,
    aud: LOCAL_AUDIENCE,
    iat: nowSeconds,
    exp: nowSeconds + Math.floor(ttl),
  };
}

/** A UUID-shaped id (like a Cognito `sub`) derived from a seed. */
function stableUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const base64url = (text: string) => Buffer.from(text).toString('base64url');

function newPrivateJwk(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' });
  const kid = createHash('sha256').update(`${jwk.x}.${jwk.y}`).digest('base64url').slice(0, 16);
  return JSON.stringify({ ...jwk, alg: 'ES256', kid }, null, 2);
}
