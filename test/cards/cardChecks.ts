// The checks every expanded card must pass (SPEC section 4 and the card contract), and the small JSON walkers the
// card tests share.
import assert from 'node:assert/strict';
import type { ValidateFunction } from 'ajv';
import type { AdaptiveCard } from '../../src/cards/render.js';
import { isVerb } from '../../src/conversation/verbs.js';
import type { HostConfig } from '../support/schemas.js';

export const MAX_BYTES = 28 * 1024;
import { isObject, walk, type Json, type JsonObject } from '../support/json.js';

export { isObject, walk, type Json, type JsonObject };

export const MAX_ACTIONS = 6;
/** The only keys a card action's data may carry: the verb and ids. Inputs are merged in by the client. */
export const ALLOWED_DATA_KEYS = new Set(['verb', 'flowId', 'quoteId', 'autoAssign', 'kind', 'page', 'subscriptionId', 'addonId', 'planId', 'cursor', 'requestId', 'tenantId', 'termsStamp', 'quantity']);
export const FORBIDDEN_DATA_KEY = /price|total|amount|charge|cost|role|admin|currency/i;


/** A JSON value as text: strings as is, anything else serialized. */
export function str(v: Json | undefined): string {
  return typeof v === 'string' ? v : JSON.stringify(v) ?? 'undefined';
}


export const isAction = (o: JsonObject): boolean => typeof o.type === 'string' && o.type.startsWith('Action.');
export const isInput = (o: JsonObject): boolean => typeof o.type === 'string' && o.type.startsWith('Input.');

export function asJson(card: AdaptiveCard): JsonObject {
  return JSON.parse(JSON.stringify(card)) as JsonObject;
}

export function topActions(card: JsonObject): JsonObject[] {
  return Array.isArray(card.actions) ? card.actions.filter(isObject) : [];
}

export function inputIds(card: JsonObject): string[] {
  return [...walk(card)].filter(isInput).map((o) => str(o.id));
}

export function findInput(card: JsonObject, id: string): JsonObject {
  const input = [...walk(card)].find((o) => isInput(o) && o.id === id);
  assert.ok(input, `input ${id}`);
  return input;
}

export function facts(card: JsonObject): Array<{ title: string; value: string }> {
  const set = [...walk(card)].find((o) => o.type === 'FactSet');
  assert.ok(set && Array.isArray(set.facts));
  return set.facts.filter(isObject).map((f) => ({ title: str(f.title), value: str(f.value) }));
}

export const CONTAINER_TYPES = new Set(['Container', 'Column', 'ColumnSet', 'TableCell']);

/** What a Teams host config (light or dark) cannot render as written: too many actions, an unknown style or color. */
export function hostConfigProblems(card: JsonObject, host: HostConfig): string[] {
  const problems: string[] = [];
  if (topActions(card).length > host.actions.maxActions) problems.push(`${topActions(card).length} actions > ${host.actions.maxActions}`);
  const styles = new Set(Object.keys(host.containerStyles).map((k) => k.toLowerCase()));
  const colors = new Set(Object.keys(host.containerStyles.default?.foregroundColors ?? {}).map((k) => k.toLowerCase()));
  for (const o of walk(card)) {
    if (CONTAINER_TYPES.has(str(o.type)) && o.style !== undefined && !styles.has(str(o.style).toLowerCase())) problems.push(`${str(o.type)} style ${str(o.style)}`);
    if ((o.type === 'TextBlock' || o.type === 'TextRun') && o.color !== undefined && !colors.has(str(o.color).toLowerCase())) problems.push(`${str(o.type)} color ${str(o.color)}`);
  }
  return problems;
}

/** Checks every rule of SPEC section 4 and of the card contract on one expanded card; returns its serialized size. */
export function checkCard(name: string, card: AdaptiveCard, validate: ValidateFunction): number {
  const serialized = JSON.stringify(card);
  const json = asJson(card);
  assert.ok(!serialized.includes('${'), `${name}: unexpanded binding in ${serialized.slice(serialized.indexOf('${') - 60, serialized.indexOf('${') + 40)}`);
  assert.equal(json.type, 'AdaptiveCard');
  assert.equal(json.version, '1.5');
  assert.ok(validate(json), `${name}: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`);
  assert.ok(topActions(json).length <= MAX_ACTIONS, `${name}: ${topActions(json).length} actions`);
  const bytes = Buffer.byteLength(serialized, 'utf8');
  assert.ok(bytes < MAX_BYTES, `${name}: ${bytes} bytes`);

  for (const action of [...walk(json)].filter(isAction)) {
    if (action.type === 'Action.Execute') {
      assert.ok(isVerb(action.verb), `${name}: unknown verb ${str(action.verb)}`);
      assert.ok(isObject(action.data), `${name}: Execute without data`);
      assert.equal(action.data.verb, action.verb, `${name}: data.verb differs from verb`);
      const fallback = action.fallback;
      assert.ok(isObject(fallback) && fallback.type === 'Action.Submit', `${name}: ${str(action.verb)} has no Action.Submit fallback`);
      assert.deepEqual(fallback.data, action.data, `${name}: fallback data differs`);
      assert.equal(fallback.title, action.title, `${name}: fallback title differs`);
      assert.equal(fallback.associatedInputs, action.associatedInputs, `${name}: fallback associatedInputs differs`);
    } else if (action.type === 'Action.Submit') {
      // A Submit is only ever the fallback of an Execute (checked above through its parent).
      assert.ok([...walk(json)].some((o) => o.type === 'Action.Execute' && o.fallback === action), `${name}: a bare Action.Submit`);
    } else if (action.type === 'Action.OpenUrl') {
      // An admin center page: a go.microsoft.com link of SPEC section 2, or the worldwide Billing > Payment methods page.
      assert.match(str(action.url), /^https:\/\/(go\.microsoft\.com\/fwlink\/p\/\?linkid=\d+|admin\.microsoft\.com\/#\/billing\/paymentmethods)$/);
      assert.ok(str(action.title).length > 0);
    } else {
      assert.equal(action.type, 'Action.ShowCard', `${name}: unexpected ${str(action.type)}`);
    }
    if (action.type === 'Action.Execute' || action.type === 'Action.Submit') {
      assert.ok(isObject(action.data));
      for (const [key, value] of Object.entries(action.data)) {
        assert.ok(ALLOWED_DATA_KEYS.has(key), `${name}: data key ${key} is not a verb or an id`);
        assert.doesNotMatch(key, FORBIDDEN_DATA_KEY);
        assert.ok(typeof value === 'string' || typeof value === 'number', `${name}: data.${key} is not a scalar`);
        if (typeof value === 'string') assert.ok(value.length > 0 && !/[$€£¥]|\d[.,]\d\d\b/.test(value), `${name}: data.${key} = ${value}`);
      }
    }
  }
  return bytes;
}
