// Child processes of the benchmark: the echo bot and the real bot, each alone in its own Node process on a free
// loopback port, started exactly as they would be run (`node dist/src/index.js`, configured by the environment).
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The compiled project: dist/bench/processes.js → dist. */
export const DIST = path.resolve(here, '..');
export const REAL_BOT_ENTRY = path.join(DIST, 'src', 'index.js');
export const ECHO_BOT_ENTRY = path.join(DIST, 'bench', 'echoBot.js');
export const FLOOR_BOT_ENTRY = path.join(DIST, 'bench', 'floorBot.js');

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface BotProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly port: number;
  readonly base: string;
  /** SIGTERM, then wait for the exit (the real bot closes its databases; a --cpu-prof profile is written). */
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly name: string;
  readonly entry: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Extra node flags (e.g. --cpu-prof). */
  readonly nodeArgs?: readonly string[];
  /** Where the child's stdout and stderr go (its log lines); default: discarded. */
  readonly logFile?: string;
  readonly port?: number;
}

/** Spawns `node entry` with PORT set; resolves at once (see waitListening). */
export async function spawnBot(options: StartOptions): Promise<BotProcess> {
  const port = options.port ?? await freePort();
  const out = options.logFile ? openSync(options.logFile, 'a') : 'ignore';
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.entry], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env, PORT: String(port) },
    stdio: ['ignore', out, out],
  });
  if (typeof out === 'number') closeSync(out);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name: options.name, child, port, base: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resolves when the port accepts a TCP connection; rejects if the child exits first or after `timeoutMs`. */
export async function waitListening(bot: BotProcess, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (bot.child.exitCode !== null) throw new Error(`${bot.name} exited with code ${bot.child.exitCode} before listening`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(bot.port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => { socket.destroy(); resolve(false); });
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${bot.name} did not listen on ${bot.port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function startBot(options: StartOptions): Promise<BotProcess> {
  const bot = await spawnBot(options);
  try {
    await waitListening(bot);
  } catch (error) {
    await bot.stop();
    throw error;
  }
  return bot;
}

/** POSTs one activity to a bot; resolves with the status and the body (an invoke response, or empty). */
export async function post(base: string, body: Record<string, unknown>): Promise<{ status: number; text: string }> {
  const res = await fetch(`${base}/api/messages`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

/** CPU time (user + system, ms) a child process has used so far, from /proc (Linux); NaN elsewhere. */
export function cpuMsOf(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which is in parentheses and may hold spaces): utime is the 14th, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}
