import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { roles } from '#shared/auth/roles';

export interface IdentityProps {
  stage: string;
  mfaRequired: boolean;
  threatProtection: boolean;
}

/** The user pool people sign in to, and the portal's app client whose tokens the API's JWT authorizer accepts. */
export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  readonly portalClient: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, { stage, mfaRequired, threatProtection }: IdentityProps) {
    super(scope, id);
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
      // No hosted UI yet: without this CDK would register OAuth flows with an example.com callback.
      disableOAuth: true,
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
  }
}
