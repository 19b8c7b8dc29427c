// Azurite 3.35 (the Azure Storage emulator from npm; newer versions need Node 22) for tests of the Azure backends.
// It runs as a child process on free loopback ports with in-memory persistence, so tests need no service and leave
// nothing on disk; stop() kills it and waits for its exit. If the test process ends without stop(), an 'exit' hook
// kills it, and if the test process is killed outright, the child sees its standard input close and exits
// (azuriteChild.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RunningAzurite {
  /** A connection string for the emulator's well-known account with this instance's endpoints. */
  readonly connectionString: string;
  readonly ports: { readonly blob: number; readonly queue: number; readonly table: number };
  readonly pid: number;
  /** Kills the emulator and waits until it has exited; safe to call more than once. */
  stop(): Promise<void>;
}

const ACCOUNT = 'devstoreaccount1';
// The emulator's fixed, public development key (documented by Microsoft); it guards nothing.
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 3_000;
const START_ATTEMPTS = 3;

function azuriteEntry(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('azurite/package.json')), 'dist', 'src', 'azurite.js');
}

/** A port free right now on the loopback interface (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => { socket.destroy(); resolve(false); });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Starts Azurite and resolves once its table and blob ports accept connections. */
export async function startAzurite(): Promise<RunningAzurite> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    try {
      return await startOnce();
    } catch (error) {
      // Another process may have taken a port between our probe and Azurite's listen: try new ports.
      lastError = error;
    }
  }
  throw lastError;
}

async function startOnce(): Promise<RunningAzurite> {
  const [blob, queue, table] = await distinctFreePorts(3) as [number, number, number];
  // Azurite refuses --location together with --inMemoryPersistence; it runs in a temporary working directory
  // instead, so anything it might write lands there and is removed on stop.
  const location = mkdtempSync(join(tmpdir(), 'azurite-'));
  const child = spawn(process.execPath, [
    fileURLToPath(new URL('./azuriteChild.js', import.meta.url)),
    azuriteEntry(),
    '--silent', '--disableTelemetry', '--inMemoryPersistence', '--skipApiVersionCheck',
    '--blobHost', HOST, '--blobPort', String(blob),
    '--queueHost', HOST, '--queuePort', String(queue),
    '--tableHost', HOST, '--tablePort', String(table),
  ], { cwd: location, env: { ...process.env, AZURITE_SCRATCH_DIR: location }, stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.on('error', (error) => { stderr += `\n${error.message}`; });
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
  // If the test process ends without calling stop() (a crash, process.exit), still take Azurite down with it.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
    rmSync(location, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);
  const cleanUp = (): void => {
    process.removeListener('exit', killOnExit);
    rmSync(location, { recursive: true, force: true });
  };

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        // Closing its input makes the child exit at once; Azurite's own SIGTERM handler would wait for idle
        // keep-alive connections to close, seconds. Its data is in memory and thrown away either way.
        child.stdin?.end();
        let timer: NodeJS.Timeout | undefined;
        const done = await Promise.race([
          exited(child).then(() => true),
          new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), STOP_TIMEOUT_MS); }),
        ]);
        clearTimeout(timer);
        if (!done) {
          child.kill('SIGKILL');
          await exited(child);
        }
      }
      cleanUp();
    })();
    return stopping;
  };

  try {
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`Azurite exited during start-up (code ${String(child.exitCode)}): ${stderr.trim()}`);
      }
      if (await accepts(table) && await accepts(blob)) break;
      if (Date.now() > deadline) throw new Error(`Azurite did not accept connections within ${START_TIMEOUT_MS} ms: ${stderr.trim()}`);
      await delay(50);
    }
  } catch (error) {
    await stop();
    throw error;
  }

  const endpoint = (port: number) => `http://${HOST}:${port}/${ACCOUNT}`;
  return {
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};`
      + `BlobEndpoint=${endpoint(blob)};QueueEndpoint=${endpoint(queue)};TableEndpoint=${endpoint(table)};`,
    ports: { blob, queue, table },
    pid: child.pid ?? -1,
    stop,
  };
}

/**
 * One Azurite for the enclosing mocha suite: started in its `before`, stopped in its `after`. Returns the accessor
 * of its connection string (which throws if it is called outside the suite's tests).
 */
export function useAzurite(): () => string {
  let azurite: RunningAzurite | undefined;
  before(async () => {
    azurite = await startAzurite();
  });
  after(async () => {
    await azurite?.stop();
  });
  return () => {
    if (!azurite) throw new Error('Azurite is not running');
    return azurite.connectionString;
  };
}
