// Lines the turn layer says itself, before any flow answers.
import { defineTexts } from '../i18n/text.js';

export const TURN_TEXTS = defineTexts(
  {
    languageFollowed: 'You wrote in English, so I’ll answer in English from now on. Type français to switch back.',
  },
  {
    languageFollowed: 'Vous écrivez en français : je vous réponds désormais en français. Tapez English pour revenir à l’anglais.',
  },
);
