// The welcome and help cards.

export interface WelcomeCardData {
  readonly title: string;
  /** What the bot does. */
  readonly intro: string;
  readonly examplesHeading: string;
  /** Things to type, shown as a list. */
  readonly examples: readonly string[];
  /** E.g. "Type help at any time…"; omitted or '' hides it. */
  readonly footer?: string;
  readonly labels: { readonly buy: string; readonly addons: string; readonly help: string };
}

export interface HelpSection {
  readonly heading: string;
  readonly lines: readonly string[];
}

export interface HelpCardData {
  readonly title: string;
  readonly intro?: string;
  /** "What you can say", grouped (buy; change or remove; ask). */
  readonly sections: readonly HelpSection[];
  /** Cancel / back / help hints. */
  readonly hintsHeading: string;
  readonly hints: readonly string[];
  readonly languageHint: string;
  readonly labels: { readonly buy: string; readonly addons: string };
}

export function prepareWelcome(d: WelcomeCardData): object {
  return { ...d, footer: d.footer ?? '' };
}

export function prepareHelp(d: HelpCardData): object {
  return { ...d, intro: d.intro ?? '' };
}
