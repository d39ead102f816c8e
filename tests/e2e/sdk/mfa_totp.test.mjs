// Multi-factor sign-in (PocketBase's 401 {mfaId} flow) and the fastcms TOTP endpoints,
// driven by the official PocketBase JS SDK (pocketbase 0.28.0) against a fresh `fastcms dev`.
//
// Environment: FASTCMS_URL, FASTCMS_SUPERUSER_EMAIL, FASTCMS_SUPERUSER_PASSWORD (see
// tests/support/sdk_scenario.h). The project is `blank`: one `users` auth collection.
//
// Run: node --test mfa_totp.test.mjs   (Node 18+, from this folder)
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import PocketBase, { ClientResponseError, getTokenPayload } from 'pocketbase';
import { BASE_URL, SUPERUSER_EMAIL, SUPERUSER_PASSWORD, client } from './fastcms_env.mjs';

const PASSWORD = 'correct horse battery';

/** RFC 4648 base32 → bytes. */
function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of text.replace(/=+$/, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 6238 TOTP (SHA1, 6 digits, 30 s) of a base32 secret, `offsetSteps` steps from now. */
function totp(secret, offsetSteps = 0) {
  const step = Math.floor(Date.now() / 1000 / 30) + offsetSteps;
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}

async function expectError(what, promise, status, message) {
  let result;
  try {
    result = await promise;
  } catch (err) {
    assert.ok(err instanceof ClientResponseError, `${what}: expected a ClientResponseError, got ${err?.stack ?? err}`);
    const got = `${err.status} ${JSON.stringify(err.response)}`;
    assert.equal(err.status, status, `${what}: expected status ${status}, got ${got}`);
    if (message !== undefined) assert.equal(err.response.message, message, `${what}: expected "${message}", got ${got}`);
    return err;
  }
  assert.fail(`${what}: expected HTTP ${status}, but the request succeeded with ${JSON.stringify(result)}`);
}

/** A password sign-in that must stop at the first factor; returns its mfaId. */
async function firstFactor(email) {
  const err = await expectError('first factor', client().collection('users').authWithPassword(email, PASSWORD), 401);
  assert.deepEqual(Object.keys(err.response), ['mfaId'], `the 401 body is exactly {mfaId}: ${JSON.stringify(err.response)}`);
  assert.match(err.data.mfaId, /^[a-z0-9]{15}$/);
  return err.data.mfaId;
}

function authWithTotp(pb, mfaId, code) {
  return pb.send('/api/collections/users/auth-with-totp', { method: 'POST', body: { mfaId, code } });
}

describe('MFA and TOTP through the PocketBase SDK', () => {
  const su = client();
  let alice;
  let backupCodes;

  before(async () => {
    await su.collection('_superusers').authWithPassword(SUPERUSER_EMAIL, SUPERUSER_PASSWORD);
    alice = await su.collection('users').create({
      email: 'alice@example.com', password: PASSWORD, passwordConfirm: PASSWORD,
    });
  });

  it('enabling mfa on users makes authWithPassword answer 401 {mfaId}', async () => {
    const users = await su.collections.getOne('users');
    // PocketBase asks for at least two sign-in methods before MFA can be on.
    await su.collections.update('users', {
      mfa: { ...users.mfa, enabled: true, duration: 600 },
      otp: { ...users.otp, enabled: true },
    });
    const methods = await client().collection('users').listAuthMethods();
    assert.deepEqual(methods.mfa, { enabled: true, duration: 600 });

    const mfaId = await firstFactor('alice@example.com');
    const rows = await su.collection('_mfas').getFullList();
    assert.equal(rows.length, 1);
    assert.equal(rows[0].id, mfaId);
    assert.equal(rows[0].recordRef, alice.id);
    assert.equal(rows[0].method, 'password');

    // Completing with the same method is refused.
    await expectError('same method', client().collection('users').authWithPassword('alice@example.com', PASSWORD, { mfaId }),
      400, 'A different authentication method is required.');
    await expectError('unknown mfaId', client().collection('users').authWithPassword('alice@example.com', PASSWORD, { mfaId: 'x'.repeat(15) }),
      400, 'Invalid or expired MFA session.');
  });

  it('TOTP setup and confirmation, then auth-with-totp completes the sign-in', async () => {
    const asAlice = await su.collection('users').impersonate(alice.id, 3600);
    await expectError('setup as a guest', client().send('/api/collections/users/totp/setup', { method: 'POST' }), 401);

    const setup = await asAlice.send('/api/collections/users/totp/setup', { method: 'POST' });
    assert.match(setup.secret, /^[A-Z2-7]{32}$/);
    assert.equal(setup.uri,
      `otpauth://totp/fastcms:alice%40example.com?secret=${setup.secret}&issuer=fastcms&algorithm=SHA1&digits=6&period=30`);

    await expectError('wrong confirmation code',
      asAlice.send('/api/collections/users/totp/confirm', { method: 'POST', body: { code: 'abcdef' } }),
      400, 'Invalid or expired TOTP code.');
    const confirmCode = totp(setup.secret);
    const confirmed = await asAlice.send('/api/collections/users/totp/confirm', { method: 'POST', body: { code: confirmCode } });
    assert.equal(confirmed.backupCodes.length, 10);
    assert.equal(new Set(confirmed.backupCodes).size, 10);
    backupCodes = confirmed.backupCodes;

    // The code that confirmed cannot be replayed; the next step's code signs in.
    const mfaId = await firstFactor('alice@example.com');
    const pb = client();
    await expectError('replayed code', authWithTotp(pb, mfaId, confirmCode), 400, 'Invalid or expired TOTP code.');
    const auth = await authWithTotp(pb, mfaId, totp(setup.secret, 1));
    assert.equal(auth.record.id, alice.id);
    assert.equal(auth.record.email, 'alice@example.com');
    assert.equal(getTokenPayload(auth.token).id, alice.id);
    pb.authStore.save(auth.token, auth.record);
    const refreshed = await pb.collection('users').authRefresh();
    assert.equal(refreshed.record.id, alice.id);

    // The pending sign-in was spent with it.
    await expectError('spent mfaId', authWithTotp(client(), mfaId, confirmed.backupCodes[1]), 400, 'Invalid or expired MFA session.');

    // A backup code works once.
    const second = await firstFactor('alice@example.com');
    const viaBackup = await authWithTotp(client(), second, confirmed.backupCodes[0]);
    assert.equal(viaBackup.record.id, alice.id);
    const third = await firstFactor('alice@example.com');
    await expectError('used backup code', authWithTotp(client(), third, confirmed.backupCodes[0]), 400, 'Invalid or expired TOTP code.');
    await expectError('auth-with-totp without mfaId',
      client().send('/api/collections/users/auth-with-totp', { method: 'POST', body: { code: confirmed.backupCodes[2] } }),
      400, 'An error occurred while validating the submitted data.');
  });

  it('confirmed TOTP keeps the second step mandatory when the collection turns mfa off', async () => {
    const users = await su.collections.getOne('users');
    await su.collections.update('users', { mfa: { ...users.mfa, enabled: false } });
    assert.deepEqual((await client().collection('users').listAuthMethods()).mfa, { enabled: false, duration: 0 });

    const mfaId = await firstFactor('alice@example.com');
    const auth = await authWithTotp(client(), mfaId, backupCodes[3]);
    assert.equal(auth.record.id, alice.id);

    // Disabling TOTP (with a backup code) restores the one-step sign-in.
    const asAlice = await su.collection('users').impersonate(alice.id, 3600);
    await expectError('disable with a wrong code',
      asAlice.send('/api/collections/users/totp/disable', { method: 'POST', body: { code: 'zzzzz-zzzzz' } }),
      400, 'Invalid or expired TOTP code.');
    await asAlice.send('/api/collections/users/totp/disable', { method: 'POST', body: { code: backupCodes[4] } });
    const direct = await client().collection('users').authWithPassword('alice@example.com', PASSWORD);
    assert.equal(direct.record.id, alice.id);
    assert.ok(direct.token);
  });
});
