// The nudge cards' data, built from each kind of nudge in English and French: the figures the domain computed
// (quantities, refund, charge, dates) formatted per language, and only the buttons that apply.
import assert from 'node:assert/strict';
import type { NudgeCardData } from '../../../src/cards/data/nudge.js';
import { CardRenderer } from '../../../src/cards/render.js';
import { nudgeActivity, nudgeCard, nudgeMessages } from '../../../src/flows/nudges/cards.js';
import { ALL_NUDGES, APPROVAL_WAITING, ENDING, REFUND_WINDOW, RENEWAL } from '../../cards/fixtures/nudges.js';
import { actionData, cardText } from '../../support/chat.js';
import { isObject } from '../../support/json.js';

/** French numbers and amounts use no-break spaces ("1 920,00 $US"): compared here as plain spaces. */
function plain(s: string | undefined): string {
  return (s ?? '').replace(/[\u00a0\u202f]/g, ' ');
}

function facts(card: NudgeCardData): Record<string, string> {
  return Object.fromEntries(card.facts.map((f) => [f.title, plain(f.value)]));
}

function buttons(card: NudgeCardData): string[] {
  return [card.reduce?.title, card.recurring?.title, card.request?.title, card.labels.keep, card.labels.stopReminders].filter((t): t is string => !!t);
}

describe('Nudge cards', () => {
  describe('refund window closing', () => {
    it('in English: unassigned of bought, until when, reduce to the assigned count and the refund; Reduce, Keep, Stop', () => {
      const card = nudgeCard(REFUND_WINDOW, 'en');
      assert.equal(card.title, 'Audio Conferencing: 6 of 10 licenses unassigned');
      assert.equal(card.message, 'Until November 27, 2026 at 10:00 AM UTC you can reduce to 4 and get $115.07 back.');
      assert.deepEqual(facts(card), {
        Quantity: '10 licenses', Assigned: '4 licenses', 'Refund window closes': 'November 27, 2026 at 10:00 AM UTC', 'Refund if reduced to 4 licenses': '$115.07',
      });
      assert.deepEqual(buttons(card), ['Reduce to 4', 'Keep them', 'Stop these reminders']);
      assert.deepEqual([card.subscriptionId, card.kind, card.reduce?.quantity], ['sub-audio-conferencing', 'refund_window', 4]);
    });

    it('in French: the same figures written the French way', () => {
      const card = nudgeCard({ ...REFUND_WINDOW, refund: { amount: 11_507, currency: 'EUR' } }, 'fr');
      assert.equal(card.title, 'Audioconférence : 6 licences sur 10 non attribuées');
      assert.equal(plain(card.message), 'Jusqu’au 27 novembre 2026 à 10:00 UTC, vous pouvez passer à 4 et récupérer 115,07 €.');
      assert.equal(facts(card)['Fin du délai de remboursement'], '27 novembre 2026 à 10:00 UTC');
      assert.deepEqual(buttons(card), ['Passer à 4', 'Les garder', 'Arrêter ces rappels']);
      assert.equal(card.note, 'J’envoie chaque rappel une seule fois. Dites « arrête les rappels » pour ne plus en recevoir.');
    });

    it('one license unassigned reads in the singular in French', () => {
      assert.equal(nudgeCard({ ...REFUND_WINDOW, assigned: 9, reduceTo: 9 }, 'fr').title, 'Audioconférence : 1 licence sur 10 non attribuée');
    });
  });

  describe('renewal ahead', () => {
    it('in English: the charge and the date, the unassigned licenses; reduce at renewal to the assigned count, turn off recurring billing', () => {
      const card = nudgeCard(RENEWAL, 'en');
      assert.equal(card.title, 'Phone System: renews on September 24, 2027');
      assert.equal(card.message, 'On September 24, 2027, Phone System renews for a year and $1,920.00 will be charged. 5 of its 20 licenses are unassigned.');
      assert.deepEqual(facts(card), {
        'Renews on': 'September 24, 2027', 'Charged at renewal': '$1,920.00', 'Billing frequency': 'Yearly', Quantity: '20 licenses', Assigned: '15 licenses',
      });
      assert.deepEqual(buttons(card), ['Reduce to 15 at renewal', 'Turn off recurring billing', 'Stop these reminders']);
      assert.equal(card.recurring?.turnOn, false);
    });

    it('in French, with a change already scheduled (said, shown, and no second reduction offered) and everything assigned', () => {
      const scheduled = { quantity: 15, effectiveAt: RENEWAL.renewsAt, scheduledBy: RENEWAL.adminId, scheduledAt: '2026-11-01T00:00:00.000Z' };
      const card = nudgeCard({ ...RENEWAL, frequency: 'monthly', charge: { amount: 14_400, currency: 'USD' }, scheduledChange: scheduled }, 'fr');
      assert.equal(plain(card.message), 'Le 24 septembre 2027, renouvellement du Système téléphonique pour un mois : 144,00 $US seront facturés. '
        + '5 licences sur 20 ne sont pas attribuées. Un passage à 15 licences est déjà prévu au renouvellement ; le montant en tient compte.');
      assert.equal(facts(card)['Modification prévue'], '15 licences à partir du 24 septembre 2027');
      assert.deepEqual(buttons(card), ['Désactiver la facturation récurrente', 'Arrêter ces rappels']);
    });

    it('storage (nothing to assign) and a fully assigned add-on get no reduction button', () => {
      assert.equal(nudgeCard({ ...RENEWAL, addonId: 'extra-file-storage', quantity: 100, assigned: 0 }, 'en').reduce, undefined);
      assert.equal(nudgeCard({ ...RENEWAL, assigned: 20 }, 'en').reduce, undefined);
    });
  });

  describe('ending', () => {
    it('in English and French: the end date and what stops working, per kind of unit; turn recurring billing back on', () => {
      const storage = nudgeCard(ENDING, 'en');
      assert.equal(storage.title, 'Office 365 Extra File Storage: ends on January 15, 2027');
      assert.equal(storage.message, 'Recurring billing is off, so Office 365 Extra File Storage ends on January 15, 2027. After that, its 100 GB of extra storage are removed.');
      assert.deepEqual(buttons(storage), ['Turn recurring billing back on', 'Stop these reminders']);
      assert.equal(storage.recurring?.turnOn, true);
      const licenses = nudgeCard({ ...ENDING, addonId: 'audio-conferencing', quantity: 10, assigned: 6 }, 'fr');
      assert.equal(plain(licenses.message), 'La facturation récurrente est désactivée : fin de l’Audioconférence le 15 janvier 2027. '
        + 'Ensuite, les 6 personnes qui l’utilisent n’y ont plus accès.');
      assert.ok(nudgeCard({ ...ENDING, addonId: 'audio-conferencing', quantity: 10, assigned: 1 }, 'en').message.endsWith('After that, the person it’s assigned to loses access.'));
      assert.ok(nudgeCard({ ...ENDING, addonId: 'audio-conferencing', quantity: 10, assigned: 0 }, 'en').message
        .endsWith('None of its 10 licenses are assigned to anyone: nobody loses anything when it ends.'));
      assert.deepEqual(buttons(licenses), ['Réactiver la facturation récurrente', 'Arrêter ces rappels']);
      assert.ok(nudgeCard({ ...ENDING, addonId: 'communications-credits', quantity: 500 }, 'fr').message.includes('fin des Crédits de communication le 15 janvier 2027'));
    });
  });

  describe('approvals waiting', () => {
    it('in English and French: who asked for what, since when, the total; a button that opens the request', () => {
      const en = nudgeCard(APPROVAL_WAITING, 'en');
      assert.equal(en.message, 'Lee Gu asked for 5 licenses of Customer Lockbox on November 21, 2026, and nobody has decided yet. The request expires on November 28, 2026.');
      assert.equal(facts(en)['Total per year (quoted)'], '$120.00');
      assert.deepEqual(en.request, { requestId: 'REQ-000007', tenantId: APPROVAL_WAITING.tenantId, title: 'Review the request' });
      assert.deepEqual(buttons(en), ['Review the request', 'Stop these reminders']);
      const fr = nudgeCard(APPROVAL_WAITING, 'fr');
      assert.equal(fr.title, 'Une demande d’achat vous attend');
      assert.ok(plain(fr.message).startsWith('Lee Gu a demandé 5 licences du Référentiel sécurisé du client le 21 novembre 2026'), fr.message);
      assert.equal(facts(fr)['Total par an (devis)'], '120,00 $US');
    });
  });

  describe('the message the sweep sends', () => {
    it('is one Adaptive Card whose buttons carry ids and the quantity asked only, with its title as the preview', () => {
      const renderer = CardRenderer.load();
      for (const nudge of ALL_NUDGES) {
        for (const language of ['en', 'fr'] as const) {
          const activity = nudgeMessages(renderer)(nudge, language);
          assert.equal(activity.type, 'message');
          assert.equal(activity.summary, nudgeCard(nudge, language).title);
          const attachment: unknown = activity.attachments?.[0];
          assert.ok(isObject(attachment) && isObject(attachment.content) && attachment.content.version === '1.5');
        }
      }
      const card = nudgeActivity(REFUND_WINDOW, 'en').attachments?.[0]?.content as unknown;
      assert.ok(isObject(card));
      assert.deepEqual(actionData(card, 'nudge.reduce'), { verb: 'nudge.reduce', subscriptionId: 'sub-audio-conferencing', quantity: 4, kind: 'refund_window' });
      assert.deepEqual(actionData(card, 'nudge.keep'), { verb: 'nudge.keep', subscriptionId: 'sub-audio-conferencing', kind: 'refund_window' });
      assert.ok(!cardText(card).includes('${'), 'no binding left');
    });
  });
});
