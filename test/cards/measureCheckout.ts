// Not a test: measures one checkout expansion with the Template built once (the renderer) against a Template built
// per call. Run after a build: node dist/test/cards/measureCheckout.js
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Template } from 'adaptivecards-templating';
import os from 'node:os';
import { CARD_NAMES, type CardDataMap, type CardName } from '../../src/cards/cardData.js';
import { CardRenderer, defaultCardsDir } from '../../src/cards/render.js';
import { allCards, checkout, chooseSubscription, manySubscriptions } from './cardData.js';

function perCall(label: string, n: number, fn: () => unknown): void {
  for (let i = 0; i < Math.min(n, 2000); i += 1) fn(); // warm-up
  // CPU time as well as wall time: on a shared, loaded machine the CPU time is the steadier figure.
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < n; i += 1) fn();
  const us = ((performance.now() - start) * 1000) / n;
  const used = process.cpuUsage(cpu);
  const cpuUs = (used.user + used.system) / n;
  process.stdout.write(`${label.padEnd(52)} ${us.toFixed(1).padStart(8)} µs/call wall ${cpuUs.toFixed(1).padStart(8)} µs/call CPU  (${n} calls)\n`);
}

process.stdout.write(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} cores\n`);
const loadStart = performance.now();
const renderer = CardRenderer.load();
process.stdout.write(`CardRenderer.load (7 templates)${' '.repeat(22)} ${((performance.now() - loadStart) * 1000).toFixed(0).padStart(8)} µs\n`);

const en = checkout('en');
const fr = checkout('fr');
const size = Buffer.byteLength(JSON.stringify(renderer.render('checkout', en).content));
process.stdout.write(`checkout card: ${size} bytes serialized\n`);
perCall('checkout, renderer (Template built once), en', 20000, () => renderer.render('checkout', en));
perCall('checkout, renderer (Template built once), fr', 20000, () => renderer.render('checkout', fr));
perCall('checkout, render + JSON.stringify', 20000, () => JSON.stringify(renderer.render('checkout', en)));
const raw: unknown = JSON.parse(readFileSync(path.join(defaultCardsDir(), 'checkout.json'), 'utf8'));
perCall('checkout, Template built per call (for comparison)', 2000, () => {
  const expanded: unknown = new Template(raw).expand({ $root: { ...en, intro: en.intro ?? '', selectedPaymentMethodId: 'PM-000001' } });
  return expanded;
});
const big = chooseSubscription('en', manySubscriptions(500), 7);
perCall('choice, page 8 of 500 subscriptions', 20000, () => renderer.render('choice', big));
for (const name of CARD_NAMES) {
  const data = allCards('en')[name][0] as CardDataMap[CardName];
  perCall(`${name} (first en variant)`, 10000, () => renderer.render(name, data));
}
