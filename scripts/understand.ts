// `npm run understand -- [--locale en|fr] "<text>"`: prints what the bot's recognizer makes of one utterance, as one
// JSON object on stdout (SPEC section 7). Bad usage: a message on stderr and exit code 2.
import { INTENTS, understand } from '../src/nlu/recognizer.js';

const USAGE = `usage: npm run understand -- [--locale en|fr] "<text>"\nintents: ${INTENTS.join(', ')}`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(args: readonly string[]): { text: string; locale: string | undefined } {
  let locale: string | undefined;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--locale' || arg.startsWith('--locale=')) {
      const value = arg === '--locale' ? args[++i] : arg.slice('--locale='.length);
      if (value === undefined || !/^(en|fr)([-_][A-Za-z]{2})?$/.test(value)) fail(`--locale needs en or fr (got ${value ?? 'nothing'})`);
      locale = value;
    } else if (arg === '--') {
      words.push(...args.slice(i + 1));
      break;
    } else if (arg.startsWith('--')) {
      fail(`unknown option ${arg}`);
    } else {
      words.push(arg);
    }
  }
  const text = words.join(' ').trim();
  if (text === '') fail('no text to understand');
  return { text, locale };
}

const { text, locale } = parseArgs(process.argv.slice(2));
const u = understand(text, locale);
// Keys in the order of SPEC section 7, whatever order the object was built in.
process.stdout.write(`${JSON.stringify({
  intent: u.intent, addon: u.addon, plan: u.plan, quantity: u.quantity, frequency: u.frequency, language: u.language,
})}\n`);
