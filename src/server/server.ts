// The HTTP surface, restify only: POST /api/messages (authenticated here, then through the CloudAdapter), GET
// /healthz.
import restify from 'restify';
import type { Activity } from 'botbuilder';
import type { ActivityHandler } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AuthenticatedCloudAdapter } from './authenticatedAdapter.js';
import { Unauthorized, type RequestAuthentication } from './requestAuthentication.js';

export interface ServerDeps {
  readonly adapter: AuthenticatedCloudAdapter;
  readonly authentication: RequestAuthentication;
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
    const activity = withDates(req.body as Activity);
    let authenticated;
    try {
      authenticated = await deps.authentication.authenticate(activity, req.header('authorization', ''));
    } catch (error) {
      // Whatever the reason (no token, a forged or expired one, the signing keys out of reach): a bare 401.
      deps.logger.warn({ reason: error instanceof Unauthorized ? error.reason : `error:${error instanceof Error ? error.name : 'unknown'}` },
        'request refused: not authenticated');
      end(res, 401);
      return;
    }
    let response;
    try {
      response = await deps.adapter.processAuthenticated(authenticated, activity, (context) => deps.bot.run(context));
    } catch (error) {
      // The turn's own errors are handled by onTurnError; this is the adapter failing around it.
      deps.logger.error({ error: error instanceof Error ? error.name : 'unknown', activity: activity.type }, 'activity not processed');
      end(res, 500);
      return;
    }
    end(res, response?.status ?? 200, response?.body);
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

/** Answers with a status and, if any, a body; a status alone says nothing more. */
function end(res: restify.Response, status: number, body?: unknown): void {
  if (body === undefined || body === null) {
    res.status(status);
    res.end();
  } else {
    res.send(status, body);
  }
}

/** The date fields of an activity as Date objects, as botbuilder's CloudAdapter.process hands them to the turn. */
function withDates(activity: Activity): Activity {
  const fixed = activity as Activity & { rawTimestamp?: string; rawExpiration?: string; rawLocalTimestamp?: string };
  const raw = activity as unknown as { timestamp?: unknown; expiration?: unknown; localTimestamp?: unknown };
  if (typeof raw.timestamp === 'string') {
    fixed.rawTimestamp = raw.timestamp;
    fixed.timestamp = new Date(raw.timestamp);
  }
  if (typeof raw.expiration === 'string') {
    fixed.rawExpiration = raw.expiration;
    fixed.expiration = new Date(raw.expiration);
  }
  if (typeof raw.localTimestamp === 'string') {
    fixed.rawLocalTimestamp = raw.localTimestamp;
    fixed.localTimestamp = new Date(raw.localTimestamp);
  }
  return fixed;
}
