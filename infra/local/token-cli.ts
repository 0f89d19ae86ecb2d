import { parseArgs } from 'node:util';
import { createLocalIssuer, TokenRequestError } from '#infra/local/issuer';
import { defaultDataDir } from '#infra/local/runtime-file';

/**
 * `npm run -s token -- --role partner-admin --partner <id> [--sub x] [--email y] [--ttl seconds] [--claims]`
 * Prints a token signed with the data dir's key, which the server (running or not yet) accepts.
 * Only the token goes to stdout, so `TOKEN=$(npm run -s token -- --role admin)` works.
 */

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      partner: { type: 'string' },
      sub: { type: 'string' },
      email: { type: 'string' },
      ttl: { type: 'string' },
      claims: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.role) throw new TokenRequestError('usage: npm run -s token -- --role <admin|manager|partner-admin|partner-user> [--partner <id>] [--sub <sub>] [--email <email>] [--ttl <seconds>]');
  const issuer = await createLocalIssuer({ dataDir: defaultDataDir() });
  const { token, claims } = issuer.mintWithClaims({
    role: values.role,
    ...(values.partner ? { partnerId: values.partner } : {}),
    ...(values.sub ? { sub: values.sub } : {}),
    ...(values.email ? { email: values.email } : {}),
    ...(values.ttl ? { ttlSeconds: Number(values.ttl) } : {}),
  });
  if (values.claims) console.error(JSON.stringify(claims, null, 2));
  console.log(token);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
