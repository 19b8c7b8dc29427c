// Picking a command in Teams' command menu sends its title as the message text (in channels, after the bot's
// @mention, which the bot strips): each title, English and French, must be understood as the intended intent.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { understand } from '../../src/nlu/recognizer.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(repoRoot, 'manifest', file), 'utf8'));

interface Template { bots: { commandLists: { commands: { title: string }[] }[] }[] }

const INTENTS: Record<string, string> = {
  'buy': 'buy',
  'my add-ons': 'list_addons',
  'my orders': 'list_orders',
  'my requests': 'list_requests',
  'pending approvals': 'list_requests',
  'which add-ons': 'availability',
  'help': 'help',
};

describe('Teams command menu titles are understood by the bot', function () {
  const template = readJson('manifest.template.json') as Template;
  const french = readJson('fr-fr.json') as Record<string, string>;
  const commands = template.bots[0]!.commandLists[0]!.commands;

  commands.forEach(({ title }, i) => {
    const intent = INTENTS[title];
    const frenchTitle = french[`bots[0].commandLists[0].commands[${i}].title`] ?? '';

    it(`"${title}" / "${frenchTitle}" → ${intent ?? '?'}`, function () {
      assert.ok(intent, `an expected intent for "${title}"`);
      assert.equal(understand(title, 'en').intent, intent, `"${title}" in English`);
      const fr = understand(frenchTitle, 'fr');
      assert.equal(fr.intent, intent, `"${frenchTitle}" in French`);
      assert.equal(fr.language, 'fr', `"${frenchTitle}" is taken as French`);
    });
  });
});
