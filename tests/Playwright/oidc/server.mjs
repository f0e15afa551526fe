// A real OpenID Connect provider on loopback for Switchboard's browser tests (npm package oidc-provider).
// Its development login form accepts any password; the login name picks one of the people below.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const portalUrl = process.env.PORTAL_URL;
if (!port || !portalUrl) {
  console.error('Set OIDC_PORT and PORTAL_URL.');
  process.exit(2);
}

// Login name → the groups the identity provider reports; the portal maps groups to its roles.
const people = {
  'ada.admin': ['switchboard-admins', 'everyone'],
  'otto.operator': ['switchboard-operators', 'everyone'],
  'vera.viewer': ['switchboard-viewers', 'everyone'],
  'nora.norole': ['everyone'],
};

const issuer = `http://localhost:${port}`;
const provider = new Provider(issuer, {
  clients: [{
    client_id: 'switchboard',
    client_secret: 'switchboard-test-secret',
    redirect_uris: [`${portalUrl}/signin-oidc`],
    post_logout_redirect_uris: [`${portalUrl}/signout-callback-oidc`],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  scopes: ['openid', 'profile', 'email', 'groups'],
  claims: {
    openid: ['sub'],
    profile: ['name', 'preferred_username'],
    email: ['email'],
    groups: ['groups'],
  },
  pkce: { required: () => true },
  cookies: { keys: ['switchboard-browser-tests'] },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  async findAccount(ctx, id) {
    const groups = people[id];
    if (!groups) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, preferred_username: id, name: id, email: `${id}@example.test`, groups };
      },
    };
  },
  // Switchboard is a first-party client: consent is implied, as in a company's own identity provider.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile email groups');
    await grant.save();
    return grant;
  },
});

provider.listen(port, '127.0.0.1', () => console.log(`oidc-provider ready on ${issuer}`));
