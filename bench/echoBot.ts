// The benchmark's reference: a bare botbuilder echo bot. CloudAdapter (local mode: no app id, so unsigned activities
// in and unauthenticated replies out, like the real bot without MicrosoftAppId) behind restify with the same body
// parser as src/server/server.ts, no state, no middleware: each message is answered with its text, posted to the
// activity's serviceUrl (the loopback connector). Run as its own process: `PORT=… node dist/bench/echoBot.js`.
import {
  ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, MessageFactory,
} from 'botbuilder';
import { serveBot } from './serveBot.js';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(MessageFactory.text(`Echo: ${context.activity.text ?? ''}`));
      await next();
    });
  }
}

const credentials = new ConfigurationServiceClientCredentialFactory({
  MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '',
});
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}, credentials));
adapter.onTurnError = async (context, error) => {
  process.stderr.write(`echo bot turn failed: ${error.name}\n`);
  await context.sendActivity('The echo bot failed.');
};
const bot = new EchoBot();

serveBot('echo bot', adapter, bot);
