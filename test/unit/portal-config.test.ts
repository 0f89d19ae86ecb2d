import type { PortalSettings } from '#infra/constructs/portal';
import { parsePortalConfig } from '../../portal/src/lib/config';

// unit: the portal reads the /config.json the deploy writes (infra/constructs/portal.ts) and tells local from AWS.
describe('the portal config.json', () => {
  const deployed: PortalSettings = {
    apiBase: '/v1',
    stage: 'dev',
    region: 'eu-west-1',
    cognito: {
      domain: 'https://accord-dev-eu-west-1-123456789012.auth.eu-west-1.amazoncognito.com',
      authority: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf',
      clientId: '4example0clientid',
      redirectUri: 'https://d111111abcdef8.cloudfront.net/',
      logoutUri: 'https://d111111abcdef8.cloudfront.net/',
      scopes: 'openid email profile',
    },
  };

  it('reads the deployed settings as Cognito sign-in, the URIs exactly as Cognito lists them', () => {
    // Act
    const config = parsePortalConfig(JSON.parse(JSON.stringify(deployed)));

    // Assess
    expect(config).toEqual({ signIn: 'cognito', ...deployed });
  });

  it('is local without Cognito settings, or when it says local (the file the build ships)', () => {
    // Act + Assess
    expect(parsePortalConfig({ signIn: 'local' })).toEqual({ signIn: 'local' });
    expect(parsePortalConfig({ apiBase: '/v1', stage: 'local' })).toEqual({ signIn: 'local' });
    expect(parsePortalConfig(null)).toEqual({ signIn: 'local' });
  });

  it('names the missing or malformed field of a broken deployment instead of falling back to the local sign-in', () => {
    // Prepare
    const { clientId: _clientId, ...withoutClient } = deployed.cognito;

    // Act + Assess
    expect(() => parsePortalConfig({ ...deployed, cognito: withoutClient })).toThrow('cognito.clientId is missing');
    expect(() => parsePortalConfig({ ...deployed, cognito: { ...deployed.cognito, redirectUri: 'portal/' } })).toThrow(
      'cognito.redirectUri is not a URL',
    );
    expect(() => parsePortalConfig({ ...deployed, region: '' })).toThrow('region is missing');
  });
});
