// The sweep on the Azure backends, against Azurite: idle bot state blobs by their lastModified (which the service
// sets, so the fake clock is placed relative to the real time of the writes), and one whole sweep over the Azure
// ledger and blobs at its boundaries. The ledger's deleteExpiredQuotes is in the LedgerStore contract.
import assert from 'node:assert/strict';
import { TableClient } from '@azure/data-tables';
import { StorageApprovalCopies } from '../../src/proactive/approvalCopies.js';
import { StorageConversationReferences } from '../../src/proactive/conversationReferences.js';
import { BillingService } from '../../src/domain/billingService.js';
import { DEMO_USERS } from '../../src/domain/useCases/tenants.js';
import { APPROVAL_COPIES, CONVERSATION_STATE, sweepOnce } from '../../src/maintenance/sweep.js';
import { createAzureBotStorage } from '../../src/store/azureBotStorage.js';
import { AzureTableLedgerStore } from '../../src/store/azureLedgerStore.js';
import { useAzurite } from '../support/azurite.js';
import { FakeClock } from '../support/fakeClock.js';
import { SequentialIds } from '../support/sequentialIds.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const item = { n: 1, eTag: '*' };

describe('Azure sweep (Azurite)', function () {
  this.timeout(60_000);
  const connectionString = useAzurite();
  let containers = 0;

  function freshBlobs() {
    containers += 1;
    return createAzureBotStorage(connectionString(), `sweep-${process.pid}-${containers}`);
  }

  describe('bot state blobs', () => {
    it('removes conversation state (old and tenant-scoped keys) and approval copies written before the instant; the rest stays', async () => {
      const storage = freshBlobs();
      const kept = ['msteams/users/u-1', 'msteams/tenants/t-1/users/u-1', StorageConversationReferences.keyOf('t-1', 'u-1')];
      const conversations = ['msteams/conversations/a:1abc', 'msteams/tenants/t-1/conversations/19:xyz@thread.v2;messageid=1'];
      const copies = StorageApprovalCopies.keyOf('t/1', 'REQ-1');
      const all = [...kept, ...conversations, copies];
      await storage.write(Object.fromEntries(all.map((key) => [key, item])));
      const written = Date.now();

      assert.equal(await storage.deleteWrittenBefore(CONVERSATION_STATE, new Date(written - MINUTE), 100), 0, 'written after the instant');
      assert.equal(await storage.deleteWrittenBefore(APPROVAL_COPIES, new Date(written - MINUTE), 100), 0);
      assert.equal(Object.keys(await storage.read(all)).length, all.length);

      assert.equal(await storage.deleteWrittenBefore(CONVERSATION_STATE, new Date(written + MINUTE), 100), 2);
      assert.equal(await storage.deleteWrittenBefore(APPROVAL_COPIES, new Date(written + MINUTE), 100), 1);
      assert.deepEqual(Object.keys(await storage.read(all)).sort(), [...kept].sort());
    });

    it('removes at most `limit` a call; the next calls take the rest', async () => {
      const storage = freshBlobs();
      const keys = Array.from({ length: 7 }, (_, i) => `msteams/conversations/c-${i}`);
      await storage.write(Object.fromEntries([...keys, 'msteams/users/u-1'].map((key) => [key, item])));
      const later = new Date(Date.now() + MINUTE);
      const counts = [];
      for (let i = 0; i < 4; i++) counts.push(await storage.deleteWrittenBefore(CONVERSATION_STATE, later, 3));
      assert.deepEqual(counts, [3, 3, 1, 0]);
      await assert.rejects(storage.deleteWrittenBefore(CONVERSATION_STATE, later, 0), RangeError);
      assert.deepEqual(Object.keys(await storage.read([...keys, 'msteams/users/u-1'])), ['msteams/users/u-1']);
    });

    it('answers 0 when nothing was ever written (no container yet)', async () => {
      const storage = freshBlobs();
      assert.equal(await storage.deleteWrittenBefore(CONVERSATION_STATE, new Date(Date.now() + DAY), 10), 0);
      assert.equal(await storage.deleteWrittenBefore(APPROVAL_COPIES, new Date(Date.now() + DAY), 10), 0);
    });
  });

  describe('a whole sweep over the Azure ledger and blobs', () => {
    it('30 days minus a minute after the writes: the unused quote goes, the conversation stays; a minute past 30 days it goes too', async () => {
      const tableName = `sweep${process.pid}`;
      const ledger = await AzureTableLedgerStore.open(connectionString(), { tableName });
      try {
        const clock = new FakeClock(new Date());
        const service = new BillingService(ledger, clock, new SequentialIds());
        await service.provisionDemoTenant('tenant-a');
        const megan = { tenantId: 'tenant-a', userId: DEMO_USERS.megan };
        const phone = { addonId: 'phone-system', baseSubscriptionId: 'sub-e3', quantity: 2, frequency: 'yearly' };
        const used = await service.quotePurchase(megan, phone);
        await service.placeOrder(megan, { quoteId: used.id, paymentMethodId: 'pm-invoice' });
        const unused = await service.quotePurchase(megan, phone);
        const blobs = freshBlobs();
        await blobs.write({ 'msteams/tenants/tenant-a/conversations/a:1': item, 'msteams/tenants/tenant-a/users/user-megan': item });
        const written = Date.now();
        const targets = { ledger, botState: blobs };

        clock.set(new Date(written + 30 * DAY - MINUTE));
        assert.deepEqual(await sweepOnce(targets, clock), { quotes: 1, conversations: 0, approvalCopies: 0, complete: true });
        assert.equal(await ledger.get('tenant-a', 'quote', unused.id), undefined);
        assert.ok(await ledger.get('tenant-a', 'quote', used.id), 'a used quote stays');

        clock.set(new Date(written + 30 * DAY + MINUTE));
        assert.deepEqual(await sweepOnce(targets, clock), { quotes: 0, conversations: 1, approvalCopies: 0, complete: true });
        assert.deepEqual(Object.keys(await blobs.read(['msteams/tenants/tenant-a/conversations/a:1', 'msteams/tenants/tenant-a/users/user-megan'])),
          ['msteams/tenants/tenant-a/users/user-megan']);
      } finally {
        await ledger.close();
        await TableClient.fromConnectionString(connectionString(), tableName, { allowInsecureConnection: true }).deleteTable();
      }
    });
  });
});
