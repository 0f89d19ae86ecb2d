/** Signing in through Cognito managed login (AWS), in English. The local sign-in's words are in shell.ts. */
export const auth = {
  redirecting: 'Taking you to the Accord sign-in page',
  redirectingDetail: 'You sign in on the sign-in page of your organisation’s Accord and come back here.',
  signIn: 'Sign in',
  callbackFailed: 'Sign-in did not complete',
  configFailed: 'This Accord portal is not set up correctly',
  signInProblem: (detail: string) => `The sign-in page answered: ${detail}`,
  /** The "signed out" screen's reason when silent renewal fails (the other reasons are in shell.ts). */
  renewalFailed:
    'Your session could not be renewed: the sign-in service refused it or could not be reached. Sign in again to continue.',
  directSignInLocalOnly: 'Direct sign-in links work on the local runtime only. Sign in with your account instead.',
} as const;
