// Every input on every card, in English and French, has a label: screen readers and Teams' own layout name the
// field by it (a placeholder disappears once something is typed, and a choice set has none).
import assert from 'node:assert/strict';
import { CARD_NAMES, type CardDataMap, type CardName } from '../../src/cards/cardData.js';
import { CardRenderer } from '../../src/cards/render.js';
import { allCards, LANGS } from './cardData.js';
import { asJson, isInput, str, walk } from './cardChecks.js';

describe('card input labels', () => {
  let renderer: CardRenderer;

  before(() => {
    renderer = CardRenderer.load();
  });

  for (const language of LANGS) {
    for (const name of CARD_NAMES) {
      it(`${name} (${language}): every Input.* has a non-empty label`, () => {
        const variants = allCards(language)[name] as readonly CardDataMap[CardName][];
        for (const [i, data] of variants.entries()) {
          const card = asJson(renderer.render(name, data).content);
          for (const input of [...walk(card)].filter(isInput)) {
            const label = input.label;
            assert.ok(typeof label === 'string' && label.trim().length > 0, `${name}[${i}] ${language}: ${str(input.type)} "${str(input.id)}" has no label`);
          }
        }
      });
    }
  }

  it('the choice card names what is chosen ("Subscription", "Module complémentaire") and a picker without its own label uses the question', () => {
    const [subscription] = allCards('en').choice;
    const [, addon] = allCards('fr').choice;
    assert.ok(subscription && addon);
    const labelOf = (data: CardDataMap['choice']) => [...walk(asJson(renderer.render('choice', data).content))].find(isInput)?.label;
    assert.equal(labelOf(subscription), 'Subscription');
    assert.equal(labelOf(addon), 'Module complémentaire');
    const { choice: _own, ...withoutLabel } = subscription.labels;
    assert.equal(labelOf({ ...subscription, labels: withoutLabel }), subscription.question);
  });

  it('the auto-assign toggle on the details card is labelled ("Auto-assign" / "Attribution automatique")', () => {
    for (const [language, expected] of [['en', 'Auto-assign'], ['fr', 'Attribution automatique']] as const) {
      const [details] = allCards(language).purchaseDetails;
      assert.ok(details);
      const toggle = [...walk(asJson(renderer.render('purchaseDetails', details).content))].find((o) => o.type === 'Input.Toggle');
      assert.equal(toggle?.label, expected);
    }
  });
});
