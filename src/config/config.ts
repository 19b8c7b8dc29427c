// The environment, parsed once at start-up with zod; nothing else reads process.env.
import { z } from 'zod';
import { DEMO_PERSONAS, type DemoPersona } from '../bot/localActAs.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const EnvT = z.object({
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3978)),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  STORAGE: z.preprocess(emptyToUndefined, z.enum(['sqlite', 'azure']).default('sqlite')),
  AZURE_STORAGE_CONNECTION_STRING: z.preprocess(emptyToUndefined, z.string().optional()),
  MicrosoftAppId: z.preprocess(emptyToUndefined, z.string().uuid().optional()),
  MicrosoftAppPassword: z.preprocess(emptyToUndefined, z.string().optional()),
  MicrosoftAppTenantId: z.preprocess(emptyToUndefined, z.string().optional()),
  MicrosoftAppType: z.preprocess(emptyToUndefined, z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant')),
  TENANTS_FILE: z.preprocess(emptyToUndefined, z.string().optional()),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(LOG_LEVELS).default('info')),
  DEV_ACT_AS: z.preprocess(emptyToUndefined, z.enum(DEMO_PERSONAS).optional()),
  SWEEP_INTERVAL_MINUTES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(10_080).default(60)),
}).superRefine((env, ctx) => {
  if (env.MicrosoftAppId && env.DEV_ACT_AS) {
    ctx.addIssue({ code: 'custom', path: ['DEV_ACT_AS'], message: 'is for local mode only (no MicrosoftAppId)' });
  }
  if (env.STORAGE === 'azure' && !env.AZURE_STORAGE_CONNECTION_STRING) {
    ctx.addIssue({ code: 'custom', path: ['AZURE_STORAGE_CONNECTION_STRING'], message: 'is required when STORAGE=azure' });
  }
  if (env.MicrosoftAppId && !env.TENANTS_FILE) {
    ctx.addIssue({ code: 'custom', path: ['TENANTS_FILE'], message: 'is required in production mode (MicrosoftAppId set): only tenants listed there are served' });
  }
  if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
    ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'is required with MicrosoftAppId' });
  }
  if (env.MicrosoftAppType === 'SingleTenant' && env.MicrosoftAppId && !env.MicrosoftAppTenantId) {
    ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'is required with MicrosoftAppType=SingleTenant' });
  }
});

export type Env = z.infer<typeof EnvT>;

export interface Config {
  readonly port: number;
  readonly dataDir: string;
  readonly storage: 'sqlite' | 'azure';
  readonly azureConnectionString: string | undefined;
  /** Local mode: no MicrosoftAppId, no auth, the demo tenant for any tenant id. */
  readonly localMode: boolean;
  readonly auth: { appId: string; appPassword: string | undefined; appTenantId: string | undefined; appType: Env['MicrosoftAppType'] } | null;
  readonly tenantsFile: string | undefined;
  readonly logLevel: Env['LOG_LEVEL'];
  /** Local mode: the demo person the Playground user acts as at start (DEV_ACT_AS), if any. */
  readonly devActAs: DemoPersona | undefined;
  /** Minutes between sweeps of expired quotes, idle conversation state and old card copies; 0: no sweep. */
  readonly sweepIntervalMinutes: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment; throws ConfigError with one line per bad variable (never echoing secret values). */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = EnvT.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    dataDir: e.DATA_DIR,
    storage: e.STORAGE,
    azureConnectionString: e.AZURE_STORAGE_CONNECTION_STRING,
    localMode: !e.MicrosoftAppId,
    auth: e.MicrosoftAppId
      ? { appId: e.MicrosoftAppId, appPassword: e.MicrosoftAppPassword, appTenantId: e.MicrosoftAppTenantId, appType: e.MicrosoftAppType }
      : null,
    tenantsFile: e.TENANTS_FILE,
    logLevel: e.LOG_LEVEL,
    devActAs: e.DEV_ACT_AS,
    sweepIntervalMinutes: e.SWEEP_INTERVAL_MINUTES,
  };
}

/** The process environment, read here and only here. */
export function processEnv(): Readonly<Record<string, string | undefined>> {
  return process.env;
}
