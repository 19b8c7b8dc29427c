// Runs an activity through the production app's adapter, middleware (the tenant gate) and bot as if the Bot Framework
// had signed it for this app: the claims of a valid token, and a connector that posts, unsigned, to the activity's
// serviceUrl (a FakeConnector). A real Bot Framework token cannot be had offline.
import { ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, type Activity } from 'botbuilder';
import { ClaimsIdentity } from 'botframework-connector';
import type { App } from '../../src/app.js';

export async function runAuthenticated(app: App, appId: string, activity: Record<string, unknown>): Promise<void> {
  const turnActivity = activity as unknown as Activity;
  const anonymous = new ConfigurationBotFrameworkAuthentication({}, new ConfigurationServiceClientCredentialFactory({}));
  const { connectorFactory } = await anonymous.authenticateRequest(turnActivity, '');
  const claims = [{ type: 'aud', value: appId }, { type: 'appid', value: appId }, { type: 'ver', value: '1.0' }];
  const authenticated = { audience: 'https://api.botframework.com', claimsIdentity: new ClaimsIdentity(claims, true), connectorFactory };
  await app.adapter.processActivityDirect(authenticated, turnActivity, (context) => app.bot.run(context));
}
