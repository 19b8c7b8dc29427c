// `npm run package`: builds the Teams app package, build/appPackage.zip, holding at its root
//   manifest.json  manifest/manifest.template.json with the bot's app id (MicrosoftAppId), the publisher (APP_*) and
//                  package.json's version;
//   fr-fr.json     (and any other localization file the manifest's localizationInfo names), copied from manifest/;
//   color.png, outline.png  drawn by scripts/icons.ts in the manifest's accent color.
// Without MicrosoftAppId it uses a fixed placeholder id, without the APP_* publisher variables the template's example
// publisher: either way the package is for a local trial only, and the script says so.
// Zip writing: yazl (and yauzl to read it back in the tests): small, long-maintained, no native code.
import { mkdirSync, readFileSync, renameSync, createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import yazl from 'yazl';
import { PLACEHOLDER_APP_ID } from '../src/config/appId.js';
import { processEnv } from '../src/config/config.js';
import { loadPackageConfig, type Developer, type PackageConfig } from '../src/config/packageConfig.js';
import { renderColorIcon, renderOutlineIcon } from './icons.js';

export { PLACEHOLDER_APP_ID };

/** The manifest schema version the template is written for (schemas/teams-manifest/v1.29.*, used by the tests). */
export const MANIFEST_VERSION = '1.29';
export const ZIP_NAME = 'appPackage.zip';
/** Fixed entry times: the same inputs give a byte-identical zip. */
const ENTRY_MTIME = new Date(2020, 0, 1);

/** dist/scripts/package.js → the repository root. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The parts of the manifest this script reads or writes; the rest is carried through as is. */
export interface TeamsManifest {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  accentColor: string;
  developer: Developer;
  icons: { color: string; outline: string };
  localizationInfo?: { defaultLanguageTag: string; additionalLanguages?: { languageTag: string; file: string }[] };
  bots: { botId: string; [key: string]: unknown }[];
  [key: string]: unknown;
}

export interface PackageOptions {
  /**
   * The app id and publisher, from loadPackageConfig (default: nothing set). No app id: the placeholder id; no
   * publisher: the template's example one. Either makes a local-trial package, with a warning.
   */
  config?: PackageConfig;
  /** Where appPackage.zip goes; default <repo>/build. */
  outDir?: string;
  /** Receives the local-trial warnings, one per reason; default: stderr. */
  warn?: (message: string) => void;
}

export interface AppPackage {
  zipPath: string;
  appId: string;
  /** True when no app id was given and the placeholder was used. */
  placeholder: boolean;
  /** Why the package is for a local trial only (placeholder app id, example publisher); empty when it is not. */
  localTrialReasons: string[];
  /** The manifest.json written into the zip. */
  manifest: TeamsManifest;
  /** Zip entry names, in order. */
  files: string[];
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The template with the app id (app and bot), the publisher (when given) and the version filled in. */
export function buildManifest(template: TeamsManifest, appId: string, version: string, developer?: Developer): TeamsManifest {
  if (template.manifestVersion !== MANIFEST_VERSION) {
    throw new Error(`manifest template is for manifest version ${template.manifestVersion}, this script for ${MANIFEST_VERSION}`);
  }
  const manifest = structuredClone(template);
  manifest.id = appId;
  manifest.version = version;
  if (developer) manifest.developer = { ...manifest.developer, ...developer };
  // One bot, the app's own: Teams routes its messages to the Bot Framework registration with this id.
  manifest.bots = manifest.bots.map((bot) => ({ ...bot, botId: appId }));
  return manifest;
}

export async function buildAppPackage(options: PackageOptions = {}): Promise<AppPackage> {
  const warn = options.warn ?? ((message: string) => process.stderr.write(`warning: ${message}\n`));
  const { appId: givenAppId, developer } = options.config ?? { appId: undefined, developer: undefined };
  const appId = givenAppId ?? PLACEHOLDER_APP_ID;
  const placeholder = givenAppId === undefined;

  const manifestDir = path.join(REPO_ROOT, 'manifest');
  const template = readJson(path.join(manifestDir, 'manifest.template.json')) as TeamsManifest;
  const { version } = readJson(path.join(REPO_ROOT, 'package.json')) as { version: string };
  const manifest = buildManifest(template, appId, version, developer);

  const localTrialReasons: string[] = [];
  if (placeholder) {
    localTrialReasons.push(`MicrosoftAppId is not set: the package uses the placeholder app id ${PLACEHOLDER_APP_ID} and is for `
      + 'a local trial only. Set MicrosoftAppId to the bot\'s Azure app registration id to build a package to upload to Teams.');
  }
  if (!developer) {
    localTrialReasons.push('APP_DEVELOPER_NAME, APP_WEBSITE_URL, APP_PRIVACY_URL and APP_TERMS_URL are not set: the package names '
      + `the example publisher "${manifest.developer.name}" (${manifest.developer.websiteUrl}) and is for a local trial only. `
      + 'Set all four to your organization\'s name and its https website, privacy and terms pages to publish it.');
  }
  for (const reason of localTrialReasons) warn(reason);

  const entries: [string, Buffer][] = [[ 'manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) ]];
  for (const { file } of manifest.localizationInfo?.additionalLanguages ?? []) {
    const localization = readJson(path.join(manifestDir, file)) as { $schema?: string };
    if (!localization.$schema?.includes(`/v${MANIFEST_VERSION}/`)) {
      throw new Error(`${file}: its $schema must be the v${MANIFEST_VERSION} localization schema, like the manifest's`);
    }
    entries.push([file, readFileSync(path.join(manifestDir, file))]);
  }
  entries.push([manifest.icons.color, renderColorIcon(manifest.accentColor)]);
  entries.push([manifest.icons.outline, renderOutlineIcon()]);

  const outDir = path.resolve(options.outDir ?? path.join(REPO_ROOT, 'build'));
  mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, ZIP_NAME);
  const zip = new yazl.ZipFile();
  for (const [name, data] of entries) zip.addBuffer(data, name, { mtime: ENTRY_MTIME });
  zip.end();
  // Write beside, then rename: a failed run never leaves a half-written package behind.
  const partial = `${zipPath}.partial`;
  await pipeline(zip.outputStream, createWriteStream(partial));
  renameSync(partial, zipPath);

  return { zipPath, appId, placeholder, localTrialReasons, manifest, files: entries.map(([name]) => name) };
}

/** What `npm run package` prints about the package it wrote: where, with what ids, and whether it may be published. */
export function packageSummary(result: AppPackage, cwd: string): string {
  const trial = result.localTrialReasons.length > 0;
  return `${path.relative(cwd, result.zipPath)}: Teams app package (manifest ${MANIFEST_VERSION}, app id ${result.appId}`
    + `${result.placeholder ? ' (placeholder)' : ''}, developer "${result.manifest.developer.name}"): ${result.files.join(', ')}\n`
    + (trial ? 'FOR A LOCAL TRIAL ONLY, not to publish: see the warnings above.\n' : 'Ready to upload to Teams.\n');
}

async function main(): Promise<void> {
  const result = await buildAppPackage({ config: loadPackageConfig(processEnv()) });
  process.stdout.write(packageSummary(result, process.cwd()));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`npm run package failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
