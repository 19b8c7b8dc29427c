// Every example the help and welcome cards (and the manifest's description) give, typed as written in a fresh chat
// on the demo tenant, leads somewhere: no "I didn't understand", no dead end, no error.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { CONVERSATION_CARD_TEXTS } from '../../src/conversation/cardTexts.js';
import type { Language } from '../../src/domain/ids.js';
import { demoWorld, TENANT_A } from '../support/billingHarness.js';
import { Chat, rig } from '../support/chat.js';

const DEAD_ENDS = ['not_understood', 'nothing_to_change', 'not_eligible', 'unreadable_card'];
const LOCALES: Readonly<Record<Language, string>> = { en: 'en-US', fr: 'fr-FR' };

function examplesOf(language: Language): string[] {
  const { welcome, help } = CONVERSATION_CARD_TEXTS[language];
  return [...new Set([...welcome.examples, ...help.sections.flatMap((section) => section.lines)])];
}

/** The quoted examples of the manifest's long description ("…", « … »). */
function manifestExamples(language: Language): string[] {
  const raw = fs.readFileSync(language === 'en' ? 'manifest/manifest.template.json' : 'manifest/fr-fr.json', 'utf8');
  const parsed = JSON.parse(raw) as { description?: { full?: string }; 'description.full'?: string };
  const full = (language === 'en' ? parsed.description?.full : parsed['description.full']) ?? '';
  const quoted = language === 'en' ? /"([^"]+)"/g : /« ([^»]+) »/g;
  return [...full.matchAll(quoted)].map((m) => m[1] ?? '');
}

describe('Help examples work on the demo tenant', () => {
  for (const language of ['en', 'fr'] as const) {
    const examples = [...new Set([...examplesOf(language), ...manifestExamples(language)])];
    it(`the ${language.toUpperCase()} help, welcome and manifest examples are ${examples.length}, manifest included`, () => {
      assert.ok(examplesOf(language).length >= 8);
      assert.ok(manifestExamples(language).length >= 4, 'the manifest description quotes examples');
    });
    for (const example of examples) {
      it(`${language}: "${example}" leads somewhere`, async () => {
        const chatRig = rig(await demoWorld());
        const chat = new Chat(chatRig, { tenantId: TENANT_A, locale: LOCALES[language] });
        const reply = await chat.say(example);
        const last = chatRig.logs.filter((line) => 'outcome' in line).at(-1);
        const outcome = typeof last?.outcome === 'string' ? last.outcome : '';
        assert.ok(!DEAD_ENDS.includes(outcome) && !outcome.startsWith('error:'), `"${example}": outcome ${outcome}\n  ${reply.lines.join('\n  ')}`);
        assert.ok(reply.lines.length > 0, `"${example}" got no answer`);
      });
    }
  }
});
