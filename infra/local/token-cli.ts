import { parseArgs } from 'node:util';
import { CliError, detailOf, requestServer, runCli } from '#infra/local/cli';

/**
 * `npm run -s token -- --role partner-admin --partner <id> [--sub x] [--email y] [--ttl seconds] [--claims]`
 * Asks the running server for a token (GET /local/token), so the server always accepts it. Only the token goes to
 * stdout, so `TOKEN=$(npm run -s token -- --role admin)` works; `--claims` prints the claims on stderr.
 */

const USAGE =
  'usage: npm run -s token -- --role <admin|manager|partner-admin|partner-user> [--partner <id>] [--sub <sub>] [--email <email>] [--ttl <seconds>] [--claims]';

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        role: { type: 'string' },
        partner: { type: 'string' },
        sub: { type: 'string' },
        email: { type: 'string' },
        ttl: { type: 'string' },
        claims: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`);
  }
  if (!values.role) throw new CliError(USAGE);
  const query = new URLSearchParams({ role: values.role });
  if (values.partner) query.set('partnerId', values.partner);
  if (values.sub) query.set('sub', values.sub);
  if (values.email) query.set('email', values.email);
  if (values.ttl) query.set('ttlSeconds', values.ttl);
  const answer = await requestServer('GET', `/local/token?${query.toString()}`);
  if (answer.status !== 200) throw new CliError(detailOf(answer));
  const { token, claims } = answer.body as { token: string; claims: unknown };
  if (values.claims) console.error(JSON.stringify(claims, null, 2));
  console.log(token);
}

runCli(main);
