// Start-up failures an operator can fix (the port, the data folder): one plain sentence each, which the entry point
// prints on one line before exiting with code 1, instead of a Node stack trace.

export class StartupError extends Error {
  override readonly name = 'StartupError';
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Why the server could not listen on host:port (PORT, HOST). */
export function listenFailure(error: unknown, host: string, port: number): StartupError {
  const where = `${host}:${port}`;
  switch (codeOf(error)) {
    case 'EADDRINUSE':
      return new StartupError(`port ${port} is already in use on ${host} (PORT): stop the other process or choose another PORT`);
    case 'EACCES':
    case 'EPERM':
      return new StartupError(`no permission to listen on ${where} (PORT): ports below 1024 need privileges, choose another PORT`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new StartupError(`cannot listen on ${where}: ${host} is not an address of this machine (HOST)`);
    default:
      return new StartupError(`cannot listen on ${where} (${codeOf(error) ?? (error instanceof Error ? error.message : String(error))})`);
  }
}

/** Why the SQLite files cannot be created or opened in DATA_DIR. */
export function dataDirFailure(error: unknown, dataDir: string): StartupError {
  const code = codeOf(error);
  const reason = code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM'
    ? 'permission denied (the bot must be able to create and write files there)'
    : code === 'ENOTDIR' || code === 'EEXIST'
      ? 'it is not a folder'
      : code === 'SQLITE_CANTOPEN'
        ? 'ledger.db or state.db there cannot be opened as a database file'
        : code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT'
          ? 'ledger.db or state.db there is not a database this bot wrote'
          : code ?? (error instanceof Error ? error.message : String(error));
  return new StartupError(`DATA_DIR ${dataDir} cannot be used: ${reason}`);
}
