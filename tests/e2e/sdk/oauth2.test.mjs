// OAuth2 sign-in end to end: the official PocketBase JS SDK (pocketbase 0.28.0) against a real
// `fastcms dev` server, with npm `oauth2-mock-server` as the `oidc` provider
// (shared/reference/pocketbase-api.md §1.5–1.6).
//
// Environment: FASTCMS_URL, FASTCMS_SUPERUSER_EMAIL, FASTCMS_SUPERUSER_PASSWORD (a fresh `blank`
// project: the `users` auth collection and one superuser).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import PocketBase, { ClientResponseError } from 'pocketbase';
import { OAuth2Server } from 'oauth2-mock-server';
import { BASE_URL, SUPERUSER_EMAIL, SUPERUSER_PASSWORD, client } from './fastcms_env.mjs';

const REDIRECT_URL = 'http://127.0.0.1:9/oauth2-callback';

/** The user the mock provider reports next (userinfo and id_token claims). */
let providerUser = null;

const idp = new OAuth2Server();
const admin = client();

before(async () => {
  await idp.issuer.keys.generate('RS256');
  await idp.start(0, '127.0.0.1');
  idp.service.on('beforeUserinfo', (response) => {
    response.body = { ...providerUser };
  });
  idp.service.on('beforeTokenSigning', (token) => {
    Object.assign(token.payload, providerUser);
  });
  await admin.collection('_superusers').authWithPassword(SUPERUSER_EMAIL, SUPERUSER_PASSWORD);
  const issuer = idp.issuer.url;
  await admin.collections.update('users', {
    oauth2: {
      enabled: true,
      providers: [
        {
          name: 'oidc',
          clientId: 'fastcms-e2e',
          clientSecret: 'fastcms-e2e-secret',
          displayName: 'Mock IdP',
          authURL: `${issuer}/authorize`,
          tokenURL: `${issuer}/token`,
          userInfoURL: `${issuer}/userinfo`,
        },
      ],
      mappedFields: { name: 'name' },
    },
  });
});

after(async () => {
  await idp.stop();
});

/** One browser round trip: listAuthMethods, follow authURL + redirect_uri, read the code. */
async function authorize(pb) {
  const methods = await pb.collection('users').listAuthMethods();
  assert.equal(methods.oauth2.enabled, true);
  const provider = methods.oauth2.providers.find((p) => p.name === 'oidc');
  assert.ok(provider, `oidc provider listed: ${JSON.stringify(methods.oauth2)}`);
  assert.equal(provider.displayName, 'Mock IdP');
  assert.equal(provider.codeChallengeMethod, 'S256');
  assert.ok(provider.authURL.endsWith('&redirect_uri='), provider.authURL);
  const response = await fetch(provider.authURL + encodeURIComponent(REDIRECT_URL), { redirect: 'manual' });
  assert.equal(response.status, 302);
  const location = new URL(response.headers.get('location'));
  assert.equal(`${location.origin}${location.pathname}`, REDIRECT_URL);
  assert.equal(location.searchParams.get('state'), provider.state);
  return { code: location.searchParams.get('code'), provider };
}

async function linksOf(recordId) {
  return admin.collection('_externalAuths').getFullList({ filter: `recordRef = "${recordId}"` });
}

describe('OAuth2 code flow with the oidc provider', () => {
  let adaId;

  it('lists the provider with PocketBase\'s authURL', async () => {
    const methods = await client().collection('users').listAuthMethods();
    const [provider] = methods.oauth2.providers;
    const url = new URL(provider.authURL);
    assert.equal(url.searchParams.get('client_id'), 'fastcms-e2e');
    assert.equal(url.searchParams.get('response_type'), 'code');
    assert.equal(url.searchParams.get('scope'), 'openid email profile');
    assert.equal(url.searchParams.get('code_challenge'), provider.codeChallenge);
    assert.equal(provider.codeVerifier.length, 43);
  });

  it('a first sign-in creates the user', async () => {
    providerUser = { sub: 'ada-1', email: 'ada@example.com', email_verified: true, name: 'Ada Lovelace' };
    const pb = client();
    const { code, provider } = await authorize(pb);
    const auth = await pb
      .collection('users')
      .authWithOAuth2Code('oidc', code, provider.codeVerifier, REDIRECT_URL, { emailVisibility: true });
    assert.equal(auth.meta.isNew, true);
    assert.equal(auth.meta.id, 'ada-1');
    assert.equal(auth.meta.email, 'ada@example.com');
    assert.equal(typeof auth.meta.accessToken, 'string');
    assert.equal(auth.record.email, 'ada@example.com');
    assert.equal(auth.record.verified, true);
    assert.equal(auth.record.name, 'Ada Lovelace');
    assert.equal(auth.record.emailVisibility, true);
    assert.equal(pb.authStore.isValid, true);
    assert.equal(pb.authStore.record.id, auth.record.id);
    adaId = auth.record.id;
    const links = await linksOf(adaId);
    assert.equal(links.length, 1);
    assert.equal(links[0].provider, 'oidc');
    assert.equal(links[0].providerId, 'ada-1');
  });

  it('a second sign-in finds the same record', async () => {
    providerUser = { sub: 'ada-1', email: 'ada@example.com', email_verified: true, name: 'Ada Lovelace' };
    const pb = client();
    const { code, provider } = await authorize(pb);
    const auth = await pb.collection('users').authWithOAuth2Code('oidc', code, provider.codeVerifier, REDIRECT_URL);
    assert.equal(auth.meta.isNew, false);
    assert.equal(auth.record.id, adaId);
    assert.equal((await linksOf(adaId)).length, 1);
    // The signed-in user sees its own link (the owner rule of _externalAuths).
    const own = await pb.collection('_externalAuths').getFullList();
    assert.deepEqual(own.map((l) => l.recordRef), [adaId]);
  });

  it('an existing password user with the same email is linked, not duplicated', async () => {
    const bob = await admin.collection('users').create({
      email: 'bob@example.com',
      password: 'password123',
      passwordConfirm: 'password123',
    });
    providerUser = { sub: 'bob-1', email: 'bob@example.com', email_verified: true, name: 'Bob' };
    const pb = client();
    const { code, provider } = await authorize(pb);
    const auth = await pb.collection('users').authWithOAuth2Code('oidc', code, provider.codeVerifier, REDIRECT_URL);
    assert.equal(auth.record.id, bob.id);
    assert.equal(auth.meta.isNew, false);
    assert.equal(auth.record.verified, true);
    const found = await admin.collection('users').getFullList({ filter: 'email = "bob@example.com"' });
    assert.equal(found.length, 1);
    assert.equal((await linksOf(bob.id)).length, 1);
  });

  it('a wrong code is PocketBase\'s 400', async () => {
    providerUser = { sub: 'ada-1', email: 'ada@example.com', email_verified: true };
    const pb = client();
    const { provider } = await authorize(pb);
    await assert.rejects(
      pb.collection('users').authWithOAuth2Code('oidc', 'not-a-code', provider.codeVerifier, REDIRECT_URL),
      (err) => {
        assert.ok(err instanceof ClientResponseError);
        assert.equal(err.status, 400);
        assert.equal(err.response.message, 'Failed to fetch OAuth2 token.');
        return true;
      },
    );
    assert.equal(pb.authStore.isValid, false);
  });

  it('an unknown provider is a validation error', async () => {
    await assert.rejects(
      client().collection('users').authWithOAuth2Code('github', 'code', 'verifier', REDIRECT_URL),
      (err) => {
        assert.equal(err.status, 400);
        assert.equal(err.response.data.provider.code, 'validation_invalid_provider');
        return true;
      },
    );
  });

  it('a redirect with an unknown state fails', async () => {
    const response = await fetch(`${BASE_URL}/api/oauth2-redirect?state=unknown-client&code=abc`);
    assert.equal(response.status, 200);
    assert.equal(
      await response.text(),
      'Failed to authenticate. You can close this window and go back to the app to try again.',
    );
  });

  it('the collection never shows the client secret', async () => {
    const users = await admin.collections.getOne('users');
    assert.equal(users.oauth2.providers[0].clientId, 'fastcms-e2e');
    assert.equal(users.oauth2.providers[0].clientSecret, undefined);
    // Sent back without it, the stored secret stays (the sign-in still works).
    await admin.collections.update('users', { oauth2: users.oauth2 });
    providerUser = { sub: 'ada-1', email: 'ada@example.com', email_verified: true };
    const pb = client();
    const { code, provider } = await authorize(pb);
    const auth = await pb.collection('users').authWithOAuth2Code('oidc', code, provider.codeVerifier, REDIRECT_URL);
    assert.equal(auth.record.id, adaId);
  });

  it('an unknown provider name in the collection is a field error', async () => {
    await assert.rejects(
      admin.collections.update('users', {
        oauth2: { enabled: true, providers: [{ name: 'myspace', clientId: 'x', clientSecret: 'y' }] },
      }),
      (err) => {
        assert.equal(err.status, 400);
        assert.equal(err.response.data.oauth2.providers['0'].name.code, 'validation_missing_provider');
        return true;
      },
    );
  });
});
