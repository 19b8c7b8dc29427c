// The schemas the tests validate against, from the project's own schemas/ folder (see schemas/SOURCES.md): the one
// place that knows their paths. A missing file is an error naming the path, so a test that needs it fails loudly.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import Ajv04 from 'ajv-draft-04';

/** dist/test/support → the repository root. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SCHEMAS_DIR = path.join(REPO_ROOT, 'schemas');

export const ADAPTIVE_CARD_SCHEMA = path.join(SCHEMAS_DIR, 'adaptive-cards', 'adaptive-card-1.5.schema.json');
export const TEAMS_HOST_CONFIGS = {
  light: path.join(SCHEMAS_DIR, 'adaptive-cards', 'host-config.microsoft-teams-light.json'),
  dark: path.join(SCHEMAS_DIR, 'adaptive-cards', 'host-config.microsoft-teams-dark.json'),
} as const;

/** The Teams manifest schema of a manifest version, e.g. "1.29". */
export function teamsManifestSchema(version: string): string {
  return path.join(SCHEMAS_DIR, 'teams-manifest', `v${version}.MicrosoftTeams.schema.json`);
}

/** The Teams localization file schema of a manifest version. */
export function teamsLocalizationSchema(version: string): string {
  return path.join(SCHEMAS_DIR, 'teams-manifest', `v${version}.MicrosoftTeams.Localization.schema.json`);
}

/** A vendored JSON file; throws naming the file when it is missing, never yields something empty. */
export function readSchemaFile(file: string): Record<string, unknown> {
  if (!existsSync(file)) {
    throw new Error(`${path.relative(REPO_ROOT, file)} is missing: the project carries the schemas its tests use (schemas/SOURCES.md)`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** Formats accepted by the card and manifest schemas; ajv-formats is not installed, so they are checked here. */
const FORMATS = {
  uri: (s: string) => URL.canParse(s),
  'uri-reference': (s: string) => URL.canParse(s, 'https://example.invalid/'),
};

/** A validator for Adaptive Cards 1.5 (draft-06, named with `id`, which Ajv 8 wants as `$id`). */
export function adaptiveCardValidator(): ValidateFunction {
  const { id, ...schema } = readSchemaFile(ADAPTIVE_CARD_SCHEMA);
  assert.equal(schema.$schema, 'http://json-schema.org/draft-06/schema#');
  assert.ok(typeof id === 'string', 'the card schema names itself with `id`');
  const draft06 = createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-06.json') as object;
  // strict: false because the schema uses its own keywords (version, features) that Ajv does not know.
  const ajv = new Ajv({ strict: false, allErrors: true, formats: FORMATS });
  ajv.addMetaSchema(draft06);
  return ajv.compile({ ...schema, $id: id });
}

/**
 * A validator for one of the Teams schemas (draft-04, which Ajv 8 supports only through ajv-draft-04; it carries
 * the draft-04 meta-schema and the schemas reference nothing else).
 */
export function teamsSchemaValidator(file: string): ValidateFunction {
  const schema = readSchemaFile(file);
  assert.equal(schema.$schema, 'http://json-schema.org/draft-04/schema#');
  const ajv = new Ajv04.default({
    allErrors: true,
    // Draft-04 patterns are ECMA-262 regular expressions without the `u` flag; Microsoft's use escapes (`\a`, a lone
    // `]`) that a unicode RegExp refuses.
    unicodeRegExp: false,
    // Microsoft's schemas put `additionalProperties` etc. beside a `$ref` without a `type`: not our schema to tidy.
    strictTypes: false,
    strictTuples: false,
    formats: FORMATS,
  });
  return ajv.compile(schema);
}

/** The parts of a Teams host config the card tests read. */
export interface HostConfig {
  actions: { maxActions: number };
  containerStyles: Record<string, { foregroundColors: Record<string, unknown> }>;
  spacing: Record<string, number>;
}

/** Teams' host configs, light and dark. */
export function teamsHostConfigs(): { light: HostConfig; dark: HostConfig } {
  return {
    light: readSchemaFile(TEAMS_HOST_CONFIGS.light) as unknown as HostConfig,
    dark: readSchemaFile(TEAMS_HOST_CONFIGS.dark) as unknown as HostConfig,
  };
}
