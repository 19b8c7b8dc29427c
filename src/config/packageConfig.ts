// What `npm run package` reads from the environment, parsed with zod: the bot's app id (the server's own schema) and
// the publisher shown on the app's page in Teams. Without them the package is for a local trial only.
import { z } from 'zod';
import { AppIdT } from './appId.js';
import { ConfigError } from './config.js';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** An https page on a named host (Teams shows these links on the app's details page; the store refuses plain http). */
function isHttpsPage(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === 'https:' && url.hostname.includes('.');
}

const PageUrlT = z.string().trim()
  .max(2048, { error: 'must be at most 2048 characters' })
  .refine(isHttpsPage, { error: 'must be an https:// address, such as https://contoso.com/privacy' });

/** The variables naming the publisher, and the manifest field each fills. */
export const DEVELOPER_VARIABLES = {
  APP_DEVELOPER_NAME: 'name',
  APP_WEBSITE_URL: 'websiteUrl',
  APP_PRIVACY_URL: 'privacyUrl',
  APP_TERMS_URL: 'termsOfUseUrl',
} as const;

const PackageEnvT = z.object({
  MicrosoftAppId: z.preprocess(emptyToUndefined, AppIdT.optional()),
  // The manifest allows 32 characters for the developer's name.
  APP_DEVELOPER_NAME: z.preprocess(emptyToUndefined, z.string().trim().max(32, { error: 'must be at most 32 characters' }).optional()),
  APP_WEBSITE_URL: z.preprocess(emptyToUndefined, PageUrlT.optional()),
  APP_PRIVACY_URL: z.preprocess(emptyToUndefined, PageUrlT.optional()),
  APP_TERMS_URL: z.preprocess(emptyToUndefined, PageUrlT.optional()),
}).superRefine((env, ctx) => {
  // All four describe one publisher: some without the others is a half-filled store listing, not a trial.
  const names = Object.keys(DEVELOPER_VARIABLES) as (keyof typeof DEVELOPER_VARIABLES)[];
  const given = names.filter((name) => env[name] !== undefined);
  if (given.length === 0 || given.length === names.length) return;
  for (const name of names.filter((n) => env[n] === undefined)) {
    ctx.addIssue({ code: 'custom', path: [name], message: `is required with ${given.join(', ')}: set all four publisher variables, or none for a local trial` });
  }
});

/** The developer block of the manifest: who publishes the app. */
export interface Developer {
  readonly name: string;
  readonly websiteUrl: string;
  readonly privacyUrl: string;
  readonly termsOfUseUrl: string;
}

export interface PackageConfig {
  /** MicrosoftAppId, normalized; undefined when not set (the package then gets the placeholder id). */
  readonly appId: string | undefined;
  /** The publisher from APP_*; undefined when none is set (the package then names an example publisher). */
  readonly developer: Developer | undefined;
}

/** Parses the packager's variables; throws ConfigError with one line per bad or missing variable. */
export function loadPackageConfig(env: Readonly<Record<string, string | undefined>>): PackageConfig {
  const parsed = PackageEnvT.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`));
  }
  const e = parsed.data;
  const developer = e.APP_DEVELOPER_NAME !== undefined && e.APP_WEBSITE_URL !== undefined && e.APP_PRIVACY_URL !== undefined && e.APP_TERMS_URL !== undefined
    ? { name: e.APP_DEVELOPER_NAME, websiteUrl: e.APP_WEBSITE_URL, privacyUrl: e.APP_PRIVACY_URL, termsOfUseUrl: e.APP_TERMS_URL }
    : undefined;
  return { appId: e.MicrosoftAppId, developer };
}
