// What the nudge sweep tests share: an admin's saved personal chat pointing at a loopback fake connector, the real
// proactive path (a CloudAdapter in local mode, unauthenticated, as the app builds it) and a nudge message that says
// which nudge and which language it is, so a test can count deliveries per nudge.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Activity, Storage } from 'botbuilder';
import type { Logger } from 'pino';
import { connectorAuthentication } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import type { BillingService } from '../../src/domain/billingService.js';
import type { Language } from '../../src/domain/ids.js';
import type { Nudge } from '../../src/domain/nudges.js';
import type { Clock } from '../../src/domain/ports.js';
import type { NudgeSweepDeps } from '../../src/flows/nudges/nudgeSweep.js';
import { StorageConversationReferences, type StoredReference } from '../../src/proactive/conversationReferences.js';
import { ProactiveNotifier } from '../../src/proactive/proactiveNotifier.js';
import { AuthenticatedCloudAdapter } from '../../src/server/authenticatedAdapter.js';
import type { FakeConnector } from './fakeConnector.js';

/** The conversation id of a user's personal chat in these tests. */
export function chatOf(userId: string): string {
  return `a:${userId}`;
}

export function personalChat(tenantId: string, userId: string, serviceUrl: string): StoredReference {
  return {
    channelId: 'msteams', serviceUrl, bot: { id: '28:bot', name: 'Add-on Assistant' },
    conversation: { id: chatOf(userId), tenantId, conversationType: 'personal', isGroup: false },
    user: { id: `29:${userId}`, aadObjectId: userId },
  };
}

/** The user has talked to the bot in their personal chat, in this language. */
export async function hasTalked(storage: Storage, tenantId: string, userId: string, serviceUrl: string, language: Language): Promise<void> {
  await new StorageConversationReferences(storage).save(tenantId, userId, { reference: personalChat(tenantId, userId, serviceUrl), language });
}

/** "<language> <tenant> <nudge key>": enough to tell every delivery apart. */
export function keyedNudge(nudge: Nudge, language: Language): Partial<Activity> {
  return { type: 'message', text: `${language} ${nudge.tenantId} ${nudge.key}` };
}

/** The sweep's dependencies over these stores, sending through the real proactive path. */
export function sweepDeps(billing: BillingService, storage: Storage, clock: Clock, logger: Logger): NudgeSweepDeps {
  const references = new StorageConversationReferences(storage);
  const adapter = new AuthenticatedCloudAdapter(connectorAuthentication(loadConfig({}), logger).outbound);
  return { billing, references, sender: new ProactiveNotifier(adapter, '', references, logger), render: keyedNudge, clock, logger };
}

/** What a message says in one line: its text, or a card's summary (a nudge card's title). */
export function messageLine(body: Record<string, unknown>): string {
  return String(body.text ?? body.summary);
}

/** The nudge messages the connector accepted, in order, each as its one line. */
export function delivered(connector: FakeConnector): string[] {
  return connector.sent.filter((a) => a.method === 'POST' && a.body.type === 'message').map((a) => messageLine(a.body));
}

const SCRIPT = fileURLToPath(new URL('../../scripts/nudges.js', import.meta.url));

export interface ScriptRun {
  readonly code: number | null;
  /** stdout's lines, parsed. */
  readonly lines: Array<Record<string, unknown>>;
  readonly stderr: string;
}

/** `npm run nudges -- <args>` as a process of its own, with DATA_DIR and these variables only (none of the shell's). */
export function runNudgesScript(dataDir: string, args: readonly string[], extraEnv: Record<string, string> = {}): Promise<ScriptRun> {
  const env = { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...extraEnv };
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', SCRIPT, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
  return new Promise((resolve) => {
    child.on('close', (code) => resolve({
      code, stderr, lines: stdout.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as Record<string, unknown>),
    }));
  });
}
