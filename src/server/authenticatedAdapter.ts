// botbuilder's CloudAdapter, for requests the server has already authenticated (see requestAuthentication.ts):
// CloudAdapter.process would authenticate again itself and answer any failure with its error message in the body.
import { CloudAdapter, type Activity, type ConfigurationBotFrameworkAuthentication, type InvokeResponse, type TurnContext } from 'botbuilder';

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

export class AuthenticatedCloudAdapter extends CloudAdapter {
  /** Runs the turn of an authenticated activity; what to answer an invoke with, if anything. */
  processAuthenticated(
    authenticated: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}
