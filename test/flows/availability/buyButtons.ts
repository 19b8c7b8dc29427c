// The Buy buttons of an availability card, as "addon on plan" (or the add-on alone when the button has no plan).
import type { JsonObject } from '../../support/chat.js';

export function buyButtons(card: JsonObject): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) {
      const o = v as JsonObject;
      if (o.type === 'Action.Execute' && o.verb === 'availability.buy') {
        const data = o.data as JsonObject;
        const addonId = typeof data.addonId === 'string' ? data.addonId : '?';
        out.push(typeof data.planId === 'string' ? `${addonId} on ${data.planId}` : addonId);
        return;
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}
