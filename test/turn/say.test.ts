// The bot's lines through the text engine: typed by key (a line with placeholders needs its parameters), filled in
// the turn's language or the one asked for, and card texts filled by the same engine.
import { strict as assert } from 'node:assert';
import { TestAdapter, TurnContext } from 'botbuilder';
import { fill } from '../../src/cards/text.js';
import { fillTemplate, withDe } from '../../src/i18n/text.js';
import { say, type DialogDeps } from '../../src/turn/dialogDeps.js';
import { setLanguage } from '../../src/turn/turnState.js';

/** say reads nothing of the dependencies: the lines are a typed table, no service instance. */
const deps = {} as unknown as DialogDeps;

function turnIn(language: 'en' | 'fr'): TurnContext {
  const context = new TurnContext(new TestAdapter(), { type: 'message', text: 'x' });
  setLanguage(context, language);
  return context;
}

describe('say', () => {
  it('says a line in the turn’s language, or in the one asked for', () => {
    const fr = turnIn('fr');
    assert.equal(say(deps, fr, 'alreadyDoneBy', { date: '23 novembre 2026', name: 'Megan Bowen' }),
      'C’était déjà fait le 23 novembre 2026 par Megan Bowen : rien de plus n’a été modifié.');
    assert.equal(say(deps, fr, 'canceledTitle', {}, 'en'), 'Canceled');
    assert.equal(say(deps, turnIn('en'), 'answered'), 'Got it');
  });

  it('writes numbers the language’s way', () => {
    assert.match(say(deps, turnIn('en'), 'supportRequestOpened', { id: 12000, addon: 'Phone System' }), /request 12,000 is open/);
    assert.match(say(deps, turnIn('fr'), 'supportRequestOpened', { id: 12000, addon: 'Phone System' }).replace(/[\u00a0\u202f]/g, ' '), /support 12 000 est/);
  });

  it('does not compile, and fails, without the parameters a line needs', () => {
    // @ts-expect-error alreadyDoneBy needs date and name
    assert.throws(() => say(deps, turnIn('en'), 'alreadyDoneBy'), /missing parameter date/);
    // @ts-expect-error no such line
    assert.throws(() => say(deps, turnIn('en'), 'noSuchLine'), /no entry noSuchLine/);
  });
});

describe('card texts through the engine', () => {
  it('fills {name} placeholders and leaves unknown ones', () => {
    assert.equal(fill('Buy {addon} for {plan}', { addon: 'Phone System' }), 'Buy Phone System for {plan}');
    assert.equal(fillTemplate('{n} GB', { n: 50 }), '50 GB');
  });

  it('elides a French "de" before a vowel, not before y or a consonant', () => {
    assert.equal(fill('la quantité de {addon}', { addon: 'Audioconférence' }), 'la quantité d’Audioconférence');
    assert.equal(fill('votre commande de {plan}', { plan: 'Office 365 Entreprise E3' }), 'votre commande d’Office 365 Entreprise E3');
    assert.equal(withDe('Yammer'), 'de Yammer');
    assert.equal(withDe('Microsoft MyAnalytics'), 'de Microsoft MyAnalytics');
  });
});
