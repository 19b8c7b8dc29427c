// The bot's Microsoft App Id (MicrosoftAppId): one schema for the server and for `npm run package`, so a package is
// never built for an id the server would refuse, nor the reverse.
import { z } from 'zod';

/** The app id of a package built without MicrosoftAppId (a local trial): a valid GUID, never a real registration. */
export const PLACEHOLDER_APP_ID = '00000000-0000-4000-8000-000000000000';

/** GUIDs that are well formed but can never be an Entra app registration's client id. */
const NOT_AN_APP_ID = new Set([PLACEHOLDER_APP_ID, '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff']);

/**
 * An Entra app registration's client id: an RFC 9562 UUID (Entra issues version 4), trimmed and lower-cased as the
 * Bot Framework writes it in a token's audience and Teams in a manifest.
 */
export const AppIdT = z.string()
  .trim()
  .toLowerCase()
  .pipe(z.uuid({ error: 'must be the bot\'s app registration id, a GUID such as 3f2a9c1e-7b4d-4e8a-9c61-0d5e2b7a4f10' }))
  .refine((id) => !NOT_AN_APP_ID.has(id), { error: 'is a placeholder GUID, not an app registration id' });
