import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { adminCenterLink } from '../../src/cards/adminCenter.js';
import { CARD_NAMES, type CardDataMap, type CardName } from '../../src/cards/cardData.js';
import { CHOICE_PAGE_SIZE, pageOf } from '../../src/cards/common.js';
import { CardRenderer, defaultCardsDir, type AdaptiveCard } from '../../src/cards/render.js';
import { paymentMethodTitle, quantityWithUnit } from '../../src/cards/text.js';
import { BUY_CARD_TEXTS } from '../../src/flows/buy/cardTexts.js';
import { CONVERSATION_CARD_TEXTS } from '../../src/conversation/cardTexts.js';
import { CHOICE_VERB, readCardAction, RETIRED_VERBS, VERBS, isVerb } from '../../src/conversation/verbs.js';
import { ownAvailabilityCard } from '../../src/flows/availability/cards.js';
import { addonPages, addonsCard } from '../../src/flows/lists/cards.js';
import { GLANCE_MAX_ROWS } from '../../src/flows/lists/glanceCards.js';
import { glanceCards } from './fixtures/glance.js';
import {
  allCards, bigTenantSubscriptions, NOW, checkout, chooseSubscription, FLOW_ID, INVOICE, LANGS, manySubscriptions, orderPlaced, PHONE_SYSTEM, purchaseDetails,
  QUOTE_ID, STORAGE, VISA,
} from './cardData.js';
import { adaptiveCardValidator, REPO_ROOT as repoRoot, teamsHostConfigs } from '../support/schemas.js';
import {
  MAX_ACTIONS, asJson, checkCard, facts, findInput, hostConfigProblems, inputIds, isAction, isInput, isObject, str, topActions, walk, type Json, type JsonObject,
} from './cardChecks.js';

describe('cards', () => {
  let renderer: CardRenderer;
  let validate: ValidateFunction;

  before(() => {
    renderer = CardRenderer.load();
    validate = adaptiveCardValidator();
  });

  describe('every template, expanded with realistic data', () => {
    for (const language of LANGS) {
      for (const name of CARD_NAMES) {
        it(`${name} (${language}): no binding left, schema-valid 1.5, ≤ 6 actions, Execute + Submit fallback, ids only in data, < 28 KB`, () => {
          const variants = allCards(language)[name] as readonly CardDataMap[CardName][];
          assert.ok(variants.length > 0);
          variants.forEach((data, i) => {
            const attachment = renderer.render(name, data);
            assert.equal(attachment.contentType, 'application/vnd.microsoft.card.adaptive');
            checkCard(`${name}[${i}] ${language}`, attachment.content, validate);
          });
        });
      }
    }

    it("fits Teams' light and dark host configs: at most their maxActions, only container styles and colors they define", () => {
      const hosts = teamsHostConfigs();
      for (const [theme, host] of Object.entries(hosts)) {
        assert.equal(host.actions.maxActions, MAX_ACTIONS, `${theme}: the SPEC's 6 actions are Teams' own limit`);
        for (const language of LANGS) {
          for (const name of CARD_NAMES) {
            for (const data of allCards(language)[name] as readonly CardDataMap[CardName][]) {
              assert.deepEqual(hostConfigProblems(asJson(renderer.render(name, data).content), host), [], `${name} (${language}, ${theme})`);
            }
          }
        }
        const odd = asJson(renderer.render('checkout', checkout('en')).content);
        (odd.body as Json[]).push({ type: 'Container', style: 'neon', items: [{ type: 'TextBlock', text: 'x', color: 'pink' }] });
        assert.deepEqual(hostConfigProblems(odd, host), ['Container style neon', 'TextBlock color pink'], `${theme}: the check is live`);
      }
    });

    it('the checker itself rejects a bad card (no fallback, a price in data, 1.6)', () => {
      const good = renderer.render('checkout', checkout('en')).content;
      const noFallback = asJson(good);
      const first = topActions(noFallback)[0];
      assert.ok(first);
      delete first.fallback;
      assert.throws(() => checkCard('noFallback', noFallback as unknown as AdaptiveCard, validate), /fallback/);
      const priced = asJson(good);
      const place = topActions(priced)[0];
      assert.ok(place && isObject(place.data) && isObject(place.fallback));
      place.data.totalPerPeriod = '$960.00';
      place.fallback.data = place.data;
      assert.throws(() => checkCard('priced', priced as unknown as AdaptiveCard, validate), /totalPerPeriod/);
      assert.throws(() => checkCard('v16', { ...asJson(good), version: '1.6' } as unknown as AdaptiveCard, validate));
    });
  });

  describe('templates', () => {
    const dir = defaultCardsDir();
    const USER_VISIBLE = new Set(['text', 'title', 'label', 'placeholder', 'errorMessage', 'fallbackText', 'speak', 'tooltip', 'altText']);

    it('are found next to the compiled code, whatever the working directory', () => {
      assert.equal(dir, path.join(repoRoot, 'cards'));
      const renderUrl = pathToFileURL(path.join(repoRoot, 'dist/src/cards/render.js')).href;
      const script = `import { CardRenderer } from ${JSON.stringify(renderUrl)};
        const c = CardRenderer.load().render('notice', { tone: 'good', title: 'T', message: 'M' });
        process.stdout.write(c.content.body[0].items[0].text);`;
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: os.tmpdir(), encoding: 'utf8' });
      assert.equal(out, 'T');
    });

    it('hold no English or French words: every user-visible string is a binding', () => {
      for (const name of CARD_NAMES) {
        const template = JSON.parse(readFileSync(path.join(dir, `${name}.json`), 'utf8')) as Json;
        for (const node of walk(template)) {
          for (const [key, value] of Object.entries(node)) {
            if (!USER_VISIBLE.has(key) || typeof value !== 'string') continue;
            const literal = value.replace(/\$\{[^}]*\}/g, '');
            assert.doesNotMatch(literal, /\p{L}/u, `${name}.json ${key}: "${value}"`);
          }
        }
      }
    });

    it('use only declared verbs, and every declared verb but the retired ones is used by some template', () => {
      const used = new Set<string>();
      for (const name of CARD_NAMES) {
        const text = readFileSync(path.join(dir, `${name}.json`), 'utf8');
        for (const m of text.matchAll(/"verb": "([^"$]+)"/g)) used.add(m[1] ?? '');
      }
      for (const verb of used) assert.ok(isVerb(verb), verb);
      for (const name of CARD_NAMES) {
        // Templates write Execute only: the renderer adds the Submit fallback and data.verb, so they cannot drift.
        const text = readFileSync(path.join(dir, `${name}.json`), 'utf8');
        assert.ok(!text.includes('Action.Submit') && !text.includes('"fallback"'), `${name}.json`);
      }
      // The choice verbs come from the data (submitVerb), the rest are literal in the templates.
      const fromData: readonly string[] = Object.values(CHOICE_VERB);
      const literal = VERBS.filter((v) => !fromData.includes(v) && !RETIRED_VERBS.includes(v));
      assert.deepEqual([...used].sort(), [...literal].sort());
    });

    it('are read and parsed once, at load: rendering never reads a file', () => {
      const reads: string[] = [];
      const counting = CardRenderer.load(dir, { readFile: (file) => { reads.push(path.basename(file)); return readFileSync(file, 'utf8'); } });
      assert.deepEqual(reads.sort(), CARD_NAMES.map((n) => `${n}.json`).sort());
      for (let round = 0; round < 2; round += 1) {
        for (const name of CARD_NAMES) {
          for (const data of allCards('en')[name]) counting.render(name, data);
        }
      }
      assert.equal(reads.length, CARD_NAMES.length);
    });

    it('builds a template on its first render or when prepared, once; unprepared() lists the others', () => {
      const fresh = CardRenderer.load(dir);
      assert.deepEqual(fresh.unprepared(), [...CARD_NAMES]);
      const first = fresh.render('notice', { tone: 'good', title: 'T', message: 'M' });
      assert.deepEqual(fresh.unprepared(), CARD_NAMES.filter((n) => n !== 'notice'));
      fresh.prepare('checkout');
      fresh.prepare('checkout');
      assert.deepEqual(fresh.unprepared(), CARD_NAMES.filter((n) => n !== 'notice' && n !== 'checkout'));
      for (const name of fresh.unprepared()) fresh.prepare(name);
      assert.deepEqual(fresh.unprepared(), []);
      // Built early or late, a template expands the same.
      assert.deepEqual(fresh.render('notice', { tone: 'good', title: 'T', message: 'M' }), first);
      assert.deepEqual(fresh.render('checkout', allCards('en').checkout[0]!), renderer.render('checkout', allCards('en').checkout[0]!));
    });

    it('a render returns a fresh object: mutating one card does not leak into the next', () => {
      const a = renderer.render('notice', { tone: 'good', title: 'A', message: 'a' }).content;
      // The title sits in the first block, a tinted container.
      (a.body as Array<{ items: Array<{ text: string }> }>)[0]!.items[0]!.text = 'mutated';
      const b = renderer.render('notice', { tone: 'good', title: 'A', message: 'a' }).content;
      assert.equal((b.body as Array<{ items: Array<{ text: string }> }>)[0]?.items[0]?.text, 'A');
    });

    it('a missing or malformed template fails at load, naming the file', () => {
      assert.throws(() => CardRenderer.load(dir, { readFile: (f) => (f.endsWith('checkout.json') ? '{ nope' : readFileSync(f, 'utf8')) }), /checkout\.json/);
      assert.throws(() => CardRenderer.load(dir, { readFile: (f) => (f.endsWith('help.json') ? '{"type":"AdaptiveCard","version":"1.6"}' : readFileSync(f, 'utf8')) }), /help\.json.*1\.5/);
      assert.throws(() => CardRenderer.load(path.join(os.tmpdir(), 'no-such-cards-dir')), /welcome\.json/);
    });
  });

  describe('welcome and help', () => {
    it('welcome: examples listed, three buttons Buy / My add-ons / Help', () => {
      for (const language of LANGS) {
        const card = asJson(renderer.render('welcome', CONVERSATION_CARD_TEXTS[language].welcome).content);
        const texts = [...walk(card)].filter((o) => o.type === 'TextBlock').map((o) => str(o.text));
        for (const example of CONVERSATION_CARD_TEXTS[language].welcome.examples) assert.ok(texts.includes(`• ${example}`));
        assert.deepEqual(topActions(card).map((a) => a.verb), ['menu.buy', 'menu.addons', 'menu.help']);
        assert.equal(inputIds(card).length, 0);
      }
    });

    it('help: one container per section, hints, language hint', () => {
      const data = CONVERSATION_CARD_TEXTS.fr.help;
      const card = asJson(renderer.render('help', data).content);
      const serialized = JSON.stringify(card);
      for (const s of data.sections) {
        assert.ok(serialized.includes(JSON.stringify(s.heading)));
        for (const line of s.lines) assert.ok(serialized.includes(JSON.stringify(`• ${line}`)));
      }
      for (const hint of data.hints) assert.ok(serialized.includes(JSON.stringify(`• ${hint}`)));
      assert.ok(serialized.includes(JSON.stringify(data.languageHint)));
    });
  });

  describe('choice', () => {
    it('asks with a compact ChoiceSet of the options, the note, and the verb of its kind', () => {
      const card = asJson(renderer.render('choice', chooseSubscription('en')).content);
      const set = findInput(card, 'choice');
      assert.equal(set.type, 'Input.ChoiceSet');
      assert.equal(set.style, 'compact');
      assert.equal(set.value, 'SUB-e3-0001');
      assert.deepEqual(set.choices, [
        { title: 'Office 365 E3 (25 licenses)', value: 'SUB-e3-0001' },
        { title: 'Microsoft 365 Business Basic (10 licenses)', value: 'SUB-bb-0002' },
        { title: 'Office 365 E5 (5 licenses)', value: 'SUB-e5-0003' },
      ]);
      assert.ok(JSON.stringify(card).includes('Only subscriptions that support Audio Conferencing are shown.'));
      assert.deepEqual(topActions(card).map((a) => a.verb), ['buy.chooseSubscription', 'buy.cancel']);
      assert.deepEqual(topActions(card)[0]?.data, { verb: 'buy.chooseSubscription', flowId: FLOW_ID });
      const addon = asJson(renderer.render('choice', { ...chooseSubscription('fr'), kind: 'addon', note: undefined }).content);
      assert.equal(topActions(addon)[0]?.verb, 'buy.chooseAddon');
      assert.equal([...walk(addon)].filter((o) => o.type === 'TextBlock').length, 1, 'no note line when there is no note');
    });

    it('500 subscriptions: pages of 25 with "show more", each card far under 28 KB', () => {
      const subs = manySubscriptions(500);
      const pages = Math.ceil(500 / CHOICE_PAGE_SIZE);
      for (const language of LANGS) {
        for (let page = 0; page < pages; page += 1) {
          const card = renderer.render('choice', chooseSubscription(language, subs, page)).content;
          const bytes = checkCard(`choice p${page}`, card, validate);
          const json = asJson(card);
          const choices = findInput(json, 'choice').choices as JsonObject[];
          assert.equal(choices.length, CHOICE_PAGE_SIZE);
          assert.equal(choices[0]?.value, subs[page * CHOICE_PAGE_SIZE]?.id);
          const more = topActions(json).find((a) => a.verb === 'buy.showMore');
          if (page < pages - 1) {
            assert.deepEqual(more?.data, { verb: 'buy.showMore', flowId: FLOW_ID, kind: 'subscription', page: page + 1 });
            assert.equal(more?.associatedInputs, 'none');
          } else {
            assert.equal(more, undefined, 'no "show more" on the last page');
          }
          const summary = language === 'en' ? `Showing ${page * 25 + 1}–${page * 25 + 25} of 500` : `${page * 25 + 1} à ${page * 25 + 25} sur 500`;
          assert.ok(JSON.stringify(json).includes(summary), summary);
          assert.ok(bytes < 12 * 1024, `page ${page}: ${bytes} bytes`);
        }
      }
    });

    it('a selection that is not on the page shown is not preselected; pages are clamped', () => {
      const subs = manySubscriptions(60);
      const data = { ...chooseSubscription('en', subs, 1), selected: subs[0]?.id };
      assert.equal(findInput(asJson(renderer.render('choice', data).content), 'choice').value, '');
      const clamped = asJson(renderer.render('choice', { ...data, page: 99 }).content);
      assert.equal((findInput(clamped, 'choice').choices as JsonObject[]).length, 10);
      assert.equal(topActions(clamped).some((a) => a.verb === 'buy.showMore'), false);
      assert.deepEqual(pageOf([1, 2, 3], -4, 2), { items: [1, 2], page: 0, from: 1, to: 2, total: 3, nextPage: 1 });
      assert.deepEqual(pageOf([], 0, 25), { items: [], page: 0, from: 0, to: 0, total: 0, nextPage: null });
    });

    it('≤ 25 options: no pager line and no "show more"', () => {
      const card = asJson(renderer.render('choice', chooseSubscription('en', manySubscriptions(25))).content);
      assert.equal(topActions(card).some((a) => a.verb === 'buy.showMore'), false);
      assert.ok(!JSON.stringify(card).includes('Showing'));
    });
  });

  describe('purchase details', () => {
    it('per license: quantity with min/max and unit, frequency with prices, auto-assign toggle', () => {
      const card = asJson(renderer.render('purchaseDetails', purchaseDetails('en', 'phone-system')).content);
      const quantity = findInput(card, 'quantity');
      assert.deepEqual([quantity.type, quantity.min, quantity.max, quantity.label, quantity.value], ['Input.Number', 1, 10000, 'Quantity (licenses)', undefined]);
      const frequency = findInput(card, 'frequency');
      assert.equal(frequency.value, '');
      assert.deepEqual(frequency.choices, [
        { title: 'Yearly, paid up front: $96.00 per license per year', value: 'yearly' },
        { title: 'Monthly: $9.60 per license per month', value: 'monthly' },
      ]);
      const toggle = findInput(card, 'autoAssign');
      assert.deepEqual([toggle.type, toggle.value, toggle.valueOn, toggle.valueOff], ['Input.Toggle', 'true', 'true', 'false']);
      assert.deepEqual(topActions(card).map((a) => a.data), [{ verb: 'buy.details', flowId: FLOW_ID }, { verb: 'buy.cancel', flowId: FLOW_ID }]);
    });

    it('prefills the slots already given', () => {
      const card = asJson(renderer.render('purchaseDetails', purchaseDetails('fr', 'audio-conferencing', { quantity: 10, frequency: 'yearly' })).content);
      assert.equal(findInput(card, 'quantity').value, 10);
      assert.equal(findInput(card, 'quantity').label, 'Quantité (licences)');
      assert.equal(findInput(card, 'frequency').value, 'yearly');
      assert.deepEqual(inputIds(card), ['quantity', 'frequency', 'autoAssign']);
    });

    it('per GB or prepaid: no auto-assign toggle', () => {
      const storage = asJson(renderer.render('purchaseDetails', purchaseDetails('en', 'extra-file-storage', { quantity: 100 })).content);
      assert.deepEqual(inputIds(storage), ['quantity', 'frequency']);
      assert.equal(findInput(storage, 'quantity').label, 'Quantity (GB)');
      assert.match(str((findInput(storage, 'frequency').choices as JsonObject[])[1]?.title), /\$0\.24 per GB per month/);
      const credits = asJson(renderer.render('purchaseDetails', purchaseDetails('en', 'communications-credits')).content);
      assert.deepEqual(inputIds(credits), ['quantity', 'frequency']);
    });
  });

  describe('checkout', () => {
    it('shows the facts, the saved payment methods, Place order / Add a card in the admin center / Refresh / admin center / Cancel', () => {
      const card = asJson(renderer.render('checkout', checkout('en')).content);
      assert.deepEqual(facts(card), [
        { title: 'Add-on', value: 'Phone System' },
        { title: 'For subscription', value: 'Office 365 E3 (25 licenses)' },
        { title: 'Unit price', value: '$96.00 per license per year' },
        { title: 'Quantity', value: '10 licenses' },
        { title: 'Billing frequency', value: 'Yearly' },
        { title: 'Total per year', value: '$960.00' },
        { title: 'First charge', value: '$960.00' },
        { title: 'Auto-assign licenses', value: 'On' },
      ]);
      const pm = findInput(card, 'paymentMethodId');
      assert.deepEqual(pm.choices, [{ title: 'Visa •••• 4242, expires 12/2029', value: 'PM-000001' }, { title: 'Invoice', value: 'PM-000002' }]);
      assert.equal(pm.value, 'PM-000001');
      assert.equal(pm.isRequired, undefined, 'not required: the domain answers a missing method in words');
      const actions = topActions(card);
      assert.deepEqual(actions.map((a) => a.type), ['Action.Execute', 'Action.OpenUrl', 'Action.Execute', 'Action.OpenUrl', 'Action.Execute']);
      assert.deepEqual(actions[0]?.data, { verb: 'buy.placeOrder', flowId: FLOW_ID, quoteId: QUOTE_ID });
      assert.deepEqual([actions[1]?.title, actions[1]?.url, actions[1]?.tooltip],
        ['Add a card in the admin center', 'https://admin.microsoft.com/#/billing/paymentmethods', 'Payment methods']);
      assert.deepEqual(actions[2]?.data, { verb: 'buy.refreshCheckout', flowId: FLOW_ID, quoteId: QUOTE_ID });
      assert.equal(actions[2]?.associatedInputs, 'none');
      assert.equal(actions[3]?.url, 'https://go.microsoft.com/fwlink/p/?linkid=868433');
      assert.equal(actions[3]?.tooltip, 'Buy services');
      assert.deepEqual(actions[4]?.data, { verb: 'buy.cancel', flowId: FLOW_ID, quoteId: QUOTE_ID });
      assert.ok(JSON.stringify(card).includes(BUY_CARD_TEXTS.en.checkout.newCardNote), 'says a card added there appears here after Refresh');
    });

    it('storage in French: no auto-assign fact, GB, Germany links', () => {
      const card = asJson(renderer.render('checkout', checkout('fr', STORAGE, [INVOICE])).content);
      const f = facts(card);
      assert.equal(f.length, 7);
      assert.deepEqual(f[3], { title: 'Quantité', value: quantityWithUnit(100, 'gb', 'fr') });
      assert.equal(f[3]?.value, '100 Go');
      assert.match(f[5]?.value ?? '', /^24,00\s\$US$/u);
      const actions = topActions(card);
      assert.equal(actions[1]?.title, 'Ajouter une carte dans le Centre d’administration');
      assert.equal(actions[1]?.url, 'https://go.microsoft.com/fwlink/p/?linkid=847745');
      assert.equal(actions[2]?.title, 'Actualiser');
      assert.equal(actions[3]?.url, 'https://go.microsoft.com/fwlink/p/?linkid=847745');
      assert.equal(findInput(card, 'paymentMethodId').value, 'PM-000002');
    });

    it('no saved method: a hint instead of an empty list, and no input at all', () => {
      const card = asJson(renderer.render('checkout', checkout('en', undefined, [])).content);
      assert.deepEqual(inputIds(card), []);
      assert.ok(JSON.stringify(card).includes(BUY_CARD_TEXTS.en.checkout.noPaymentMethods));
    });

    for (const language of LANGS) {
      it(`has no card number input anywhere (${language}): only the saved-method choice, no form, no text field`, () => {
        for (const methods of [[VISA, INVOICE], [INVOICE], []]) {
          for (const purchase of [PHONE_SYSTEM, STORAGE, { ...PHONE_SYSTEM, cloud: '21vianet' as const }]) {
            const card = asJson(renderer.render('checkout', checkout(language, purchase, methods)).content);
            const nodes = [...walk(card)];
            assert.deepEqual(nodes.filter(isInput).map((o) => `${str(o.type)}#${str(o.id)}`),
              methods.length > 0 ? ['Input.ChoiceSet#paymentMethodId'] : []);
            assert.ok(!nodes.some((o) => o.type === 'Action.ShowCard'), 'no hidden form');
            assert.ok(!nodes.some((o) => isAction(o) && o.verb === 'buy.addCard'));
            assert.doesNotMatch(JSON.stringify(card), /cardNumber|expMonth|expYear|"style":"tel"/i);
          }
        }
      });
    }
  });

  describe('order placed and notices are read-only', () => {
    for (const language of LANGS) {
      it(`order placed (${language}): receipt facts, admin center link, no inputs, no Submit/Execute`, () => {
        const card = asJson(renderer.render('orderPlaced', orderPlaced(language)).content);
        assert.deepEqual(inputIds(card), []);
        const actions = [...walk(card)].filter(isAction);
        assert.deepEqual(actions.map((a) => a.type), ['Action.OpenUrl']);
        assert.equal(actions[0]?.url, 'https://go.microsoft.com/fwlink/p/?linkid=842054');
        const values = facts(card).map((f) => f.value);
        assert.ok(values.includes('ORD-2025-000137'));
        assert.ok(values.includes('Megan Bowen'));
        assert.ok(values.includes(language === 'en' ? 'March 3, 2025' : '3 mars 2025'));
        assert.ok(values.includes(paymentMethodTitle(VISA, language)));
      });

      it(`notices (${language}): no inputs, at most an admin center link`, () => {
        for (const data of allCards(language).notice) {
          const card = asJson(renderer.render('notice', data).content);
          assert.deepEqual(inputIds(card), []);
          const actions = [...walk(card)].filter(isAction);
          assert.deepEqual(actions.map((a) => a.type), data.adminCenter ? ['Action.OpenUrl'] : []);
          assert.equal([...walk(card)].some((o) => o.type === 'FactSet'), (data.facts?.length ?? 0) > 0);
        }
      });
    }
  });

  describe('the money at a glance (renewals, spend)', () => {
    it('read-only: no inputs, My add-ons and the admin center as its only actions; hundreds of renewals stay under 28 KB', () => {
      for (const language of LANGS) {
        const cards = glanceCards(language);
        for (const data of cards) {
          const card = asJson(renderer.render('glance', data).content);
          assert.deepEqual(inputIds(card), []);
          assert.deepEqual(topActions(card).map((a) => str(a.type === 'Action.OpenUrl' ? a.type : a.verb)), ['menu.addons', 'Action.OpenUrl']);
        }
        const big = cards[2]!;
        assert.equal(big.rows.length, GLANCE_MAX_ROWS);
        assert.ok(str(big.note).includes(language === 'en' ? '380 more' : '380 autres'), big.note);
        checkCard(`glance big ${language}`, renderer.render('glance', big).content, validate);
      }
    });

    it('the checkout says the unassigned licenses only when there are some', () => {
      const withLine = checkout('en');
      const card = asJson(renderer.render('checkout', { ...withLine, unassigned: 'You already have 6 unassigned Phone System licenses on this subscription.' }).content);
      assert.ok(JSON.stringify(card).includes('You already have 6 unassigned Phone System licenses'));
      const without = JSON.stringify(asJson(renderer.render('checkout', withLine).content));
      assert.ok(!without.includes('unassigned'), without);
    });
  });

  describe('my add-ons and availability for a tenant with 500 subscriptions', () => {
    it('every page of both cards, in both languages, is schema-valid and under 28 KB', () => {
      const subs = bigTenantSubscriptions();
      const pages = addonPages(subs).length;
      assert.ok(pages > 10, `${pages} pages`);
      for (const language of LANGS) {
        for (let page = 0; page < pages; page += 1) {
          checkCard(`addons p${page} ${language}`, renderer.render('addons', addonsCard({ subs, page, canChange: true, now: NOW, cloud: 'worldwide', language })).content, validate);
        }
        const groups = subs.bases.length;
        for (let page = 0; page * 3 < groups; page += 1) {
          checkCard(`availability p${page} ${language}`, renderer.render('availability', ownAvailabilityCard({ subs, page, cloud: 'worldwide', language })).content, validate);
        }
      }
    });
  });

  describe('admin center links', () => {
    it('per cloud and purpose', () => {
      assert.deepEqual(adminCenterLink('worldwide'), { cloud: 'worldwide', page: 'buy_services', url: 'https://go.microsoft.com/fwlink/p/?linkid=868433' });
      assert.deepEqual(adminCenterLink('worldwide', 'manage'), { cloud: 'worldwide', page: 'your_products', url: 'https://go.microsoft.com/fwlink/p/?linkid=842054' });
      assert.deepEqual(adminCenterLink('worldwide', 'payment'),
        { cloud: 'worldwide', page: 'payment_methods', url: 'https://admin.microsoft.com/#/billing/paymentmethods' });
      for (const purpose of ['buy', 'manage', 'payment'] as const) {
        assert.equal(adminCenterLink('germany', purpose).url, 'https://go.microsoft.com/fwlink/p/?linkid=847745');
        assert.equal(adminCenterLink('21vianet', purpose).url, 'https://go.microsoft.com/fwlink/p/?linkid=850626');
        assert.equal(adminCenterLink('21vianet', purpose).page, 'subscriptions');
      }
    });
  });

  describe('reading a card action', () => {
    it('from an adaptiveCard/action invoke and from a Submit message, the same verb and data', () => {
      const data = { verb: 'buy.placeOrder', flowId: FLOW_ID, quoteId: QUOTE_ID, paymentMethodId: 'PM-000001' };
      const invoke = readCardAction({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'buy.placeOrder', data }, trigger: 'manual' } });
      const submit = readCardAction({ type: 'message', value: data });
      assert.deepEqual(invoke, { verb: 'buy.placeOrder', data, via: 'execute' });
      assert.deepEqual(submit, { verb: 'buy.placeOrder', data, via: 'submit' });
    });

    it('ignores unknown verbs, plain messages and other invokes', () => {
      assert.equal(readCardAction({ type: 'message', value: { verb: 'buy.everything' } }), undefined);
      assert.equal(readCardAction({ type: 'message' }), undefined);
      assert.equal(readCardAction({ type: 'invoke', name: 'adaptiveCard/action', value: { action: 'x' } }), undefined);
      assert.equal(readCardAction({ type: 'invoke', name: 'composeExtension/query', value: { action: { verb: 'menu.help' } } }), undefined);
    });
  });
});
