import assert from 'node:assert/strict';
import { attribute, componentOf, packageOf, pidOfProfile, type CpuProfile, type ProfileNode } from '../../bench/profile.js';

const DIST = 'file:///work/app/dist';
const MODULES = 'file:///work/app/node_modules';

describe('the benchmark\'s profile attribution', () => {
  it('puts each function in its component by the script it comes from', () => {
    const of = (url: string, functionName = 'f') => componentOf({ url, functionName });
    assert.equal(of(`${DIST}/src/nlu/recognizer.js`), 'recognition');
    assert.equal(of(`${MODULES}/@microsoft/recognizers-text-number/dist/recognizers-text-number.js`), 'recognition');
    assert.equal(of(`${DIST}/src/cards/render.js`), 'card expansion');
    assert.equal(of(`${MODULES}/adaptivecards-templating/lib/template-engine.js`), 'card expansion');
    assert.equal(of(`${MODULES}/adaptive-expressions/lib/expression.js`), 'card expansion');
    assert.equal(of(`${MODULES}/botbuilder-dialogs/lib/dialogContext.js`), 'dialogs');
    assert.equal(of(`${DIST}/src/flows/buy/buyAddonDialog.js`), 'dialogs');
    assert.equal(of(`${DIST}/src/conversation/dialogKit.js`), 'dialogs');
    assert.equal(of(`${DIST}/src/store/sqliteLedgerStore.js`), 'store');
    assert.equal(of(`${MODULES}/better-sqlite3/lib/methods/wrappers.js`), 'store');
    assert.equal(of(`${MODULES}/zod/v4/core/schemas.js`), 'validation');
    assert.equal(of(`${MODULES}/zod/v3/types.cjs`), 'framework');
    assert.equal(of(`${MODULES}/botbuilder-core/lib/botState.js`), 'state/JSON');
    assert.equal(of(`${MODULES}/botbuilder-core/lib/storage.js`), 'state/JSON');
    assert.equal(of(`${MODULES}/botbuilder-stdlib/lib/stringify.js`), 'state/JSON');
    assert.equal(of(`${MODULES}/botbuilder-core/lib/turnContext.js`), 'framework');
    assert.equal(of(`${MODULES}/restify/lib/server.js`), 'framework');
    assert.equal(of('node:_http_server'), 'framework');
    assert.equal(of('', 'runMicrotasks'), 'other');
    assert.equal(of(`${MODULES}/pino/lib/proto.js`), 'logging');
    assert.equal(of(`${DIST}/src/domain/billingService.js`), 'bot (other)');
    assert.equal(of('', '(garbage collector)'), 'GC');
    assert.equal(of('', '(program)'), 'other');
    assert.equal(of('', '(idle)'), undefined);
  });

  it('counts V8\'s builtins and Node\'s modules for the nearest caller that has a component', () => {
    const frame = (url: string, functionName = 'f') => ({ url, functionName });
    const root = frame('', '(root)');
    assert.equal(componentOf(frame('', 'parse'), [frame(`${DIST}/src/store/sqliteBotStorage.js`, 'read'), root]), 'store');
    assert.equal(componentOf(frame('', 'writev'), [frame('node:net'), frame(`${MODULES}/restify/lib/response.js`), root]), 'framework');
    assert.equal(componentOf(frame('node:internal/crypto/hash', 'Hash'), [frame('node:crypto'), frame(`${MODULES}/botbuilder-core/lib/storage.js`), root]), 'state/JSON');
    assert.equal(componentOf(frame('', 'runMicrotasks'), [frame('node:internal/process/task_queues'), root]), 'other');
    // Socket writes are the network's, whoever wrote: the framework's.
    assert.equal(componentOf(frame('', 'writeLatin1String'), [frame('node:net'), frame(`${DIST}/src/server/server.js`, 'end'), root]), 'framework');
    assert.equal(componentOf(frame('', '(garbage collector)'), [root]), 'GC');
  });

  it('reads the package of a script, scoped or not, from its last node_modules folder', () => {
    assert.equal(packageOf(`${MODULES}/a/node_modules/@azure/core-rest-pipeline/dist/x.js`), '@azure/core-rest-pipeline');
    assert.equal(packageOf(`${MODULES}/restify/lib/server.js`), 'restify');
    assert.equal(packageOf(`${DIST}/src/app.js`), undefined);
  });

  it('sums each sample\'s time until the next one as its function\'s self time, idle left out', () => {
    const node = (id: number, url: string, functionName = 'f'): ProfileNode => ({ id, callFrame: { url, functionName } });
    const profile: CpuProfile = {
      nodes: [node(1, '', '(root)'), node(2, `${DIST}/src/nlu/recognizer.js`, 'recognize'), node(3, `${MODULES}/zod/v4/core/schemas.js`, 'parse'),
        node(4, '', '(idle)'), node(5, '', '(garbage collector)')],
      // Samples every 1,000 µs except where said: recognize 3 ms, zod 2 ms, idle 4 ms, GC 1 ms (the last sample: the mean interval).
      samples: [2, 2, 3, 4, 2, 3, 4, 5],
      timeDeltas: [0, 1000, 1000, 1000, 3000, 1000, 1000, 1000],
      startTime: 0,
      endTime: 8000,
    };
    const result = attribute(profile);
    assert.equal(result.byComponent.recognition, 3);
    assert.equal(result.byComponent.validation, 2);
    assert.equal(result.byComponent.GC, 1);
    assert.equal(result.idleMs, 4);
    assert.equal(result.busyMs, 6);
    assert.deepEqual(result.top.map((f) => [f.name, f.component, f.ms]), [['recognize', 'recognition', 3], ['parse', 'validation', 2], ['(garbage collector)', 'GC', 1]]);
  });

  it('counts only the samples taken inside the measured windows, when given', () => {
    const node = (id: number, url: string, functionName = 'f'): ProfileNode => ({ id, callFrame: { url, functionName } });
    const profile: CpuProfile = {
      nodes: [node(1, `${DIST}/src/app.js`, 'start'), node(2, `${DIST}/src/cards/render.js`, 'render')],
      // Start-up (app.js) at 1,000 and 2,000 µs, then turns (render) at 3,000 to 6,000 µs.
      samples: [1, 1, 2, 2, 2, 2],
      timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000],
      startTime: 0,
      endTime: 7000,
    };
    const result = attribute(profile, 5, [[2500, 5500]]);
    assert.equal(result.byComponent['bot (other)'], 0);
    assert.equal(result.byComponent['card expansion'], 3);
    assert.equal(result.wallMs, 3);
  });

  it('reads the process id from a --cpu-prof file name', () => {
    assert.equal(pidOfProfile('/tmp/prof/CPU.20261207.053012.48213.0.001.cpuprofile'), 48213);
    assert.equal(pidOfProfile('/tmp/prof/other.cpuprofile'), undefined);
  });
});
