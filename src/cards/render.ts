// The card renderer: every template in cards/*.json is read and parsed ONCE, at load, and compiled on its first
// render (./expand.ts); a render is one expansion with the caller's data as `$root`, by the library's rules but
// without loading the library. Whatever the compiled form does not mirror exactly (a template using more of the
// language, a missing field) is expanded by adaptivecards-templating itself, loaded on that first need; its
// `Template` is also built once per card.
//
// The data interfaces (./cardData.ts, ./common.ts, ./data/) are the whole input of each card: every string is
// already localized and formatted by the caller (see ./text.ts for the fixed texts in English and French), so one
// template serves both languages. Optional fields are filled with neutral defaults there, so an expansion never meets
// an undefined field (which the library would render as a literal "${field}").
//
// Templates declare only `Action.Execute` (verb + ids); after each expansion the renderer puts the verb into the
// action's data and gives every Execute its `Action.Submit` fallback with the same title and data, so the two can
// never drift apart and the templates carry fewer expressions to parse and evaluate.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Template } from 'adaptivecards-templating';
import { CARD_NAMES, PREPARE, type CardDataMap, type CardName, type Prepare } from './cardData.js';
import { compileTemplate, expandCompiled, NotMirrored, type CompiledTemplate } from './expand.js';

type Templating = typeof import('adaptivecards-templating');

/** adaptivecards-templating (and adaptive-expressions under it), loaded on the first card that needs it. */
function loadTemplating(): Templating {
  return createRequire(import.meta.url)('adaptivecards-templating') as Templating;
}

// ---------------------------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------------------------

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly version: string;
  readonly [key: string]: unknown;
}

/** Assignable to botbuilder's `Attachment`; `content` is also what an adaptiveCard/action invoke response returns. */
export interface AdaptiveCardAttachment {
  readonly contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  readonly content: AdaptiveCard;
}

// ---------------------------------------------------------------------------------------------------------------
// Loading and rendering
// ---------------------------------------------------------------------------------------------------------------

export interface CardRendererOptions {
  /** Reads a template file as UTF-8 text; tests inject a counting reader. */
  readonly readFile?: (file: string) => string;
}

/**
 * The repository's cards/ directory, relative to this module: dist/src/cards/render.js → ../../../cards, and
 * src/cards/render.ts → ../../cards when run from source. Independent of the working directory.
 */
export function defaultCardsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../../../cards'), path.resolve(here, '../../cards')];
  return candidates.find((dir) => existsSync(path.join(dir, 'welcome.json'))) ?? candidates[0] ?? here;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * For every Action.Execute in the expanded card: data becomes { verb, ...data }, and `fallback` an Action.Submit
 * with the same title, style, associatedInputs and data, for clients without universal actions.
 */
function addSubmitFallbacks(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) addSubmitFallbacks(item);
    return;
  }
  if (!isRecord(node)) return;
  if (node.type === 'Action.Execute') {
    const { type: _type, verb, fallback: _fallback, data, ...rest } = node;
    const payload = { verb, ...(isRecord(data) ? data : {}) };
    node.data = payload;
    node.fallback = { type: 'Action.Submit', ...rest, data: { ...payload } };
    return;
  }
  for (const key in node) {
    const value = node[key];
    if (typeof value === 'object' && value !== null) addSubmitFallbacks(value);
  }
}

/**
 * Template strings repeat across cards ("${title}", "${flowId}", "${labels.cancel}"…: about 390 strings, 180 distinct)
 * and the library parses each one with a fresh ANTLR parser (about 0.6 ms each, most of the renderer's share of the
 * cold start). While a Template is built, its static string parser is memoized (in `parsed`, one per renderer), so
 * each distinct string is parsed once. Sharing a parsed expression between nodes is what the library already does
 * between expansions of one template: evaluating an expression does not change it.
 */
type ParsedString = ReturnType<typeof Template.parseInterpolatedString>;

function prepareTemplate({ Template }: Templating, payload: AdaptiveCard, parsed: Map<string, ParsedString>): Template {
  const parseInterpolatedString = Template.parseInterpolatedString.bind(Template);
  Template.parseInterpolatedString = (text: string) => {
    let known = parsed.get(text);
    if (known === undefined) {
      known = parseInterpolatedString(text);
      parsed.set(text, known);
    }
    return known;
  };
  try {
    return new Template(payload);
  } finally {
    Template.parseInterpolatedString = parseInterpolatedString;
  }
}

function isAdaptiveCard(value: unknown): value is AdaptiveCard {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'AdaptiveCard' &&
    typeof (value as { version?: unknown }).version === 'string';
}

/**
 * Every template is read, parsed as JSON and checked at load. Building a template's expressions (the ANTLR parses) is
 * done once per template, on its first render or by `prepare`: the first answer after a start then pays for its own
 * card only (the first template built also warms the parser: about 65 ms, then about 10 ms each), and the app
 * prepares the others once that answer is out.
 */
/** A card's template, compiled; `compiled` undefined: the template uses more than ./expand.ts mirrors. */
interface PreparedCard {
  readonly compiled: CompiledTemplate | undefined;
}

export class CardRenderer {
  private readonly templates = new Map<CardName, PreparedCard>();
  /** The library's templates, built on the first render that needs one. */
  private readonly libraryTemplates = new Map<CardName, Template>();
  private readonly parsed = new Map<string, ParsedString>();
  private templating: Templating | undefined;

  private constructor(private readonly payloads: ReadonlyMap<CardName, AdaptiveCard>, readonly dir: string) {}

  /** Reads and checks every template once. Throws, naming the file, if one is missing or malformed. */
  static load(dir: string = defaultCardsDir(), options: CardRendererOptions = {}): CardRenderer {
    const readFile = options.readFile ?? ((file: string) => readFileSync(file, 'utf8'));
    const payloads = new Map<CardName, AdaptiveCard>();
    for (const name of CARD_NAMES) {
      const file = path.join(dir, `${name}.json`);
      let payload: unknown;
      try {
        payload = JSON.parse(readFile(file));
      } catch (error) {
        throw new Error(`Card template ${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!isAdaptiveCard(payload) || payload.version !== '1.5') {
        throw new Error(`Card template ${file}: not an AdaptiveCard of version 1.5`);
      }
      payloads.set(name, payload);
    }
    return new CardRenderer(payloads, dir);
  }

  /** The cards whose template is not built yet. */
  unprepared(): CardName[] {
    return CARD_NAMES.filter((name) => !this.templates.has(name));
  }

  /** Builds the named template now if it is not built yet. */
  prepare(name: CardName): void {
    this.templateOf(name);
  }

  /** Expands the named template with `data` as $root. */
  render<K extends CardName>(name: K, data: CardDataMap[K]): AdaptiveCardAttachment {
    const { compiled } = this.templateOf(name);
    const prepare = PREPARE[name] as Prepare<K>;
    const root = prepare(data);
    const expanded: unknown = compiled ? this.expandFast(name, compiled, root) : this.expandWithLibrary(name, root);
    if (!isAdaptiveCard(expanded)) throw new Error(`Card ${name} did not expand to an AdaptiveCard`);
    // A top-level property whose `$when` was false expands to null (e.g. no `refresh` on a final approval card).
    const card = expanded as Record<string, unknown>;
    for (const key of Object.keys(card)) if (card[key] === null) delete card[key];
    addSubmitFallbacks(expanded);
    return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: expanded };
  }

  /** Expands by the library's rules with the library itself wherever the compiled form cannot mirror them. */
  private expandFast(name: CardName, compiled: CompiledTemplate, root: unknown): unknown {
    try {
      return expandCompiled(compiled, root);
    } catch (error) {
      if (error instanceof NotMirrored) return this.expandWithLibrary(name, root);
      throw error;
    }
  }

  /** Exposed for tests: the library's own expansion of a card (before the renderer's fallbacks are added). */
  expandWithLibrary(name: CardName, root: unknown): unknown {
    return this.libraryTemplateOf(name).expand({ $root: root });
  }

  private payloadOf(name: CardName): AdaptiveCard {
    const payload = this.payloads.get(name);
    if (!payload) throw new Error(`Unknown card ${name}`);
    return payload;
  }

  private templateOf(name: CardName): PreparedCard {
    const built = this.templates.get(name);
    if (built) return built;
    const prepared: PreparedCard = { compiled: compileTemplate(this.payloadOf(name)) };
    // A template the compiled form cannot read is built by the library now, as before, so that it fails early.
    if (!prepared.compiled) this.libraryTemplateOf(name);
    this.templates.set(name, prepared);
    return prepared;
  }

  private libraryTemplateOf(name: CardName): Template {
    const built = this.libraryTemplates.get(name);
    if (built) return built;
    this.templating ??= loadTemplating();
    const template = prepareTemplate(this.templating, this.payloadOf(name), this.parsed);
    this.libraryTemplates.set(name, template);
    return template;
  }
}
