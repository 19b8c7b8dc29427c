import assert from 'node:assert/strict';
import { retryWhileBusy } from '../../src/store/sqliteBusy.js';

function sqliteError(code: string): Error {
  return Object.assign(new Error(code), { code });
}

describe('retryWhileBusy (opening a SQLite file others are opening too)', () => {
  it('tries again while SQLite answers busy, then returns the answer', () => {
    let calls = 0;
    const answer = retryWhileBusy(() => {
      calls++;
      if (calls < 3) throw sqliteError(calls === 1 ? 'SQLITE_BUSY' : 'SQLITE_BUSY_RECOVERY');
      return 'wal';
    }, 1000);
    assert.equal(answer, 'wal');
    assert.equal(calls, 3);
  });

  it('throws any other error at once, and busy once the bound has passed', () => {
    let calls = 0;
    assert.throws(() => retryWhileBusy(() => {
      calls++;
      throw sqliteError('SQLITE_CORRUPT');
    }, 1000), /SQLITE_CORRUPT/);
    assert.equal(calls, 1);
    const started = Date.now();
    assert.throws(() => retryWhileBusy(() => {
      throw sqliteError('SQLITE_BUSY');
    }, 50), /SQLITE_BUSY/);
    assert.ok(Date.now() - started >= 50);
  });
});
