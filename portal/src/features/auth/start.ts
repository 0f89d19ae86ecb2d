/**
 * What happens before the first render: `/config.json` is read and, when it names Cognito, the sign-in module
 * (oidc-client-ts, loaded only then) finishes a sign-in coming back from managed login, or renews a session that
 * expired while the tab was away. Nothing here throws: a problem is kept for the sign-in page to show.
 */
import { loadPortalConfig } from '../../lib/config';
import { messages } from '../../messages';

export interface SignInProblem {
  title: string;
  detail: string;
}

let problem: SignInProblem | undefined;

/** What went wrong while starting (a broken config.json, a refused or tampered callback), for the sign-in page. */
export function signInProblem(): SignInProblem | undefined {
  return problem;
}

export async function startSignIn(): Promise<void> {
  try {
    const config = await loadPortalConfig();
    if (config.signIn !== 'cognito') return;
    const { startCognito } = await import('./cognito');
    problem = await startCognito(config.cognito);
  } catch (error) {
    problem = { title: messages.auth.configFailed, detail: error instanceof Error ? error.message : String(error) };
  }
}
