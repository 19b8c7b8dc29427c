// How the benchmark serves its reference bots (echo, framework floor): restify with the same body parser as
// src/server/server.ts, POST /api/messages through the adapter, on PORT (loopback), until SIGTERM.
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import restify from 'restify';

export function serveBot(name: string, adapter: CloudAdapter, bot: ActivityHandler, onClose: () => void = () => undefined): void {
  const server = restify.createServer({ name, handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 256 * 1024 }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });

  const port = Number(process.env.PORT ?? 0);
  server.listen(port, '127.0.0.1', () => {
    process.stdout.write(`${name} listening on ${Number(server.address().port)}\n`);
  });
  process.on('SIGTERM', () => {
    server.close(() => {
      onClose();
      process.exit(0);
    });
  });
}
