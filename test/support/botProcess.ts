// The real bot as a separate process (`node dist/src/index.js`), configured by its environment like in production, on
// a free loopback port (PORT=0; the port is read from its "listening" log line). Its standard output and error go,
// line by line, to a log file of the test's choosing, so a test can grep everything it logged. It can be killed
// (SIGKILL: a crash) or stopped, and an 'exit' hook kills it if the test process ends first.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('../../src/index.js', import.meta.url));
/** Start-up takes 1 to 4 s; a loaded CI machine may take many times that. */
const START_TIMEOUT_MS = 60_000;
/** The variables the bot reads: never inherited from the test's environment, only the ones a test gives. */
const BOT_VARIABLES = [
  'PORT', 'HOST', 'DATA_DIR', 'STORAGE', 'AZURE_STORAGE_CONNECTION_STRING', 'MicrosoftAppId', 'MicrosoftAppPassword',
  'MicrosoftAppTenantId', 'MicrosoftAppType', 'BotOpenIdMetadata', 'TENANTS_FILE', 'LOG_LEVEL', 'DEV_ACT_AS',
];

/** The environment of a bot process: the test's, minus the bot's variables, plus the ones given (PORT 0 by default). */
function botEnvironment(given: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !BOT_VARIABLES.includes(key)) env[key] = value;
  }
  return Object.assign(env, { PORT: '0' }, given);
}

export interface FailedStart {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node dist/src/index.js` with an environment it is expected to refuse: how it exited and what it wrote. */
export async function startExpectingExit(env: Readonly<Record<string, string>>, timeoutMs = START_TIMEOUT_MS): Promise<FailedStart> {
  const child = spawn(process.execPath, [ENTRY], { env: botEnvironment(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('close', (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

export interface BotProcessOptions {
  /** The bot's configuration (STORAGE, DATA_DIR, AZURE_STORAGE_CONNECTION_STRING, LOG_LEVEL…); PORT defaults to 0. */
  readonly env: Readonly<Record<string, string>>;
  /** Where its stdout and stderr lines are appended. */
  readonly logFile: string;
  /** Prefixed to stderr lines in the log file. */
  readonly name: string;
}

export interface HttpAnswer {
  readonly status: number;
  readonly text: string;
  readonly json: unknown;
}

type ExitInfo = { code: number | null; signal: NodeJS.Signals | null };

export class BotProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly log: WriteStream,
    readonly name: string,
    /** Every line it wrote to stdout (pino JSON), in order, filled as it runs. */
    readonly lines: readonly string[],
    private readonly exited: Promise<ExitInfo>,
  ) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Set once the process has exited: how. */
  get exit(): ExitInfo | undefined {
    return this.child.exitCode === null && this.child.signalCode === null ? undefined : { code: this.child.exitCode, signal: this.child.signalCode };
  }

  static async start(options: BotProcessOptions): Promise<BotProcess> {
    const child = spawn(process.execPath, [ENTRY], { env: botEnvironment(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
    const log = createWriteStream(options.logFile, { flags: 'a' });
    const killOnExit = (): void => { child.kill('SIGKILL'); };
    process.once('exit', killOnExit);
    const lines: string[] = [];
    const exited = new Promise<ExitInfo>((resolve) => {
      // 'close': exited, and its output read to the end.
      child.once('close', (code, signal) => {
        process.removeListener('exit', killOnExit);
        resolve({ code, signal });
      });
    });
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${options.name} did not start within ${START_TIMEOUT_MS} ms`));
      }, START_TIMEOUT_MS);
      let pending = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        if (!log.writableEnded) log.write(chunk);
        pending += chunk.toString('utf8');
        const parts = pending.split('\n');
        pending = parts.pop() ?? '';
        for (const line of parts) {
          if (line.length === 0) continue;
          lines.push(line);
          const parsed = safeJson(line) as { msg?: unknown; port?: unknown } | undefined;
          if (parsed?.msg === 'Add-on Assistant listening on /api/messages' && typeof parsed.port === 'number') {
            clearTimeout(timer);
            resolve(parsed.port);
          }
        }
      });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        if (!log.writableEnded) log.write(chunk.toString('utf8').split('\n').filter((l) => l.length > 0).map((l) => `[${options.name} stderr] ${l}\n`).join(''));
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${options.name} exited during start-up (${String(code ?? signal)}): ${stderr.trim()}`));
      });
    });
    return new BotProcess(child, port, log, options.name, lines, exited);
  }

  /** POSTs an activity (or any JSON, or a raw string body) to /api/messages. */
  async post(body: unknown, headers: Readonly<Record<string, string>> = {}): Promise<HttpAnswer> {
    const res = await fetch(`${this.base}/api/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, text, json: safeJson(text) };
  }

  async healthy(): Promise<boolean> {
    try {
      return (await fetch(`${this.base}/healthz`)).status === 200;
    } catch {
      return false;
    }
  }

  /** Sends a signal (SIGKILL by default: a crash) and waits for the exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.exit === undefined) this.child.kill(signal);
    await this.exited;
    await new Promise<void>((resolve) => this.log.end(() => resolve()));
  }

  /** A clean shutdown (SIGTERM), then SIGKILL if it takes more than 5 s. */
  async stop(): Promise<void> {
    if (this.exit === undefined) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
      await this.exited;
      clearTimeout(timer);
    }
    await new Promise<void>((resolve) => this.log.end(() => resolve()));
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
