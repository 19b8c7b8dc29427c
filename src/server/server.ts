// The HTTP surface, restify only: POST /api/messages through the CloudAdapter, GET /healthz.
import restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { ActivityHandler } from 'botbuilder';
import type { Logger } from 'pino';

export interface ServerDeps {
  readonly adapter: CloudAdapter;
  readonly bot: ActivityHandler;
  readonly logger: Logger;
  readonly healthy: () => boolean;
}

export function createServer(deps: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'addon-assistant', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 256 * 1024 }));

  server.post('/api/messages', async (req, res) => {
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
