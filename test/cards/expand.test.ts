// The compiled card templates expand exactly as adaptivecards-templating expands them: every card, in both languages,
// with every variant of the realistic data the card tests use; and where the compiled form does not mirror the
// library (a missing field, a condition that is no boolean, a template using more of the language), the renderer
// hands the card to the library itself.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import { CARD_NAMES, PREPARE, type CardDataMap, type CardName, type Prepare } from '../../src/cards/cardData.js';
import { compileTemplate, expandCompiled, NotMirrored } from '../../src/cards/expand.js';
import { CardRenderer, defaultCardsDir } from '../../src/cards/render.js';
import { allCards, LANGS } from './cardData.js';

function payloadOf(name: CardName): unknown {
  return JSON.parse(readFileSync(path.join(defaultCardsDir(), `${name}.json`), 'utf8'));
}

function library(template: unknown, root: unknown): unknown {
  return new Template(template).expand({ $root: root });
}

function fast(template: unknown, root: unknown): unknown {
  const compiled = compileTemplate(template);
  assert.ok(compiled, 'the template compiles');
  return expandCompiled(compiled, root);
}

describe('compiled card templates', () => {
  describe('expand every card as the library does', () => {
    for (const language of LANGS) {
      for (const name of CARD_NAMES) {
        it(`${name} (${language}), every variant`, () => {
          const compiled = compileTemplate(payloadOf(name));
          assert.ok(compiled, `${name} compiles`);
          const variants = allCards(language)[name] as readonly CardDataMap[CardName][];
          assert.ok(variants.length > 0);
          variants.forEach((data, i) => {
            const root = (PREPARE[name] as Prepare<CardName>)(data);
            assert.deepEqual(expandCompiled(compiled, root), library(payloadOf(name), root), `${name}[${i}] ${language}`);
          });
        });
      }
    }
  });

  describe('the library’s rules', () => {
    it('repeats an element per $data item, drops it by $when, splices repeated items into their array', () => {
      const template = {
        type: 'AdaptiveCard', body: [
          { type: 'TextBlock', text: 'Hi ${name}, ${count(rows)} rows' },
          { type: 'FactSet', $data: '${rows}', $when: '${shown && !hidden}', title: '${title}', total: '${$root.total}', whole: '${$data}' },
          { type: 'TextBlock', $when: "${kind == 'a' || n > 2}", text: '${n}' },
          { type: 'TextBlock', $when: '${n <= 1}', text: 'never' },
        ],
      };
      const root = {
        name: 'Megan', total: 3, kind: 'b', n: 3,
        rows: [{ title: 'one', shown: true, hidden: false }, { title: 'two', shown: false, hidden: false }, { title: 'three', shown: true, hidden: false }],
      };
      const expanded = fast(template, root);
      assert.deepEqual(expanded, library(template, root));
      assert.deepEqual((expanded as { body: unknown[] }).body.length, 4);
    });

    it('keeps the type of a string that is one expression; one $data item gives an object, none gives null', () => {
      const template = { flag: '${on}', n: '${n}', text: '${n} GB', one: { $data: '${single}', v: '${v}' }, none: { $when: '${off}', v: 1 } };
      const root = { on: true, n: 5, single: [{ v: 'x' }], off: false };
      assert.deepEqual(fast(template, root), library(template, root));
      assert.deepEqual(fast(template, root), { flag: true, n: 5, text: '5 GB', one: { v: 'x' }, none: null });
    });

    it('a $when that is no expression drops its element unless it is falsy', () => {
      const template = { items: [{ $when: 'yes', a: 1 }, { $when: '', b: 2 }, { c: 3 }] };
      assert.deepEqual(fast(template, {}), library(template, {}));
    });

    it('leaves to the library what it does not mirror: a missing or null field, a condition that is no boolean, mixed types', () => {
      const compiled = compileTemplate({ text: '${missing}', when: { $when: '${n}', a: 1 } });
      assert.ok(compiled);
      assert.throws(() => expandCompiled(compiled, { n: true }), NotMirrored);
      const condition = compileTemplate({ a: { $when: '${n}', b: 1 } });
      assert.ok(condition);
      assert.throws(() => expandCompiled(condition, { n: 1 }), NotMirrored);
      const mixed = compileTemplate({ a: { $when: "${n == '1'}", b: 1 } });
      assert.ok(mixed);
      assert.throws(() => expandCompiled(mixed, { n: 1 }), NotMirrored);
      const nothing = compileTemplate({ a: '${gone}' });
      assert.ok(nothing);
      assert.throws(() => expandCompiled(nothing, { gone: null }), NotMirrored);
    });

    it('does not compile a template using more of the language (functions, constants, escapes, a literal $data)', () => {
      for (const template of [{ a: '${toUpper(x)}' }, { a: '${true}' }, { a: '${x.y[0]}' }, { a: '\\${x}' }, { a: { $data: [1], b: 1 } }, { a: '${$index}' }]) {
        assert.equal(compileTemplate(template), undefined, JSON.stringify(template));
      }
    });
  });

  it('the renderer answers a card the compiled form cannot mirror with the library’s own expansion', () => {
    const renderer = CardRenderer.load();
    // A notice without its message: the library writes the missing field as "${message}".
    const data = { tone: 'good', title: 'T' } as unknown as CardDataMap['notice'];
    const root = PREPARE.notice(data);
    const expected = renderer.expandWithLibrary('notice', root);
    const rendered = renderer.render('notice', data).content;
    assert.deepEqual(rendered, expected);
  });
});
