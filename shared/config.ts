/**
 * Runtime configuration, read from the environment on first use (not at import), so the local runtime and
 * tests can set it before the first request. In AWS the function construct sets these variables.
 */
export interface Config {
  tableName: string;
  stage: string;
  region: string;
  /** Set locally: the DynamoDB Local endpoint. Unset in AWS. */
  dynamoEndpoint: string | undefined;
  eventBusName: string | undefined;
  userPoolId: string | undefined;
  /** Local/dev only: the cursor signing secret. In AWS the secret is read from Secrets Manager. */
  cursorSecret: string | undefined;
  cursorSecretArn: string | undefined;
  maxBodyBytes: number;
}

let cached: Config | undefined;

export function config(): Config {
  cached ??= {
    tableName: required('TABLE_NAME'),
    stage: process.env.STAGE ?? 'local',
    region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'eu-west-1',
    dynamoEndpoint: process.env.DYNAMODB_ENDPOINT || undefined,
    eventBusName: process.env.EVENT_BUS_NAME || undefined,
    userPoolId: process.env.USER_POOL_ID || undefined,
    cursorSecret: process.env.CURSOR_SECRET || undefined,
    cursorSecretArn: process.env.CURSOR_SECRET_ARN || undefined,
    maxBodyBytes: Number(process.env.MAX_BODY_BYTES ?? 65_536),
  };
  return cached;
}

/** Tests and the local runtime: forget the cached values after changing the environment. */
export function resetConfig(): void {
  cached = undefined;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}
