// A Node process that leaves a promise rejected with nobody listening, as a background send in a library might, then
// says whether it lived on. With the argument "guarded" it first installs the entry point's process guards.
//   node rejectingChild.js [guarded]
import { createLogger } from '../../src/logging.js';
import { installProcessGuards } from '../../src/server/processGuards.js';

if (process.argv[2] === 'guarded') installProcessGuards(createLogger('info'));
const failure = Object.assign(new TypeError("Cannot perform 'get' on a proxy that has been revoked (tenant-secret)"), { code: 'ERR_REVOKED' });
void Promise.reject(failure);
setTimeout(() => {
  process.stdout.write('still serving\n');
}, 200);
