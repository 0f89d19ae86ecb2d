import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { roles } from '#shared/auth/roles';

export interface IdentityProps {
  stage: string;
  mfaRequired: boolean;
  threatProtection: boolean;
  /** The deployed portal (`https://<id>.cloudfront.net`): managed login returns there, invitations link to it. */
  portalUrl: string;
  /** Extra sign-in return addresses, e.g. the local dev server in dev stages only. */
  extraPortalUrls: string[];
}

/**
 * The managed login host of a stage in a region. Prefixes are unique across all of AWS in a region, so the
 * account id is part of it; it is a deploy-time token, which is why the host is built here and not looked up.
 */
export function managedLoginHost(scope: Construct, stage: string): { prefix: string; origin: string } {
  const { region } = Stack.of(scope);
  const prefix = `accord-${stage}-${region}-${Aws.ACCOUNT_ID}`;
  return { prefix, origin: `https://${prefix}.auth.${region}.amazoncognito.com` };
}

/** Cognito's OIDC issuer host; the portal reads the discovery document and keys from it. */
export const issuerOrigin = (scope: Construct): string => `https://cognito-idp.${Stack.of(scope).region}.amazonaws.com`;

/** The user pool people sign in to, and the portal's app client whose tokens the API's JWT authorizer accepts. */
export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  readonly portalClient: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  /** Where managed login sends people back after sign-in and sign-out. */
  readonly portalRedirectUri: string;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    const { stage, mfaRequired, threatProtection, portalUrl, extraPortalUrls } = props;
    this.portalRedirectUri = `${portalUrl}/`;
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `accord-${stage}`,
      // People are invited: admins and managers add vendor staff, identity-sync mirrors partner people.
      selfSignUpEnabled: false,
      // The username is Accord's user id (shared/identity/directory.ts); people sign in with their e-mail alias.
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      // Ties a partner's people to their partner; set by identity-sync only (see the client's writeAttributes).
      customAttributes: { partner_id: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: mfaRequired ? cognito.Mfa.REQUIRED : cognito.Mfa.OPTIONAL,
      // Authenticator apps only: SMS costs per message, needs an SNS role and invites SIM-swap attacks.
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: threatProtection ? cognito.FeaturePlan.PLUS : cognito.FeaturePlan.ESSENTIALS,
      ...(threatProtection && {
        standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      }),
      // Cognito sends this when a person is added (shared/identity/directory.ts): it must say where to sign in.
      userInvitation: {
        emailSubject: 'Your Accord sign-in',
        emailBody:
          `You have been invited to Accord. Sign in at ${this.portalRedirectUri} with your e-mail address ` +
          '(or the username {username}) and the temporary password {####}; you will choose your own password then.',
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (!mfaRequired) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG2',
        reason: `Stage ${stage} holds test users only; MFA is offered (TOTP) but not forced. prod requires it.`,
      });
    }
    if (!threatProtection) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason: `Stage ${stage} holds test users only; the Plus plan's threat protection is enabled in prod.`,
      });
    }

    // Cognito groups are Accord's roles, strongest first: a user in several groups acts with the strongest.
    roles.forEach((groupName, precedence) => {
      this.userPool.addGroup(`Group-${groupName}`, { groupName, precedence });
    });

    const profile = { fullname: true, givenName: true, familyName: true, locale: true, timezone: true };
    this.portalClient = this.userPool.addClient('PortalClient', {
      userPoolClientName: 'portal',
      // A browser app cannot keep a secret.
      generateSecret: false,
      authFlows: { userSrp: true },
      // Managed login, authorization code with PKCE (the portal sends the challenge; no secret exists to send).
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [this.portalRedirectUri, ...extraPortalUrls],
        logoutUrls: [this.portalRedirectUri, ...extraPortalUrls],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ ...profile, email: true, emailVerified: true })
        .withCustomAttributes('partner_id'),
      // partner_id and email are NOT writable by the user: a partner user could otherwise move to another
      // partner by updating their own attribute with their access token.
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes(profile),
    });

    this.domain = this.userPool.addDomain('ManagedLogin', {
      cognitoDomain: { domainPrefix: managedLoginHost(this, stage).prefix },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // Managed login shows a page only for clients with a style; Cognito's default look is enough.
    new cognito.CfnManagedLoginBranding(this, 'ManagedLoginStyle', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.portalClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });
  }
}
