import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** Log levels both Powertools and Lambda's advanced logging controls understand. */
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** Everything that differs between stages. One stack is deployed per (stage, region). */
export interface StageConfig {
  stage: string;
  /** One deployment per region: a partner program's data stays in the region it was deployed to. */
  regions: string[];
  /** Alarm notifications go to this address when set; the topic exists either way. */
  alarmEmail: string | undefined;
  /**
   * The SES identity notification e-mail is sent from (verified in each region of the stage). Unset: no e-mail
   * and no SES permission; notifications reach the integrations topic only.
   */
  senderEmail: string | undefined;
  /** Browser origins allowed to call the API; empty disables CORS (server-to-server integrations only). */
  corsOrigins: string[];
  /** Sign-in return addresses besides the deployed portal: the local dev server, in dev stages only. */
  localPortalUrls: string[];
  /** Default-stage limits of the HTTP API, in requests per second. */
  throttle: { rateLimit: number; burstLimit: number };
  logRetention: RetentionDays;
  /** What happens to log groups when the stack is deleted. Data (table, user pool, buckets) is always retained. */
  logRemovalPolicy: RemovalPolicy;
  logLevel: LogLevel;
  /** How far back events can be replayed from the bus archive. */
  eventArchiveRetentionDays: number;
  /** TOTP for everyone. Best decided before a stage's first deploy: later, every user must enrol at next sign-in. */
  mfaRequired: boolean;
  /** Cognito Plus feature plan: compromised-credential and adaptive-authentication protection. */
  threatProtection: boolean;
}

type StageDefaults = Omit<StageConfig, 'stage' | 'alarmEmail' | 'senderEmail'> & { senderEmail?: string };

export const stages: Record<string, StageDefaults> = {
  dev: {
    regions: ['eu-west-1'],
    corsOrigins: ['http://localhost:3000', 'http://localhost:5173'],
    localPortalUrls: ['http://localhost:3000/'],
    throttle: { rateLimit: 50, burstLimit: 100 },
    logRetention: RetentionDays.TWO_WEEKS,
    logRemovalPolicy: RemovalPolicy.DESTROY,
    logLevel: 'DEBUG',
    eventArchiveRetentionDays: 30,
    mfaRequired: false,
    threatProtection: false,
  },
  prod: {
    regions: ['eu-west-1', 'us-east-1'],
    corsOrigins: [],
    localPortalUrls: [],
    throttle: { rateLimit: 200, burstLimit: 400 },
    logRetention: RetentionDays.THREE_MONTHS,
    logRemovalPolicy: RemovalPolicy.RETAIN,
    logLevel: 'INFO',
    eventArchiveRetentionDays: 365,
    mfaRequired: true,
    threatProtection: true,
  },
};

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The configuration selected by CDK context: `-c stage=prod`, optionally `-c regions=eu-central-1,eu-west-1`,
 * `-c alarmEmail=ops@example.com`, `-c senderEmail=accord@example.com`, `-c corsOrigins=https://portal.example.com`.
 * Typos fail here, before anything is synthesized.
 */
export function resolveStageConfig(context: (key: string) => unknown): StageConfig {
  const raw = context('stage') ?? 'dev';
  const stage = typeof raw === 'string' ? raw : JSON.stringify(raw);
  const defaults = stages[stage];
  if (!defaults) {
    throw new Error(`unknown stage "${stage}"; known stages: ${Object.keys(stages).join(', ')}`);
  }
  const regions = list(context('regions')) ?? defaults.regions;
  const badRegion = regions.find((region) => !REGION.test(region));
  if (regions.length === 0 || badRegion !== undefined) {
    throw new Error(`invalid region list "${regions.join(',')}" (expected e.g. eu-west-1,us-east-1)`);
  }
  const alarmEmail = context('alarmEmail');
  const senderEmail = optionalString(context('senderEmail')) ?? defaults.senderEmail;
  if (senderEmail !== undefined && !EMAIL.test(senderEmail)) {
    throw new Error(`invalid senderEmail "${senderEmail}" (expected an address such as accord@example.com)`);
  }
  return {
    ...defaults,
    stage,
    regions: [...new Set(regions)],
    alarmEmail: typeof alarmEmail === 'string' && alarmEmail !== '' ? alarmEmail : undefined,
    senderEmail,
    corsOrigins: list(context('corsOrigins')) ?? defaults.corsOrigins,
  };
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Context values are strings on the command line and arrays in cdk.json. */
function list(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const items = Array.isArray(value)
    ? value.map((item) => `${item as string | number}`)
    : `${value as string | number}`.split(',');
  return items.map((item) => item.trim()).filter((item) => item !== '');
}
