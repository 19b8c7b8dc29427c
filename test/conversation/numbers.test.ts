// Numbers mean what the admin wrote (SPEC section 3): a negative, fractional, unreadable or out-of-range number is
// never guessed. The bot says what it read and the product's range from the catalog, with the language's thousands
// separators, and asks again; nothing is quoted or changed. In the opening sentence, at the quantity question (typed
// and on the card) and in change quantity ("to 25", "5 more", "4 fewer"), in English and French.
import assert from 'node:assert/strict';
import { demoWorld, TENANT_A, type World } from '../support/billingHarness.js';
import { Chat, clicks, play, rig, says } from '../support/chat.js';

/** The narrow no-break space Intl puts between French digit groups. */
const NNBSP = '\u202f';
const fr = (text: string) => text.replace(/(?<=\d) (?=\d{3}\b)/g, NNBSP);

const STORAGE_EN = 'Office 365 Extra File Storage takes a whole number of GB from 1 to 1,000,000. How many do you want?';
const STORAGE_FR = fr('Espace de stockage supplémentaire Office 365 : un nombre entier de Go, de 1 à 1 000 000. Combien en voulez-vous ?');
const PHONE_EN = 'Phone System takes a whole number of licenses from 1 to 10,000. How many do you want?';
const PHONE_FR = fr('Système téléphonique : un nombre entier de licences, de 1 à 10 000. Combien en voulez-vous ?');

async function quotes(world: World): Promise<number> {
  return (await world.store.list(TENANT_A, 'quote', { limit: 100 })).items.length;
}

interface NumberCase {
  readonly en: string;
  readonly fr: string;
  /** What the bot says it read, in each language; undefined when the number is a quantity of the product. */
  readonly readEn?: string;
  readonly readFr?: string;
  /** When the number is a quantity: the quantity fact of the checkout card. */
  readonly quantityEn?: string;
  readonly quantityFr?: string;
}

// The cases of the issue: "-1", "minus 5", "5k", "nine hundred ninety nine quadrillion", "3 billion".
const CASES: readonly NumberCase[] = [
  { en: '-1', fr: '-1', readEn: 'I read -1. A quantity can’t be negative.', readFr: 'J’ai lu -1. Une quantité ne peut pas être négative.' },
  { en: 'minus 5', fr: 'moins 5',
    readEn: 'I read “minus 5” as -5. A quantity can’t be negative.', readFr: 'J’ai lu « moins 5 », soit -5. Une quantité ne peut pas être négative.' },
  { en: '5k', fr: '5k', quantityEn: '5,000 GB', quantityFr: fr('5 000 Go') },
  { en: 'nine hundred ninety nine quadrillion', fr: 'neuf cent quatre-vingt-dix-neuf billiards',
    readEn: 'I read “nine hundred ninety nine quadrillion” as 999,000,000,000,000,000. That’s more than the maximum.',
    readFr: fr('J’ai lu « neuf cent quatre-vingt-dix-neuf billiards », soit 999 000 000 000 000 000. C’est plus que le maximum.') },
  { en: '3 billion', fr: 'trois milliards',
    readEn: 'I read “3 billion” as 3,000,000,000. That’s more than the maximum.',
    readFr: fr('J’ai lu « trois milliards », soit 3 000 000 000. C’est plus que le maximum.') },
  { en: '2.5', fr: '2,5', readEn: 'I read 2.5. That isn’t a whole number.', readFr: 'J’ai lu 2,5. Ce n’est pas un nombre entier.' },
];

describe('Numbers mean what the admin wrote', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
  });

  for (const c of CASES) {
    describe(`"${c.en}" / "${c.fr}"`, () => {
      it('in the opening sentence (EN): said back with the range, then asked again; nothing quoted', async () => {
        const chat = new Chat(rig(world), { tenantId: TENANT_A });
        const sentence = `buy ${c.en} GB of storage for E3, billed yearly`;
        if (c.readEn === undefined) {
          const [reply] = await play(chat, [[sentence, says(sentence), ['card: Review your order']]]);
          assert.ok(JSON.stringify(reply?.cards).includes(c.quantityEn ?? '?'), `checkout shows ${c.quantityEn ?? ''}`);
          return;
        }
        await play(chat, [[sentence, says(sentence), [`${c.readEn} ${STORAGE_EN}`, 'card: Buy Office 365 Extra File Storage']]]);
        assert.equal(await quotes(world), 0);
        await play(chat, [['50', says('50'), ['card: Review your order']]]);
      });

      it('in the opening sentence (FR)', async () => {
        const chat = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR' });
        const sentence = `acheter ${c.fr} Go de stockage pour E3, facturé annuellement`;
        if (c.readFr === undefined) {
          const [reply] = await play(chat, [[sentence, says(sentence), ['card: Vérifiez votre commande']]]);
          assert.ok(JSON.stringify(reply?.cards).includes(c.quantityFr ?? '?'), `checkout shows ${c.quantityFr ?? ''}`);
          return;
        }
        await play(chat, [[sentence, says(sentence), [`${c.readFr} ${STORAGE_FR}`, 'card: Acheter l’espace de stockage supplémentaire Office 365']]]);
        assert.equal(await quotes(world), 0);
      });

      it('typed at the quantity question (EN and FR)', async () => {
        for (const [locale, start, typed, read, range] of [
          ['en-US', 'buy storage for E3', `${c.en} GB`, c.readEn, STORAGE_EN],
          ['fr-FR', 'acheter du stockage pour E3', `${c.fr} Go`, c.readFr, STORAGE_FR],
        ] as const) {
          const chat = new Chat(rig(world), { tenantId: TENANT_A, locale, conversationId: locale });
          await play(chat, [[start, says(start), ['card: ']]]);
          if (read === undefined) {
            await play(chat, [[typed, says(`${typed}, yearly`), [locale === 'en-US' ? 'card: Review your order' : 'card: Vérifiez votre commande']]]);
          } else {
            await play(chat, [[typed, says(typed), [`${read} ${range}`]]]);
            assert.ok(chat.dialogStack().length > 0, 'the question is still open');
          }
        }
        if (c.readEn !== undefined) assert.equal(await quotes(world), 0);
      });

      it('in change quantity: "set Phone System to …" / "passer le système téléphonique à …"', async () => {
        for (const [locale, sentence, read, range] of [
          ['en-US', `set Phone System to ${c.en}`, c.readEn, PHONE_EN],
          ['fr-FR', `passer le système téléphonique à ${c.fr}`, c.readFr, PHONE_FR],
        ] as const) {
          const chat = new Chat(rig(world), { tenantId: TENANT_A, locale, conversationId: locale });
          if (read === undefined) {
            await play(chat, [[sentence, says(sentence), [locale === 'en-US' ? 'card: Confirm the new quantity of Phone System' : 'card: Confirmez la nouvelle quantité']]]);
          } else {
            await play(chat, [[sentence, says(sentence), [`${read} ${range}`, locale === 'en-US' ? 'card: Add or remove licenses: Phone System' : 'card: Ajouter ou supprimer des licences']]]);
          }
        }
      });
    });
  }

  it('on the cards: the quantity input read as sent, said back, the card again (EN and FR)', async () => {
    for (const [locale, start, answer] of [
      ['en-US', 'buy storage for E3', 'I read -1. A quantity can’t be negative.'],
      ['fr-FR', 'acheter du stockage pour E3', 'J’ai lu -1. Une quantité ne peut pas être négative.'],
    ] as const) {
      const chat = new Chat(rig(world), { tenantId: TENANT_A, locale, conversationId: locale });
      await chat.say(start);
      await play(chat, [['-1 on the card', clicks('buy.details', { quantity: '-1', frequency: 'yearly' }), [answer, 'invoke card: ']]]);
    }
    const chat = new Chat(rig(world), { tenantId: TENANT_A, conversationId: 'change' });
    await chat.say('change the quantity of Phone System');
    await play(chat, [['20000 on the card', clicks('quantity.review', { quantity: '20000' }), [
      `I read 20,000. That’s more than the maximum. ${PHONE_EN}`, 'invoke card: Add or remove licenses: Phone System',
    ]]]);
    assert.equal(await quotes(world), 0);
  });

  it('"5 more" and "4 fewer": a good number whose new total is out of range says the total (EN and FR)', async () => {
    const en = new Chat(rig(world), { tenantId: TENANT_A });
    await play(en, [
      ['remove 30 licenses from Phone System', says('remove 30 licenses from Phone System'), [
        `I read 30. That makes a new total of -10. A quantity can’t be negative. ${PHONE_EN}`,
      ]],
      ['add 9,990 more', says('add 9,990 more'), [`I read 9,990. That makes a new total of 10,010. That’s more than the maximum. ${PHONE_EN}`]],
      ['5 more', says('5 more'), ['card: Confirm the new quantity of Phone System']],
    ]);
    const frChat = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR', conversationId: 'fr' });
    await play(frChat, [
      ['retirer 30 licences du système téléphonique', says('retirer 30 licences du système téléphonique'), [
        `J’ai lu 30. Cela ferait un nouveau total de -10. Une quantité ne peut pas être négative. ${PHONE_FR}`,
      ]],
      ['moins 4', says('ajouter moins 4 licences'), ['J’ai lu « moins 4 », soit -4. Une quantité ne peut pas être négative.']],
    ]);
    assert.equal(await quotes(world), 1, 'only "5 more" was quoted');
  });
});
