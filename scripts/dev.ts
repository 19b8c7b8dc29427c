// `npm run dev`: starts the bot (local mode: embedded SQLite store, demo tenant, no auth) and the Microsoft 365
// Agents Playground pointed at it, with the Playground's telemetry off (these machines reach no Azure host), and
// prints where to chat. Ctrl-C stops both.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function freePort(preferred: number): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => {
      const any = createServer();
      any.listen(0, '127.0.0.1', () => {
        const address = any.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        any.close(() => resolve(port));
      });
    });
    probe.listen(preferred, '127.0.0.1', () => probe.close(() => resolve(preferred)));
  });
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The bot did not answer ${url} within ${timeoutMs} ms`);
}

/** `npm run dev -- --as lee`: the Playground user acts as this demo person at start (DEV_ACT_AS; "act as …" switches). */
function actAsArgument(argv: readonly string[]): string | undefined {
  const at = argv.indexOf('--as');
  return at >= 0 ? argv[at + 1] : undefined;
}

async function main(): Promise<void> {
  const actAs = actAsArgument(process.argv.slice(2));
  const botPort = await freePort(3978);
  const playgroundPort = await freePort(56150);
  const children: ChildProcess[] = [];
  const stop = (code: number) => {
    for (const child of children) child.kill('SIGTERM');
    process.exit(code);
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  // Local mode: no MicrosoftAppId, so no auth, and the demo tenant for whoever talks to the bot, on loopback. Production
  // variables a developer's shell may export are cleared: the bot refuses to start with them and no app id.
  const production = { MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '', MicrosoftAppType: '', TENANTS_FILE: '', BotOpenIdMetadata: '' };
  const botEnv = { ...process.env, ...production, PORT: String(botPort), HOST: '127.0.0.1', ...(actAs ? { DEV_ACT_AS: actAs } : {}) };
  // DEP0111 comes from a dependency of restify (spdy's http-deceiver calls process.binding); see the README.
  const bot = spawn(process.execPath, ['--disable-warning=DEP0111', join(root, 'dist', 'src', 'index.js')], { stdio: ['ignore', 'inherit', 'inherit'], env: botEnv });
  children.push(bot);
  bot.on('exit', (code) => { console.error(`The bot exited (${code ?? 'signal'}).`); stop(code ?? 1); });
  await waitForHealth(`http://127.0.0.1:${botPort}/healthz`, 15_000);

  const playground = spawn(process.execPath, [
    join(root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js'),
    '-e', `http://127.0.0.1:${botPort}/api/messages`, '-c', 'msteams', '-p', String(playgroundPort), '--disable-telemetry',
  ], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, APPLICATION_INSIGHTS_NO_STATSBEAT: 'true', TEAMSAPPTESTER_BROWSER: 'none' },
  });
  children.push(playground);
  playground.on('exit', (code) => { console.error(`The Playground exited (${code ?? 'signal'}).`); stop(code ?? 1); });
  await waitForHealth(`http://127.0.0.1:${playgroundPort}/`, 30_000);

  console.log([
    '',
    `Add-on Assistant is running on http://127.0.0.1:${botPort}/api/messages (local mode, demo tenant "Contoso (demo)").`,
    `Chat with it in the Microsoft 365 Agents Playground: open http://localhost:${playgroundPort} in your browser.`,
    'Type "buy storage add-on" to start, or "help". Press Ctrl-C to stop both.',
    `You are ${actAs ? `acting as "${actAs}"` : 'a global admin of the demo tenant'}; type "act as lee", "act as megan", "act as alex" or "act as me" to switch.`,
    '',
  ].join('\n'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
