// Entry point: parse the environment, wire the app, listen. A bad configuration exits with code 1 and one line
// per bad variable.
import { ConfigError, loadConfig, processEnv } from './config/config.js';
import { createApp } from './app.js';
import { createLogger } from './logging.js';
import { installProcessGuards } from './server/processGuards.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(processEnv());
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  installProcessGuards(logger);
  const app = await createApp(config, logger);
  const port = await app.listen(config.port);
  logger.info({ port, localMode: config.localMode, storage: config.storage }, 'Add-on Assistant listening on /api/messages');
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    app.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Add-on Assistant failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
