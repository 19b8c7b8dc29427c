// The router's own lines: a card it cannot read, a flow left for a new request, a held flow taken up again.
import { defineTexts } from '../i18n/text.js';

export const ROUTER_TEXTS = defineTexts({
  unreadableCard: 'I couldn’t read that card: type help to see what I can do.',
  purchaseHeld: 'I put your purchase of {addon} aside for this; type back to return to it.',
  purchaseHeldNoAddon: 'I put your purchase aside for this; type back to return to it.',
  purchaseStopped: 'I stopped your purchase of {addon} for this.',
  purchaseStoppedNoAddon: 'I stopped your purchase for this.',
  changeHeld: 'I put your change to {addon} aside for this; type back to return to it.',
  changeStopped: 'I stopped your change to {addon} for this.',
  changeStoppedNoAddon: 'I stopped your change for this.',
  purchaseResumed: 'Back to your purchase of {addon}.',
  purchaseResumedNoAddon: 'Back to your purchase.',
  changeResumed: 'Back to your change to {addon}.',
}, {
  unreadableCard: 'Je n’ai pas pu lire cette carte : tapez aide pour voir ce que je sais faire.',
  purchaseHeld: 'J’ai mis de côté votre achat {addon:de} pour cela ; tapez retour pour y revenir.',
  purchaseHeldNoAddon: 'J’ai mis de côté votre achat pour cela ; tapez retour pour y revenir.',
  purchaseStopped: 'J’ai arrêté votre achat {addon:de} pour cela.',
  purchaseStoppedNoAddon: 'J’ai arrêté votre achat pour cela.',
  changeHeld: 'J’ai mis de côté votre modification {addon:de} pour cela ; tapez retour pour y revenir.',
  changeStopped: 'J’ai arrêté votre modification {addon:de} pour cela.',
  changeStoppedNoAddon: 'J’ai arrêté votre modification pour cela.',
  purchaseResumed: 'Reprenons votre achat {addon:de}.',
  purchaseResumedNoAddon: 'Reprenons votre achat.',
  changeResumed: 'Reprenons votre modification {addon:de}.',
});
