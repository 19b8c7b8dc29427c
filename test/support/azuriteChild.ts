// The Azurite process of test/support/azurite.ts: runs Azurite's own entry point with the flags it was given, and
// exits as soon as its standard input closes, which happens when the test process that started it ends, however it
// ends (a crash, SIGKILL, a CI timeout), so no emulator outlives its tests.
//   node azuriteChild.js <path of azurite.js> <azurite flags...>
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const [node = process.execPath, , entry, ...flags] = process.argv;
if (entry === undefined) throw new Error('usage: azuriteChild.js <azurite.js> [flags...]');
/** The temporary directory the parent made for this run, removed on the way out even if the parent is gone. */
const scratch = process.env.AZURITE_SCRATCH_DIR;
const leave = (): never => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  process.exit(0);
};
process.stdin.on('end', leave);
process.stdin.on('error', leave);
process.stdin.resume();
// Azurite reads its flags from process.argv when it loads.
process.argv = [node, entry, ...flags];
createRequire(import.meta.url)(entry);
