// The HTTP surface, restify only: POST /api/messages through the CloudAdapter, GET /healthz.
import restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { ActivityHandler } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';

export interface ServerDeps {
  readonly adapter: CloudAdapter;
  readonly bot: ActivityHandler;
  readonly logger: Logger;
  readonly healthy: () => boolean;
}

const AccountT = z.object({ id: z.string() }).passthrough();
/**
 * What botbuilder and the bot read of an activity before they check anything, typed as the Bot Framework schema has
 * it. A body that breaks it (a number for the conversation, null entities, a serviceUrl that is not a string…) is a
 * client's mistake, answered 400, instead of failing inside botbuilder (a 500) or in the middle of a turn.
 */
export const ActivityShapeT = z.object({
  type: z.string().min(1),
  id: z.string().nullish(),
  name: z.string().nullish(),
  channelId: z.string().nullish(),
  serviceUrl: z.string().nullish(),
  from: AccountT.nullish(),
  recipient: AccountT.nullish(),
  conversation: z.object({ id: z.string(), tenantId: z.string().nullish() }).passthrough().nullish(),
  text: z.string().nullish(),
  locale: z.string().nullish(),
  replyToId: z.string().nullish(),
  entities: z.array(z.object({ type: z.string() }).passthrough()).nullish(),
  membersAdded: z.array(AccountT).nullish(),
  membersRemoved: z.array(AccountT).nullish(),
  channelData: z.object({}).passthrough().nullish(),
}).passthrough();

export function createServer(deps: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'addon-assistant', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 256 * 1024 }));

  server.post('/api/messages', async (req, res) => {
    if (!ActivityShapeT.safeParse(req.body).success) {
      res.send(400, { code: 'InvalidContent', message: 'The body is not an activity.' });
      return;
    }
    await deps.adapter.process(req, res, (context) => deps.bot.run(context));
  });

  server.get('/healthz', (_req, res, next) => {
    const ok = deps.healthy();
    res.send(ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable' });
    next();
  });

  server.on('restifyError', (req: restify.Request, _res: restify.Response, err: Error & { statusCode?: number }, callback: () => void) => {
    // Client errors (bad JSON, too large) are answered by restify; log the kind, never the body.
    deps.logger.warn({ path: req.path(), status: err.statusCode ?? 500, error: err.name }, 'request refused');
    callback();
  });
  return server;
}
