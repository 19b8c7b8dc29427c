// `npm run package`: builds the Teams app package, build/appPackage.zip, holding at its root
//   manifest.json  manifest/manifest.template.json with the bot's app id (MicrosoftAppId) and package.json's version;
//   fr-fr.json     (and any other localization file the manifest's localizationInfo names), copied from manifest/;
//   color.png, outline.png  drawn by scripts/icons.ts in the manifest's accent color.
// Without MicrosoftAppId it uses a fixed placeholder id and warns that the zip is for a local trial only.
// Zip writing: yazl (and yauzl to read it back in the tests): small, long-maintained, no native code.
import { mkdirSync, readFileSync, renameSync, createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import yazl from 'yazl';
import { renderColorIcon, renderOutlineIcon } from './icons.js';

/** The manifest schema version the template is written for (../shared/schemas/teams-manifest/v1.29.*). */
export const MANIFEST_VERSION = '1.29';
/** Used as app id and bot id when MicrosoftAppId is not set. A valid GUID, so the package still validates. */
export const PLACEHOLDER_APP_ID = '00000000-0000-4000-8000-000000000000';
export const ZIP_NAME = 'appPackage.zip';
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
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
  icons: { color: string; outline: string };
  localizationInfo?: { defaultLanguageTag: string; additionalLanguages?: { languageTag: string; file: string }[] };
  bots: { botId: string; [key: string]: unknown }[];
  [key: string]: unknown;
}

export interface PackageOptions {
  /** The bot's Microsoft App Id (MicrosoftAppId). Absent or blank: the placeholder id, with a warning. */
  appId?: string | undefined;
  /** Where appPackage.zip goes; default <repo>/build. */
  outDir?: string;
  /** Receives the placeholder warning; default: stderr. */
  warn?: (message: string) => void;
}

export interface AppPackage {
  zipPath: string;
  appId: string;
  /** True when no app id was given and the placeholder was used. */
  placeholder: boolean;
  /** The manifest.json written into the zip. */
  manifest: TeamsManifest;
  /** Zip entry names, in order. */
  files: string[];
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** MicrosoftAppId as given (trimmed), or the placeholder when blank. A non-GUID is refused: Teams would reject it. */
export function resolveAppId(raw: string | undefined): { appId: string; placeholder: boolean } {
  const value = raw?.trim() ?? '';
  if (value === '') return { appId: PLACEHOLDER_APP_ID, placeholder: true };
  if (!GUID.test(value)) throw new Error(`MicrosoftAppId must be the bot's app id, a GUID (got "${value}")`);
  return { appId: value.toLowerCase(), placeholder: false };
}

/** The template with the app id (app and bot) and version filled in. */
export function buildManifest(template: TeamsManifest, appId: string, version: string): TeamsManifest {
  if (template.manifestVersion !== MANIFEST_VERSION) {
    throw new Error(`manifest template is for manifest version ${template.manifestVersion}, this script for ${MANIFEST_VERSION}`);
  }
  const manifest = structuredClone(template);
  manifest.id = appId;
  manifest.version = version;
  // One bot, the app's own: Teams routes its messages to the Bot Framework registration with this id.
  manifest.bots = manifest.bots.map((bot) => ({ ...bot, botId: appId }));
  return manifest;
}

export async function buildAppPackage(options: PackageOptions = {}): Promise<AppPackage> {
  const warn = options.warn ?? ((message: string) => process.stderr.write(`warning: ${message}\n`));
  const { appId, placeholder } = resolveAppId(options.appId);
  if (placeholder) {
    warn(`MicrosoftAppId is not set: the package uses the placeholder app id ${PLACEHOLDER_APP_ID} and is for a local `
      + 'trial only. Set MicrosoftAppId to the bot\'s Azure app registration id to build a package to upload to Teams.');
  }

  const manifestDir = path.join(REPO_ROOT, 'manifest');
  const template = readJson(path.join(manifestDir, 'manifest.template.json')) as TeamsManifest;
  const { version } = readJson(path.join(REPO_ROOT, 'package.json')) as { version: string };
  const manifest = buildManifest(template, appId, version);

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

  return { zipPath, appId, placeholder, manifest, files: entries.map(([name]) => name) };
}

async function main(): Promise<void> {
  const result = await buildAppPackage({ appId: process.env.MicrosoftAppId });
  process.stdout.write(`${path.relative(process.cwd(), result.zipPath)}: Teams app package (manifest ${MANIFEST_VERSION}, `
    + `app id ${result.appId}${result.placeholder ? ', placeholder' : ''}): ${result.files.join(', ')}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`npm run package failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
