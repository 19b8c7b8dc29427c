// The environment, parsed once at start-up with zod; nothing else reads process.env.
import { isIP } from 'node:net';
import { z } from 'zod';
import { DEMO_PERSONAS, type DemoPersona } from '../turn/demoPersonas.js';
import { AppIdT } from './appId.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A host name or IP address to listen on (no scheme, port or path). */
const isHost = (value: string): boolean =>
  isIP(value) !== 0 || (value.length <= 253 && value.split('.').every((label) => /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/.test(label)));

/**
 * Variables that only mean something in production mode. Any of them without MicrosoftAppId is a deployment that
 * lost its app id: starting anyway would be local mode (no authentication, every newcomer a global admin).
 */
export const PRODUCTION_VARIABLES = ['MicrosoftAppPassword', 'MicrosoftAppTenantId', 'MicrosoftAppType', 'TENANTS_FILE', 'BotOpenIdMetadata'] as const;

const EnvT = z.object({
  PORT: z.preprocess(emptyToUndefined, z.string().trim().regex(/^\d{1,5}$/).transform(Number).pipe(z.number().max(65535)).default(3978)),
  HOST: z.preprocess(emptyToUndefined, z.string().trim().refine(isHost).optional()),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  STORAGE: z.preprocess(emptyToUndefined, z.enum(['sqlite', 'azure']).default('sqlite')),
  AZURE_STORAGE_CONNECTION_STRING: z.preprocess(emptyToUndefined, z.string().optional()),
  MicrosoftAppId: z.preprocess(emptyToUndefined, AppIdT.optional()),
  MicrosoftAppPassword: z.preprocess(emptyToUndefined, z.string().optional()),
  MicrosoftAppTenantId: z.preprocess(emptyToUndefined, z.string().optional()),
  MicrosoftAppType: z.preprocess(emptyToUndefined, z.enum(APP_TYPES).optional()),
  BotOpenIdMetadata: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  TENANTS_FILE: z.preprocess(emptyToUndefined, z.string().optional()),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(LOG_LEVELS).default('info')),
  DEV_ACT_AS: z.preprocess(emptyToUndefined, z.enum(DEMO_PERSONAS).optional()),
  SWEEP_INTERVAL_MINUTES: z.preprocess(emptyToUndefined, z.string().trim().regex(/^\d{1,5}$/).transform(Number).pipe(z.number().max(10_080)).default(60)),
  NUDGE_INTERVAL_MINUTES: z.preprocess(emptyToUndefined, z.string().trim().regex(/^\d{1,5}$/).transform(Number).pipe(z.number().max(10_080)).default(60)),
});

const present = (env: Readonly<Record<string, string | undefined>>, name: string): boolean => emptyToUndefined(env[name]) !== undefined;

/** The rules between variables, on the raw environment so that they are reported along with any bad value. */
function crossChecks(env: Readonly<Record<string, string | undefined>>): string[] {
  const problems: string[] = [];
  const production = present(env, 'MicrosoftAppId');
  const appType = env.MicrosoftAppType?.trim() || 'MultiTenant';
  if (!production) {
    const set = PRODUCTION_VARIABLES.filter((name) => present(env, name));
    if (set.length > 0) {
      problems.push(`MicrosoftAppId is empty but ${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set: refusing to start in local mode `
        + '(no authentication) with production settings; set MicrosoftAppId, or unset them for local mode');
    }
  }
  if (production && present(env, 'DEV_ACT_AS')) problems.push('DEV_ACT_AS is for local mode only (no MicrosoftAppId)');
  if (env.STORAGE?.trim() === 'azure' && !present(env, 'AZURE_STORAGE_CONNECTION_STRING')) {
    problems.push('AZURE_STORAGE_CONNECTION_STRING is required when STORAGE=azure');
  }
  if (production && !present(env, 'TENANTS_FILE')) {
    problems.push('TENANTS_FILE is required in production mode (MicrosoftAppId set): only the tenants listed there are served');
  }
  if (production && appType !== 'UserAssignedMSI' && !present(env, 'MicrosoftAppPassword')) {
    problems.push('MicrosoftAppPassword (the app\'s client secret) is required with MicrosoftAppId, unless MicrosoftAppType=UserAssignedMSI');
  }
  if (production && appType === 'SingleTenant' && !present(env, 'MicrosoftAppTenantId')) {
    problems.push('MicrosoftAppTenantId is required with MicrosoftAppType=SingleTenant');
  }
  return problems;
}

/**
 * What each variable must be, in plain words: the message of any problem zod finds in it. Never the value itself
 * (secrets live in some of these variables).
 */
const EXPECTED: Readonly<Record<string, string>> = {
  PORT: 'PORT must be a number from 1 to 65535 (or 0 for any free port)',
  HOST: 'HOST must be an IP address or host name to listen on, such as 127.0.0.1 or 0.0.0.0',
  DATA_DIR: 'DATA_DIR must be a folder path',
  STORAGE: 'STORAGE must be sqlite or azure',
  AZURE_STORAGE_CONNECTION_STRING: 'AZURE_STORAGE_CONNECTION_STRING must be an Azure Storage connection string',
  MicrosoftAppPassword: 'MicrosoftAppPassword must be the app\'s client secret',
  MicrosoftAppTenantId: 'MicrosoftAppTenantId must be the app\'s Entra tenant id',
  MicrosoftAppType: `MicrosoftAppType must be ${APP_TYPES.join(', ')}`,
  BotOpenIdMetadata: 'BotOpenIdMetadata must be an http(s) URL of an OpenID configuration document',
  TENANTS_FILE: 'TENANTS_FILE must be the path of the tenants JSON file',
  LOG_LEVEL: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`,
  DEV_ACT_AS: `DEV_ACT_AS must be one of ${DEMO_PERSONAS.join(', ')}`,
  SWEEP_INTERVAL_MINUTES: 'SWEEP_INTERVAL_MINUTES must be a whole number of minutes from 0 (no sweep) to 10080 (a week)',
  NUDGE_INTERVAL_MINUTES: 'NUDGE_INTERVAL_MINUTES must be a whole number of minutes from 0 (no nudges) to 10080 (a week)',
};

/**
 * One plain sentence per problem, at most one per variable. MicrosoftAppId's schema (appId.ts), shared with the
 * packager, words its own messages, which both print after the variable's name.
 */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  const problems = new Map<string, string>();
  for (const issue of issues) {
    const variable = issue.path.map(String).join('.');
    if (!problems.has(variable)) problems.set(variable, EXPECTED[variable] ?? `${variable || 'environment'}: ${issue.message}`);
  }
  return [...problems.values()];
}

export type Env = z.infer<typeof EnvT>;
export type AppType = (typeof APP_TYPES)[number];

/** Local mode listens on loopback only: it has no authentication. Production listens on every interface. */
export const LOCAL_MODE_HOST = '127.0.0.1';
export const PRODUCTION_HOST = '0.0.0.0';

export interface Config {
  readonly port: number;
  /** The address to listen on: HOST, else loopback in local mode and every interface in production. */
  readonly host: string;
  /** Local mode on an address other than loopback (HOST): reachable by others, with no authentication. */
  readonly exposedWithoutAuth: boolean;
  readonly dataDir: string;
  readonly storage: 'sqlite' | 'azure';
  readonly azureConnectionString: string | undefined;
  /** Local mode: no MicrosoftAppId, no auth, the demo tenant for any tenant id. */
  readonly localMode: boolean;
  readonly auth: {
    appId: string; appPassword: string | undefined; appTenantId: string | undefined; appType: AppType;
    /** BotOpenIdMetadata: where the Bot Framework's signing keys are published, if not the public cloud's. */
    openIdMetadataUrl: string | undefined;
  } | null;
  readonly tenantsFile: string | undefined;
  readonly logLevel: Env['LOG_LEVEL'];
  /** Local mode: the demo person the Playground user acts as at start (DEV_ACT_AS), if any. */
  readonly devActAs: DemoPersona | undefined;
  /** Minutes between sweeps of expired quotes, idle conversation state and old card copies; 0: no sweep. */
  readonly sweepIntervalMinutes: number;
  /** Minutes between nudge sweeps (the bot speaks first to admins); 0: no nudges. */
  readonly nudgeIntervalMinutes: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(problems.map((p) => `Invalid configuration: ${p}.`).join('\n'));
  }
}

const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

/**
 * Parses the environment; throws ConfigError with every problem at once, one plain sentence each (never echoing a
 * value: some are secrets).
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = EnvT.safeParse(env);
  const problems = [...(parsed.success ? [] : describeIssues(parsed.error.issues)), ...crossChecks(env)];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const localMode = !e.MicrosoftAppId;
  const host = e.HOST ?? (localMode ? LOCAL_MODE_HOST : PRODUCTION_HOST);
  return {
    port: e.PORT,
    host,
    exposedWithoutAuth: localMode && !isLoopback(host),
    dataDir: e.DATA_DIR,
    storage: e.STORAGE,
    azureConnectionString: e.AZURE_STORAGE_CONNECTION_STRING,
    localMode,
    auth: e.MicrosoftAppId
      ? {
        appId: e.MicrosoftAppId, appPassword: e.MicrosoftAppPassword, appTenantId: e.MicrosoftAppTenantId,
        appType: e.MicrosoftAppType ?? 'MultiTenant', openIdMetadataUrl: e.BotOpenIdMetadata,
      }
      : null,
    tenantsFile: e.TENANTS_FILE,
    logLevel: e.LOG_LEVEL,
    devActAs: e.DEV_ACT_AS,
    sweepIntervalMinutes: e.SWEEP_INTERVAL_MINUTES,
    nudgeIntervalMinutes: e.NUDGE_INTERVAL_MINUTES,
  };
}

/** The process environment, read here and only here. */
export function processEnv(): Readonly<Record<string, string | undefined>> {
  return process.env;
}
