import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { classifyStorageRequest, DelayingProxy, StorageMeter } from '../../bench/storageProxy.js';

describe('the benchmark\'s storage proxy', () => {
  describe('classifies Table Storage requests', () => {
    const table = (method: string, url: string) => classifyStorageRequest('table', method, url);

    it('a GET of one entity is a point read', () => {
      assert.equal(table('GET', "/devstoreaccount1/ledger(PartitionKey='t1',RowKey='tenant%7Ct1')"), 'read');
      assert.equal(table('GET', "/devstoreaccount1/ledger(PartitionKey='t1',RowKey='user%7Cu1')?$select=data"), 'read');
      assert.equal(table('GET', '/devstoreaccount1/ledger(PartitionKey=%27t1%27,RowKey=%27r%27)'), 'read');
    });

    it('a GET of a table, with or without $filter, and the table list are queries', () => {
      assert.equal(table('GET', "/devstoreaccount1/ledger()?$filter=PartitionKey%20eq%20't1'"), 'query');
      assert.equal(table('GET', '/devstoreaccount1/ledger?$filter=x&NextRowKey=1'), 'query');
      assert.equal(table('GET', '/devstoreaccount1/Tables'), 'query');
    });

    it('inserts, updates, merges, deletes and table creation are writes', () => {
      assert.equal(table('POST', '/devstoreaccount1/ledger'), 'write');
      assert.equal(table('POST', '/devstoreaccount1/Tables'), 'write');
      assert.equal(table('PUT', "/devstoreaccount1/ledger(PartitionKey='t',RowKey='r')"), 'write');
      assert.equal(table('PATCH', "/devstoreaccount1/ledger(PartitionKey='t',RowKey='r')"), 'write');
      assert.equal(table('MERGE', "/devstoreaccount1/ledger(PartitionKey='t',RowKey='r')"), 'write');
      assert.equal(table('DELETE', "/devstoreaccount1/ledger(PartitionKey='t',RowKey='r')"), 'write');
    });

    it('a POST of $batch is a batch', () => {
      assert.equal(table('POST', '/devstoreaccount1/$batch'), 'batch');
    });
  });

  describe('classifies Blob Storage requests', () => {
    const blob = (method: string, url: string) => classifyStorageRequest('blob', method, url);

    it('a GET or HEAD of one blob or of a container\'s properties is a point read', () => {
      assert.equal(blob('GET', '/devstoreaccount1/botstate/msteams%2Ftenants%2Ft%2Fconversations%2Fc'), 'read');
      assert.equal(blob('HEAD', '/devstoreaccount1/botstate/key'), 'read');
      assert.equal(blob('GET', '/devstoreaccount1/botstate?restype=container'), 'read');
    });

    it('listing blobs or containers is a query', () => {
      assert.equal(blob('GET', '/devstoreaccount1/botstate?restype=container&comp=list&prefix=msteams'), 'query');
      assert.equal(blob('GET', '/devstoreaccount1/?comp=list'), 'query');
    });

    it('uploads, deletes and container creation are writes; comp=batch is a batch', () => {
      assert.equal(blob('PUT', '/devstoreaccount1/botstate/key'), 'write');
      assert.equal(blob('PUT', '/devstoreaccount1/botstate?restype=container'), 'write');
      assert.equal(blob('DELETE', '/devstoreaccount1/botstate/key'), 'write');
      assert.equal(blob('POST', '/devstoreaccount1/?comp=batch'), 'batch');
    });
  });

  describe('in front of a server', () => {
    let upstream: Server;
    let upstreamPort: number;
    const seen: Array<{ method: string; url: string; body: string; header: string | undefined }> = [];

    before(async () => {
      upstream = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
        req.on('end', () => {
          seen.push({ method: req.method ?? '', url: req.url ?? '', body, header: req.headers['x-ms-version'] as string | undefined });
          res.writeHead(201, { etag: 'W/"1"' });
          res.end(`answer to ${req.method ?? ''}`);
        });
      });
      await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
      upstreamPort = (upstream.address() as AddressInfo).port;
    });

    after(async () => {
      await new Promise<void>((resolve) => upstream.close(() => resolve()));
    });

    const send = (port: number, method: string, path: string, body = '') => new Promise<{ status: number; etag: string | undefined; text: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path, headers: { 'x-ms-version': '2019-02-02' } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, etag: res.headers.etag, text }));
      });
      req.once('error', reject);
      req.end(body);
    });

    it('forwards each request unchanged after the delay, answers with the upstream response and counts it by kind', async () => {
      const meter = new StorageMeter();
      const proxy = new DelayingProxy({ service: 'table', targetPort: upstreamPort, delayMs: 30, meter });
      const port = await proxy.start();
      try {
        seen.length = 0;
        const started = performance.now();
        const answer = await send(port, 'POST', '/devstoreaccount1/$batch', 'the batch body');
        const elapsed = performance.now() - started;
        await send(port, 'GET', "/devstoreaccount1/ledger(PartitionKey='t',RowKey='r')");
        await send(port, 'GET', "/devstoreaccount1/ledger()?$filter=PartitionKey%20eq%20't'");
        await send(port, 'MERGE', "/devstoreaccount1/ledger(PartitionKey='t',RowKey='r')", '{}');
        assert.deepEqual(answer, { status: 201, etag: 'W/"1"', text: 'answer to POST' });
        assert.ok(elapsed >= 29, `answered after ${elapsed} ms, before the delay`);
        assert.deepEqual(seen[0], { method: 'POST', url: '/devstoreaccount1/$batch', body: 'the batch body', header: '2019-02-02' });
        assert.deepEqual(meter.snapshot(), { read: 1, query: 1, write: 1, batch: 1 });
        await meter.quiet(10);
        assert.equal(meter.inFlight, 0);
      } finally {
        await proxy.stop();
      }
    });
  });
});
