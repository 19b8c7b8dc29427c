// The one text engine: tables of English and French entries checked against each other by the compiler, one
// placeholder syntax (`{name}` or `{name:form}`), numbers written the language's way and plurals chosen by
// Intl.PluralRules. A French table that lacks a key, or whose placeholders differ from the English entry, does not
// compile; neither does a call that forgets a parameter.
import type { Language } from '../domain/ids.js';
import { formatNumber, LOCALES } from './formats.js';

/** A product name with what French needs to put an article or a preposition before it. */
export interface Noun {
  readonly en: string;
  readonly fr: string;
  readonly frGender: 'm' | 'f';
  /** False for brand-led names that take no article in French ("Office 365 Entreprise E3", "Microsoft MyAnalytics"). */
  readonly frArticle: boolean;
  readonly frPlural?: boolean;
  /** The French name inside a sentence, after an article or preposition, when it differs ("espace de stockage…"). */
  readonly frInSentence?: string;
}

/** The French forms a noun placeholder can take: `{x:le}` "l’…/le …/la …/les …", `{x:de}` "de l’…/du …", `{x:a}` "à l’…/au …". */
export const NOUN_FORMS = ['le', 'de', 'a'] as const;
export type NounForm = (typeof NOUN_FORMS)[number];

/** Numbers are formatted for the language: "300,000" / "300 000". */
export type Value = string | number | Noun;
/** A plural entry is chosen by Intl.PluralRules on the `count` parameter. */
export type Entry = string | { readonly one: string; readonly other: string };

type PlaceholdersOf<S> = S extends `${string}{${infer P}}${infer R}` ? P | PlaceholdersOf<R> : never;
type NameOf<P> = P extends `${infer N}:${string}` ? N : P;
type TextsOf<E> = E extends string ? E : E extends { readonly one: infer O; readonly other: infer T } ? O | T : never;

/** The parameter names an entry uses, forms set aside; a plural entry also needs `count`. */
export type NamesOf<E> = NameOf<PlaceholdersOf<TextsOf<E>>> | (E extends string ? never : 'count');
/** The names used with a form (`{addon:de}`): their value must be a Noun. */
type FormNamesOf<E> = PlaceholdersOf<TextsOf<E>> extends infer P ? (P extends `${infer N}:${string}` ? N : never) : never;
/** Forms that are not one of NOUN_FORMS, to reject `{addon:du}` at compile time. */
type BadFormsOf<E> = PlaceholdersOf<TextsOf<E>> extends infer P ? (P extends `${string}:${infer F}` ? (F extends NounForm ? never : F) : never) : never;

export type ParamsOf<E> = {
  readonly [K in NamesOf<E>]: K extends 'count' ? number : K extends FormNamesOf<E> ? Noun : Value;
};

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

declare const TABLE: unique symbol;
/** A checked pair of tables; only `defineTexts` makes one. */
export interface TextTable<EN extends Readonly<Record<string, Entry>>, FR extends { readonly [K in keyof EN]: Entry }> {
  readonly [TABLE]: true;
  readonly en: EN;
  readonly fr: FR;
}

type FrenchChecked<EN, FR> = {
  readonly [K in keyof EN & keyof FR]: Same<NamesOf<EN[K]>, NamesOf<FR[K]>> extends true
    ? ([BadFormsOf<EN[K]> | BadFormsOf<FR[K]>] extends [never] ? unknown : 'unknown form: use le, de or a')
    : 'placeholders differ from English';
};

export function defineTexts<
  const EN extends Readonly<Record<string, Entry>>,
  const FR extends { readonly [K in keyof EN]: Entry },
>(en: EN, fr: FR & FrenchChecked<EN, FR>): TextTable<EN, FR> {
  return { en, fr } as TextTable<EN, FR>;
}

/** A keyed entry's text in the language, its placeholders filled. */
export function text<
  EN extends Readonly<Record<string, Entry>>,
  FR extends { readonly [K in keyof EN]: Entry },
  K extends keyof EN & string,
>(table: TextTable<EN, FR>, language: Language, key: K, ...params: Params<EN[K] | FR[K]>): string {
  const entries: Readonly<Record<string, Entry>> = language === 'fr' ? table.fr : table.en;
  const entry = entries[key];
  if (entry === undefined) throw new Error(`text: no entry ${key}`);
  const given: Readonly<Record<string, Value>> = params[0] ?? {};
  return fill(pick(entry, given, language), given, language);
}

/**
 * A keyed entry filled from parameters only known at run time (a domain error's params, a key chosen by a flow).
 * With `missing: 'empty'`, an absent parameter reads as nothing instead of failing the answer.
 */
export function textOfKey<EN extends Readonly<Record<string, Entry>>, FR extends { readonly [K in keyof EN]: Entry }>(
  table: TextTable<EN, FR>, language: Language, key: keyof EN & string, params: Readonly<Record<string, Value>>,
  missing: 'throw' | 'empty' = 'throw',
): string {
  const entries: Readonly<Record<string, Entry>> = language === 'fr' ? table.fr : table.en;
  const entry = entries[key];
  if (entry === undefined) throw new Error(`text: no entry ${key}`);
  return fill(pick(entry, params, language), params, language, missing);
}

/** Entries without placeholders need no parameter object. */
type Params<E> = [NamesOf<E>] extends [never] ? [params?: Readonly<Record<string, never>>] : [params: ParamsOf<E>];

const PLURAL_RULES: Readonly<Record<Language, Intl.PluralRules>> = {
  en: new Intl.PluralRules(LOCALES.en),
  fr: new Intl.PluralRules(LOCALES.fr),
};

function pick(entry: Entry, params: Readonly<Record<string, Value>>, language: Language): string {
  if (typeof entry === 'string') return entry;
  const count = params.count;
  if (typeof count !== 'number') throw new Error('text: a plural entry needs a numeric count');
  // French puts 0 and 1 in "one" and large round numbers in "many", which reads like "other".
  return PLURAL_RULES[language].select(count) === 'one' ? entry.one : entry.other;
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z]+))?\}/g;

/**
 * Fills the `{name}` placeholders of a template that lives outside a table (the card texts, shaped by their cards):
 * values as given, an absent one left as is; a French "de {name}" before a vowel elides ("la quantité d’Audioconférence").
 */
export function fillTemplate(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/(\bde )?\{(\w+)\}/g, (whole, de: string | undefined, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return de === undefined ? String(value) : withDe(String(value));
  });
}

/** "de …" with French elision: "d’Office 365 Entreprise E3", "de Microsoft MyAnalytics". */
export function withDe(name: string): string {
  return ELIDES.test(name) ? `d’${name}` : `de ${name}`;
}

function fill(template: string, params: Readonly<Record<string, Value>>, language: Language, missing: 'throw' | 'empty' = 'throw'): string {
  return template.replace(PLACEHOLDER, (_, name: string, form: string | undefined) => {
    const value = params[name];
    if (value === undefined && missing === 'empty') return '';
    if (value === undefined) throw new Error(`text: missing parameter ${name}`);
    return valueIn(value, language, form);
  });
}

function valueIn(value: Value, language: Language, form: string | undefined): string {
  if (typeof value === 'number') return formatNumber(value, language);
  if (typeof value === 'string') return value;
  return nounIn(value, language, form as NounForm | undefined);
}

function isNounForm(form: string): form is NounForm {
  return (NOUN_FORMS as readonly string[]).includes(form);
}

/** French elides "le", "la" and "de" before a vowel sound; none of the catalog names starts with a mute h ("de Yammer": y is not elided). */
const ELIDES = /^[aeiouàâäéèêëîïôöûùüœæ]/i;

/** A noun in the language, with the French article or preposition the form asks for; English ignores the form. */
export function nounIn(noun: Noun, language: Language, form?: NounForm): string {
  if (form !== undefined && !isNounForm(form)) throw new Error(`text: unknown form ${String(form)}`);
  if (language === 'en') return noun.en;
  if (form === undefined) return noun.fr;
  const name = noun.frInSentence ?? noun.fr;
  const elides = ELIDES.test(name);
  if (!noun.frArticle) {
    if (form === 'le') return name;
    if (form === 'de') return withDe(name);
    return `à ${name}`;
  }
  if (noun.frPlural === true) return `${{ le: 'les', de: 'des', a: 'aux' }[form]} ${name}`;
  if (elides) return `${{ le: 'l’', de: 'de l’', a: 'à l’' }[form]}${name}`;
  const articles = noun.frGender === 'm' ? { le: 'le', de: 'du', a: 'au' } : { le: 'la', de: 'de la', a: 'à la' };
  return `${articles[form]} ${name}`;
}
