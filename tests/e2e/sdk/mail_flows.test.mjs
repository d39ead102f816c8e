// The mail flows of auth collections (shared/reference/pocketbase-api.md §1.6–1.7) through the
// official PocketBase JS SDK, with real mails:
//  1. `fastcms dev` with smtp disabled writes each mail to <project>/data/mail/*.eml;
//  2. with smtp pointed at a real SMTP server (npm smtp-server on 127.0.0.1, started here),
//     verification, password reset and email change are completed with the tokens read from
//     the delivered mails, and unknown addresses get 204 and no mail.
//
// Environment: FASTCMS_URL, FASTCMS_SUPERUSER_EMAIL, FASTCMS_SUPERUSER_PASSWORD,
// FASTCMS_PROJECT_DIR (a fresh `blank` project served by `fastcms dev`).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import PocketBase, { ClientResponseError } from 'pocketbase';
import { startSmtpSink, parseMail } from './smtp_sink.mjs';
import { BASE_URL, SUPERUSER_EMAIL, SUPERUSER_PASSWORD, requiredEnv, client } from './fastcms_env.mjs';

const PROJECT_DIR = requiredEnv('FASTCMS_PROJECT_DIR');
const PASSWORD = 'correct horse battery';
const META = { appName: 'Acme', appURL: 'https://acme.test', senderName: 'Acme Support', senderAddress: 'support@acme.test' };

async function superuser() {
  const pb = client();
  await pb.collection('_superusers').authWithPassword(SUPERUSER_EMAIL, SUPERUSER_PASSWORD);
  return pb;
}

/** The token of the link `<path>/<token>` in a mail body. */
function tokenIn(body, path) {
  const match = body.match(new RegExp(`${path}/([\\w-]+\\.[\\w-]+\\.[\\w-]+)`));
  assert.ok(match, `no ${path} link in the mail:\n${body}`);
  return match[1];
}

async function expectError(what, promise, status) {
  try {
    const result = await promise;
    assert.fail(`${what}: expected HTTP ${status}, got success ${JSON.stringify(result)}`);
  } catch (err) {
    if (!(err instanceof ClientResponseError)) throw err;
    assert.equal(err.status, status, `${what}: ${err.status} ${JSON.stringify(err.response)}`);
    return err;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function mailFiles() {
  const dir = join(PROJECT_DIR, 'data', 'mail');
  return existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.eml')).map((name) => join(dir, name)) : [];
}

async function createUser(admin, email) {
  return admin.collection('users').create({ email, password: PASSWORD, passwordConfirm: PASSWORD });
}

describe('fastcms dev without smtp', () => {
  it('writes the verification mail to data/mail/*.eml, and its token verifies the user', async () => {
    const admin = await superuser();
    await admin.settings.update({ meta: META, smtp: { enabled: false } });
    const user = await createUser(admin, 'dev-mail@example.com');
    assert.deepEqual(mailFiles(), []);
    assert.equal(await client().collection('users').requestVerification('dev-mail@example.com'), true);

    let files = [];
    for (let i = 0; i < 100 && files.length === 0; i++) {
      await sleep(50);
      files = mailFiles();
    }
    assert.equal(files.length, 1, 'one .eml file in data/mail');
    const mail = parseMail(readFileSync(files[0], 'utf8'));
    assert.equal(mail.headers.to, 'dev-mail@example.com');
    assert.equal(mail.headers.subject, 'Verify your Acme email');
    assert.equal(mail.headers.from, '"Acme Support" <support@acme.test>');
    const token = tokenIn(mail.body, 'https://acme.test/_/#/auth/confirm-verification');
    assert.equal(await client().collection('users').confirmVerification(token), true);
    assert.equal((await admin.collection('users').getOne(user.id)).verified, true);
  });
});

describe('mail flows through a real SMTP server', () => {
  let sink;
  let admin;

  before(async () => {
    sink = await startSmtpSink();
    admin = await superuser();
    await admin.settings.update({
      meta: META,
      smtp: { enabled: true, host: '127.0.0.1', port: sink.port, tls: false, username: '', password: '' },
    });
  });
  after(async () => {
    await sink?.close();
  });

  it('requestVerification → the mail → confirmVerification verifies the user', async () => {
    const user = await createUser(admin, 'ann@example.com');
    assert.equal(user.verified, false);
    assert.equal(await client().collection('users').requestVerification('ann@example.com'), true);
    const mail = await sink.waitForMail((m) => m.to.includes('ann@example.com'));
    assert.equal(mail.from, 'support@acme.test');
    assert.equal(mail.headers.subject, 'Verify your Acme email');
    const token = tokenIn(mail.body, 'confirm-verification');
    assert.equal(await client().collection('users').confirmVerification(token), true);
    assert.equal((await admin.collection('users').getOne(user.id)).verified, true);

    const bad = await expectError('confirmVerification with a garbage token', client().collection('users').confirmVerification('a.b.c'), 400);
    assert.equal(bad.response.data.token.code, 'validation_invalid_token_claims');
  });

  it('requestPasswordReset → confirmPasswordReset sets the password and rejects the old auth token', async () => {
    await createUser(admin, 'bob@example.com');
    const bob = client();
    await bob.collection('users').authWithPassword('bob@example.com', PASSWORD);

    assert.equal(await client().collection('users').requestPasswordReset('bob@example.com'), true);
    const mail = await sink.waitForMail((m) => m.to.includes('bob@example.com'));
    assert.equal(mail.headers.subject, 'Reset your Acme password');
    const token = tokenIn(mail.body, 'confirm-password-reset');

    const mismatch = await expectError('confirmPasswordReset with a mismatch',
      client().collection('users').confirmPasswordReset(token, 'new password 1', 'new password 2'), 400);
    assert.equal(mismatch.response.data.passwordConfirm.code, 'validation_values_mismatch');

    assert.equal(await client().collection('users').confirmPasswordReset(token, 'new password 1', 'new password 1'), true);
    await expectError('authRefresh with the token issued before the reset', bob.collection('users').authRefresh(), 401);
    await expectError('login with the old password', client().collection('users').authWithPassword('bob@example.com', PASSWORD), 400);
    const fresh = await client().collection('users').authWithPassword('bob@example.com', 'new password 1');
    assert.equal(fresh.record.email, 'bob@example.com');

    const reused = await expectError('the reset token a second time',
      client().collection('users').confirmPasswordReset(token, 'new password 3', 'new password 3'), 400);
    assert.equal(reused.response.data.token.code, 'validation_invalid_token');
  });

  it('requestEmailChange → confirmEmailChange moves the account to the new address', async () => {
    await createUser(admin, 'carl@example.com');
    const carl = client();
    await carl.collection('users').authWithPassword('carl@example.com', PASSWORD);
    assert.equal(await carl.collection('users').requestEmailChange('carl.new@example.com'), true);
    const mail = await sink.waitForMail((m) => m.to.includes('carl.new@example.com'));
    assert.equal(mail.headers.subject, 'Confirm your Acme new email address');
    const token = tokenIn(mail.body, 'confirm-email-change');

    const wrong = await expectError('confirmEmailChange with a wrong password',
      client().collection('users').confirmEmailChange(token, 'not the password'), 400);
    assert.equal(wrong.response.data.password.code, 'validation_invalid_password');
    assert.equal(await client().collection('users').confirmEmailChange(token, PASSWORD), true);

    const moved = await client().collection('users').authWithPassword('carl.new@example.com', PASSWORD);
    assert.equal(moved.record.verified, true);
    await expectError('login with the old address', client().collection('users').authWithPassword('carl@example.com', PASSWORD), 400);
    await expectError('requestEmailChange as a guest', client().collection('users').requestEmailChange('x@example.com'), 401);
  });

  it('unknown addresses get 204 and no mail', async () => {
    const before = sink.mails.length;
    assert.equal(await client().collection('users').requestVerification('nobody@example.com'), true);
    assert.equal(await client().collection('users').requestPasswordReset('nobody@example.com'), true);
    await sleep(500);
    assert.equal(sink.mails.length, before);
    assert.equal(sink.mails.some((m) => m.to.includes('nobody@example.com')), false);
  });

  it('settings test email sends through SMTP and reports a failing server', async () => {
    assert.equal(await admin.settings.testEmail('users', 'tester@example.com', 'password-reset'), true);
    const mail = await sink.waitForMail((m) => m.to.includes('tester@example.com'));
    assert.equal(mail.headers.subject, 'Reset your Acme password');
    await expectError('testEmail as a guest', client().settings.testEmail('users', 'a@example.com', 'otp'), 401);

    const closed = await startSmtpSink();
    const port = closed.port;
    await closed.close();
    await admin.settings.update({ smtp: { enabled: true, host: '127.0.0.1', port } });
    try {
      const failed = await expectError('testEmail with no SMTP server', admin.settings.testEmail('users', 'a@example.com', 'otp'), 400);
      assert.match(failed.response.message, new RegExp(`^Failed to send the test email\\. Raw error: \\ncannot connect to SMTP server 127\\.0\\.0\\.1:${port}: `));
    } finally {
      await admin.settings.update({ smtp: { enabled: true, host: '127.0.0.1', port: sink.port } });
    }
  });
});
