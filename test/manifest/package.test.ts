// The Teams app package (npm run package): built into a temporary folder, unzipped, and checked against the Teams
// manifest and localization schemas the project carries (schemas/teams-manifest/), offline.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import type { ErrorObject, ValidateFunction } from 'ajv';
import pngjs from 'pngjs';
import yauzl from 'yauzl';
import { loadPackageConfig, type PackageConfig } from '../../src/config/packageConfig.js';
import {
  MANIFEST_VERSION, PLACEHOLDER_APP_ID, buildAppPackage, packageSummary, type AppPackage, type TeamsManifest,
} from '../../scripts/package.js';
import { REPO_ROOT as repoRoot, readSchemaFile, teamsLocalizationSchema, teamsManifestSchema, teamsSchemaValidator } from '../support/schemas.js';

const APP_ID = '3f2a9c1e-7b4d-4e8a-9c61-0d5e2b7a4f10';
const PUBLISHER = {
  APP_DEVELOPER_NAME: 'Contoso IT',
  APP_WEBSITE_URL: 'https://it.contoso.com/addon-assistant',
  APP_PRIVACY_URL: 'https://it.contoso.com/privacy',
  APP_TERMS_URL: 'https://it.contoso.com/terms',
};
/** What `npm run package` gets with every variable set: a package to publish. */
const PUBLISHABLE: PackageConfig = loadPackageConfig({ MicrosoftAppId: APP_ID, ...PUBLISHER });
const SCOPES = ['personal', 'team', 'groupChat'];
const FILES = ['color.png', 'fr-fr.json', 'manifest.json', 'outline.png'];
const COMMANDS = ['buy', 'my add-ons', 'my orders', 'my requests', 'pending approvals', 'which add-ons', 'help'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Command { title: string; description?: string }
interface Bot { botId: string; scopes: string[]; supportsFiles?: boolean; isNotificationOnly?: boolean;
  commandLists: { scopes: string[]; commands: Command[] }[] }

async function unzip(zipPath: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.fromBufferPromise(readFileSync(zipPath), { lazyEntries: true });
  const files = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    files.set(entry.fileName, await buffer(await zip.openReadStreamPromise(entry)));
  }
  return files;
}

function errorsOf(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('\n');
}

function pngSize(png: Buffer): { width: number; height: number } {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  // The first chunk is IHDR: length (4 bytes), type (4), then width and height (4 each, big-endian).
  assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** "bots[0].commandLists[0].commands[3].title" → the value at that path in the manifest, or undefined. */
function atPath(root: Json, key: string): Json | undefined {
  let node: Json | undefined = root;
  for (const [, name, index] of key.matchAll(/([^.[\]]+)(?:\[(\d+)\])?/g)) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = node[name!];
    if (index !== undefined) node = Array.isArray(node) ? node[Number(index)] : undefined;
  }
  return node;
}

describe('Teams app package (npm run package)', function () {
  let tmp: string;
  let built: AppPackage;
  let warnings: string[];
  let files: Map<string, Buffer>;
  let manifest: JsonObject;
  let french: Record<string, string>;
  let bot: Bot;
  // Compiling a Teams schema takes a while: once per schema for this suite.
  const validators = new Map<string, ValidateFunction>();
  const loadValidator = (file: string): ValidateFunction => {
    const validate = validators.get(file) ?? teamsSchemaValidator(file);
    validators.set(file, validate);
    return validate;
  };
  const manifestValidator = () => loadValidator(teamsManifestSchema(MANIFEST_VERSION));
  const localizationValidator = () => loadValidator(teamsLocalizationSchema(MANIFEST_VERSION));

  const file = (name: string): Buffer => {
    const data = files.get(name);
    assert.ok(data, `${name} is in the zip`);
    return data;
  };

  before(async function () {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'addon-package-'));
    warnings = [];
    built = await buildAppPackage({ config: PUBLISHABLE, outDir: path.join(tmp, 'prod'), warn: (m) => warnings.push(m) });
    files = await unzip(built.zipPath);
    manifest = JSON.parse(file('manifest.json').toString('utf8')) as JsonObject;
    french = JSON.parse(file('fr-fr.json').toString('utf8')) as Record<string, string>;
    bot = (manifest as unknown as { bots: Bot[] }).bots[0]!;
  });

  after(function () {
    rmSync(tmp, { recursive: true, force: true });
  });

  it('writes appPackage.zip holding exactly manifest.json, fr-fr.json, color.png and outline.png at its root', function () {
    assert.equal(path.basename(built.zipPath), 'appPackage.zip');
    assert.deepEqual([...files.keys()].sort(), FILES);
    assert.deepEqual([...built.files].sort(), FILES);
  });

  it(`manifest.json is valid against the v${MANIFEST_VERSION} Teams manifest schema, with a matching $schema`, function () {
    assert.equal(manifest.manifestVersion, MANIFEST_VERSION);
    assert.ok(Number(MANIFEST_VERSION.split('.')[1]) >= 19, 'manifest version 1.19 or later');
    assert.equal(manifest.$schema, `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`);
    const validate = manifestValidator();
    assert.ok(validate(manifest), errorsOf(validate));
    assert.deepEqual(manifest, built.manifest as unknown as JsonObject, 'the zip holds the manifest the function returned');
  });

  it(`fr-fr.json is valid against the v${MANIFEST_VERSION} localization schema, with a matching $schema`, function () {
    assert.equal(french.$schema,
      `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json`);
    const validate = localizationValidator();
    assert.ok(validate(french), errorsOf(validate));
  });

  it('the validators are live: they refuse broken manifests and localization files', function () {
    const validate = manifestValidator();
    const broken: [string, (m: JsonObject & TeamsManifest) => void][] = [
      ['bot id not a GUID', (m) => { m.bots[0]!.botId = 'not-a-guid'; }],
      ['older manifestVersion', (m) => { m.manifestVersion = '1.19'; }],
      ['unknown property', (m) => { m.packageName = 'com.example.addonassistant'; }],
      ['short name over 30 characters', (m) => { (m.name as { short: string }).short = 'x'.repeat(31); }],
      ['accent color not #RRGGBB', (m) => { m.accentColor = 'blue'; }],
      ['no developer privacy URL', (m) => { delete (m.developer as unknown as Record<string, unknown>).privacyUrl; }],
      ['$schema not a URI', (m) => { m.$schema = 'not a uri'; }],
    ];
    for (const [what, breakIt] of broken) {
      const copy = structuredClone(manifest) as JsonObject & TeamsManifest;
      breakIt(copy);
      assert.equal(validate(copy), false, `manifest with ${what} should be refused`);
    }
    const validateFr = localizationValidator();
    const { 'description.short': _dropped, ...noShortDescription } = french;
    assert.equal(validateFr(noShortDescription), false, 'localization without description.short');
    assert.equal(validateFr({ ...french, 'bots[0].commandLists[0].commands[12].title': 'x' }), false, 'a 13th command');
    assert.equal(validateFr({ ...french, 'name.short': 'x'.repeat(31) }), false, 'short name over 30 characters');
  });

  it('uses the given MicrosoftAppId as app id and bot id and the APP_* publisher, without warning: ready to publish', function () {
    assert.equal(manifest.id, APP_ID);
    assert.equal(bot.botId, APP_ID);
    assert.equal(built.appId, APP_ID);
    assert.equal(built.placeholder, false);
    assert.deepEqual(manifest.developer, {
      name: 'Contoso IT', websiteUrl: 'https://it.contoso.com/addon-assistant', privacyUrl: 'https://it.contoso.com/privacy', termsOfUseUrl: 'https://it.contoso.com/terms',
    });
    assert.deepEqual(built.localTrialReasons, []);
    assert.deepEqual(warnings, []);
    assert.match(packageSummary(built, tmp), /^prod\/appPackage\.zip: Teams app package .*app id 3f2a9c1e-.*developer "Contoso IT".*\nReady to upload to Teams\.\n$/);
    assert.equal(manifest.version, (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('declares one conversational bot in personal, team and groupChat scopes, with one command list for all three', function () {
    assert.equal((manifest.bots as Json[]).length, 1);
    for (const scope of SCOPES) assert.ok(bot.scopes.includes(scope), `bot scope ${scope}`);
    assert.equal(bot.supportsFiles, false);
    assert.equal(bot.isNotificationOnly, false);
    assert.equal(bot.commandLists.length, 1);
    for (const scope of SCOPES) assert.ok(bot.commandLists[0]!.scopes.includes(scope), `command list scope ${scope}`);
  });

  it(`lists the commands ${COMMANDS.join(', ')}, each with a description, within the schema's limit`, function () {
    const commands = bot.commandLists[0]!.commands;
    assert.deepEqual(commands.map((c) => c.title), COMMANDS);
    for (const c of commands) assert.ok((c.description ?? '').trim().length > 0, `${c.title} has a description`);
    const schema = readSchemaFile(teamsManifestSchema(MANIFEST_VERSION)) as {
      properties: { bots: { items: { properties: { commandLists: { items: { properties: { commands: { maxItems: number } } } } } } } };
    };
    const limit = schema.properties.bots.items.properties.commandLists.items.properties.commands.maxItems;
    assert.ok(commands.length <= limit, `${commands.length} commands, at most ${limit}`);
  });

  it('never calls the checkout card a payment card ("carte de paiement") in French', function () {
    for (const [key, text] of Object.entries(french)) assert.doesNotMatch(text, /carte de paiement/i, key);
    assert.match(french['description.full'] ?? '', /récapitulatif de commande/);
  });

  it('has names, descriptions, developer https URLs, icons and accent color', function () {
    const m = manifest as unknown as {
      name: { short: string; full: string }; description: { short: string; full: string };
      developer: Record<string, string>; icons: { color: string; outline: string }; accentColor: string;
    };
    assert.equal(m.name.short, 'Add-on Assistant');
    assert.ok(m.name.full.length > 0 && m.description.short.length > 0 && m.description.full.length > 0);
    for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) {
      assert.equal(new URL(m.developer[key]!).protocol, 'https:', `developer.${key}`);
    }
    assert.deepEqual(m.icons, { color: 'color.png', outline: 'outline.png' });
    assert.match(m.accentColor, /^#[0-9A-Fa-f]{6}$/);
  });

  it('is in English by default, with fr-fr.json as its French translation', function () {
    assert.deepEqual(manifest.localizationInfo, {
      defaultLanguageTag: 'en-us',
      additionalLanguages: [{ languageTag: 'fr-fr', file: 'fr-fr.json' }],
    });
  });

  it('fr-fr.json translates the name, the description and every command title and description', function () {
    const commands = bot.commandLists[0]!.commands;
    const expected = ['name.short', 'name.full', 'description.short', 'description.full'];
    commands.forEach((_c, i) => {
      expected.push(`bots[0].commandLists[0].commands[${i}].title`, `bots[0].commandLists[0].commands[${i}].description`);
    });
    for (const key of expected) {
      const english = atPath(manifest, key);
      assert.equal(typeof english, 'string', `the manifest has ${key}`);
      assert.ok((french[key] ?? '').trim().length > 0, `fr-fr.json translates ${key}`);
      assert.notEqual(french[key], english, `${key} is translated, not copied`);
    }
    // Nothing else than $schema, and no key for something the manifest does not have (a stale index).
    assert.deepEqual(Object.keys(french).filter((k) => k !== '$schema').sort(), [...expected].sort());
  });

  it('color.png is 192×192 and opaque, in the accent color with a white glyph', function () {
    const png = file('color.png');
    assert.deepEqual(pngSize(png), { width: 192, height: 192 });
    const { width, height, data } = pngjs.PNG.sync.read(png);
    assert.deepEqual([width, height], [192, 192]);
    const hex = (manifest.accentColor as string).slice(1);
    const accent = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const at = (x: number, y: number): number[] => [...data.subarray((y * width + x) * 4, (y * width + x) * 4 + 4)];
    for (let i = 3; i < data.length; i += 4) assert.equal(data[i], 255, `pixel ${(i - 3) / 4} is opaque`);
    assert.deepEqual(at(0, 0), [...accent, 255], 'corner in the accent color');
    assert.deepEqual(at(96, 96), [255, 255, 255, 255], 'the center of the plus is white');
  });

  it('outline.png is 32×32, only white or fully transparent pixels, with both', function () {
    const png = file('outline.png');
    assert.deepEqual(pngSize(png), { width: 32, height: 32 });
    const { width, height, data } = pngjs.PNG.sync.read(png);
    assert.deepEqual([width, height], [32, 32]);
    let white = 0;
    let transparent = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
      if (a === 0) transparent++;
      else if (r === 255 && g === 255 && b === 255) white++;
      else assert.fail(`pixel ${i / 4} is rgba(${r}, ${g}, ${b}, ${a}): neither white nor fully transparent`);
    }
    assert.ok(white > 50, `a visible glyph (${white} white pixels)`);
    assert.ok(transparent > 500, `a transparent background (${transparent} transparent pixels)`);
  });

  it('gives a byte-identical zip for the same inputs', async function () {
    const again = await buildAppPackage({ config: PUBLISHABLE, outDir: path.join(tmp, 'again'), warn: (m) => warnings.push(m) });
    assert.ok(readFileSync(again.zipPath).equals(readFileSync(built.zipPath)));
    assert.deepEqual(readdirSync(path.join(tmp, 'again')), ['appPackage.zip'], 'no partial file left behind');
  });

  /** Builds with the environment `npm run package` would see; returns the package, its manifest and the warnings. */
  async function buildWith(env: Record<string, string | undefined>, dir: string) {
    const seen: string[] = [];
    const pkg = await buildAppPackage({ config: loadPackageConfig(env), outDir: path.join(tmp, dir), warn: (m) => seen.push(m) });
    const pkgManifest = JSON.parse((await unzip(pkg.zipPath)).get('manifest.json')!.toString('utf8')) as TeamsManifest;
    const validate = manifestValidator();
    assert.ok(validate(pkgManifest), errorsOf(validate));
    return { pkg, pkgManifest, seen };
  }

  for (const missing of [undefined, '', '   ']) {
    it(`without MicrosoftAppId (${JSON.stringify(missing)}): the placeholder id and a warning that it is for local trial only`, async function () {
      const { pkg, pkgManifest, seen } = await buildWith({ MicrosoftAppId: missing, ...PUBLISHER }, 'local');
      assert.equal(pkg.placeholder, true);
      assert.equal(pkgManifest.id, PLACEHOLDER_APP_ID);
      assert.equal(pkgManifest.bots[0]!.botId, PLACEHOLDER_APP_ID);
      assert.equal(seen.length, 1);
      assert.match(seen[0]!, /MicrosoftAppId/);
      assert.match(seen[0]!, /local trial only/);
      assert.deepEqual(pkg.localTrialReasons, seen);
      assert.match(packageSummary(pkg, tmp), /app id 0{8}-0000-4000-8000-0{12} \(placeholder\).*\nFOR A LOCAL TRIAL ONLY/);
    });
  }

  it('without the APP_* publisher: the example publisher, marked "(local trial)", and a warning naming the four variables', async function () {
    const { pkg, pkgManifest, seen } = await buildWith({ MicrosoftAppId: APP_ID, APP_DEVELOPER_NAME: ' ', APP_WEBSITE_URL: '' }, 'nopublisher');
    assert.equal(pkg.placeholder, false);
    assert.equal(pkgManifest.id, APP_ID);
    assert.equal(pkgManifest.developer.name, 'Add-on Assistant (local trial)');
    assert.match(pkgManifest.developer.websiteUrl, /^https:\/\/[^/]*\.example\.com\//);
    assert.equal(seen.length, 1);
    for (const name of ['APP_DEVELOPER_NAME', 'APP_WEBSITE_URL', 'APP_PRIVACY_URL', 'APP_TERMS_URL', 'local trial only']) {
      assert.ok(seen[0]!.includes(name), `${name} in ${seen[0]}`);
    }
    assert.match(packageSummary(pkg, tmp), /developer "Add-on Assistant \(local trial\)".*\nFOR A LOCAL TRIAL ONLY/);
  });

  it('with nothing set: both warnings, the placeholder id and the example publisher', async function () {
    const { pkg, pkgManifest, seen } = await buildWith({}, 'nothing');
    assert.equal(seen.length, 2);
    assert.equal(pkgManifest.id, PLACEHOLDER_APP_ID);
    assert.equal(pkgManifest.developer.name, 'Add-on Assistant (local trial)');
    assert.deepEqual(pkg.localTrialReasons, seen);
  });
});
