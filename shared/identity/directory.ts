import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { PartnerRole } from '#shared/auth/roles';
import { config } from '#shared/config';
import { logger } from '#shared/log';

/** A partner person as the sign-in directory needs them. The username is Accord's user id. */
export interface DirectoryUser {
  userId: string;
  partnerId: string;
  email: string;
  name: string;
  role: PartnerRole;
}

/** The sign-in directory: Cognito in AWS; locally a log of what would happen (tokens come from /local/token). */
export interface Directory {
  /** Creates the sign-in (with an invitation e-mail) if absent and puts it in its role's group. */
  provision(user: DirectoryUser): Promise<void>;
  changeRole(user: DirectoryUser, from: PartnerRole): Promise<void>;
  updateProfile(user: DirectoryUser): Promise<void>;
  disable(userId: string): Promise<void>;
  enable(userId: string): Promise<void>;
}

class CognitoDirectory implements Directory {
  private readonly client = new CognitoIdentityProviderClient({});
  constructor(private readonly userPoolId: string) {}

  async provision(user: DirectoryUser): Promise<void> {
    try {
      await this.client.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: user.userId,
          DesiredDeliveryMediums: ['EMAIL'],
          UserAttributes: [
            { Name: 'email', Value: user.email },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: user.name },
            { Name: 'custom:partner_id', Value: user.partnerId },
          ],
        }),
      );
    } catch (error) {
      // A redelivered event: the user exists already; make sure the rest holds.
      if (!(error instanceof UsernameExistsException)) throw error;
    }
    await this.client.send(
      new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: user.userId, GroupName: user.role }),
    );
  }

  async changeRole(user: DirectoryUser, from: PartnerRole): Promise<void> {
    await this.client.send(
      new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: user.userId, GroupName: user.role }),
    );
    await this.client.send(
      new AdminRemoveUserFromGroupCommand({ UserPoolId: this.userPoolId, Username: user.userId, GroupName: from }),
    );
  }

  async updateProfile(user: DirectoryUser): Promise<void> {
    await this.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: this.userPoolId,
        Username: user.userId,
        UserAttributes: [{ Name: 'name', Value: user.name }],
      }),
    );
  }

  async disable(userId: string): Promise<void> {
    await this.client.send(new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: userId }));
  }

  async enable(userId: string): Promise<void> {
    await this.client.send(new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: userId }));
  }
}

/** Locally there is no user pool: tokens come from the local issuer. Log what Cognito would be asked. */
class LoggingDirectory implements Directory {
  async provision(user: DirectoryUser): Promise<void> {
    logger.info('directory: would create sign-in and invite', {
      userId: user.userId,
      email: user.email,
      group: user.role,
    });
  }
  async changeRole(user: DirectoryUser, from: PartnerRole): Promise<void> {
    logger.info('directory: would move user between groups', { userId: user.userId, from, to: user.role });
  }
  async updateProfile(user: DirectoryUser): Promise<void> {
    logger.info('directory: would update profile', { userId: user.userId });
  }
  async disable(userId: string): Promise<void> {
    logger.info('directory: would disable sign-in', { userId });
  }
  async enable(userId: string): Promise<void> {
    logger.info('directory: would enable sign-in', { userId });
  }
}

let instance: Directory | undefined;

export function directory(): Directory {
  const poolId = config().userPoolId;
  instance ??= poolId ? new CognitoDirectory(poolId) : new LoggingDirectory();
  return instance;
}
