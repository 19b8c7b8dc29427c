// The Bot Framework signing keys: fetched within a bound, one fetch at a time, kept when a refresh fails, refreshed
// when old, and for an unknown key id at most every few minutes (time from a settable clock; the issuer on loopback).
import assert from 'node:assert/strict';
import { OpenIdSigningKeys } from '../../src/server/openIdSigningKeys.js';
import { OpenIdIssuer } from '../support/openIdIssuer.js';

describe('OpenID signing keys', function () {
  this.timeout(10_000);
  const issuer = new OpenIdIssuer();
  let now = 0;
  const failures: string[] = [];
  const options = { fetchTimeoutMs: 300, retryAfterFailureMs: 10_000, maxAgeMs: 60_000, unknownKeyRefreshMs: 5_000, now: () => now };

  before(async () => {
    await issuer.start();
  });

  after(async () => {
    await issuer.stop();
  });

  beforeEach(() => {
    issuer.mode = 'serve';
    issuer.requests.length = 0;
    failures.length = 0;
    now = 1_000_000;
  });

  it('finds a published key with one fetch for many concurrent lookups, and no fetch after', async () => {
    const keys = new OpenIdSigningKeys(issuer.metadataUrl, (reason) => failures.push(reason), options);
    const found = await Promise.all(Array.from({ length: 10 }, () => keys.find(issuer.kid)));
    assert.ok(found.every((k) => k?.key.asymmetricKeyType === 'rsa'));
    assert.deepEqual(found[0]?.endorsements, ['msteams']);
    assert.deepEqual(issuer.requests, ['/v1/.well-known/openidconfiguration', '/v1/keys']);
    await keys.find(issuer.kid);
    assert.equal(issuer.requests.length, 2);
    assert.equal(keys.state, 'fresh');
  });

  it('refreshes for an unknown key id at most every few minutes', async () => {
    const keys = new OpenIdSigningKeys(issuer.metadataUrl, (reason) => failures.push(reason), options);
    await keys.find(issuer.kid);
    now += 4_000;
    assert.equal(await keys.find('rotated-in'), undefined);
    assert.equal(issuer.requests.length, 2, 'too soon after the last fetch');
    now += 1_000;
    assert.equal(await keys.find('rotated-in'), undefined);
    assert.equal(issuer.requests.length, 4, 'one refresh');
    assert.equal(await keys.find('rotated-in'), undefined);
    assert.equal(issuer.requests.length, 4);
  });

  it('keeps the known keys when a refresh fails, and waits before trying again', async () => {
    const keys = new OpenIdSigningKeys(issuer.metadataUrl, (reason) => failures.push(reason), options);
    await keys.find(issuer.kid);
    issuer.mode = 'hang';
    now += options.maxAgeMs;
    const started = performance.now();
    assert.ok(await keys.find(issuer.kid), 'the old key still verifies');
    assert.ok(performance.now() - started < options.fetchTimeoutMs + 500, 'within the bound');
    assert.deepEqual(failures, ['timeout']);
    assert.equal(keys.state, 'unavailable');
    const asked = issuer.requests.length;
    now += options.retryAfterFailureMs - 1;
    assert.ok(await keys.find(issuer.kid));
    assert.equal(issuer.requests.length, asked, 'no new try during the wait');
    issuer.mode = 'serve';
    now += 1;
    assert.ok(await keys.find(issuer.kid));
    assert.equal(keys.state, 'fresh');
    assert.deepEqual(failures, ['timeout']);
  });

  it('reports an HTTP error of the endpoint as a failure, without keys', async () => {
    const keys = new OpenIdSigningKeys(`${issuer.metadataUrl.replace('/v1/.well-known/openidconfiguration', '/nothing-here')}`, (reason) => failures.push(reason), options);
    assert.equal(await keys.find(issuer.kid), undefined);
    assert.deepEqual(failures, ['HTTP 404']);
    assert.equal(keys.state, 'unavailable');
  });
});
