// Sign-in without a password through the official PocketBase JS SDK (pocketbase 0.28.0)
// against a real fastcms server: PocketBase's OTP by email, FastCMS's magic links and SMS codes.
// Mails go to a real SMTP server (npm smtp-server on 127.0.0.1, started here, smtp_sink.mjs) and
// the codes and links are read from the delivered mails; SMS codes go through the `webhook`
// provider to a node HTTP server started here.
//
// Environment: FASTCMS_URL, FASTCMS_SUPERUSER_EMAIL, FASTCMS_SUPERUSER_PASSWORD (a fresh
// `blank` project: the `users` auth collection and one superuser).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import PocketBase, { ClientResponseError } from 'pocketbase';
import { startSmtpSink } from './smtp_sink.mjs';
import { BASE_URL, SUPERUSER_EMAIL, SUPERUSER_PASSWORD, client } from './fastcms_env.mjs';

const PASSWORD = 'correct horse battery';
const PHONE = '+15550001';

async function expectError(what, promise, status, message) {
  try {
    const result = await promise;
    assert.fail(`${what}: expected HTTP ${status}, but it succeeded with ${JSON.stringify(result)}`);
  } catch (err) {
    if (!(err instanceof ClientResponseError)) throw err;
    assert.equal(err.status, status, `${what}: ${err.status} ${JSON.stringify(err.response)}`);
    if (message !== undefined) assert.equal(err.response.message, message, what);
    return err;
  }
}

/** A local SMS API for the `webhook` provider: records each JSON POST body. */
function startSmsWebhook() {
  const received = [];
  const waiters = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ authorization: req.headers.authorization, body: JSON.parse(body) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      while (waiters.length) waiters.shift()();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}/sms`;
      /** The next message (waits up to 5 s for it). */
      const next = async (count) => {
        const deadline = Date.now() + 5000;
        while (received.length < count) {
          if (Date.now() > deadline) throw new Error(`no SMS #${count} arrived at the webhook`);
          await new Promise((r) => { waiters.push(r); setTimeout(r, 100); });
        }
        return received[count - 1];
      };
      resolve({ url, next, received, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

const su = client();
let sms;
let smtp;
let user;

describe('passwordless sign-in through the PocketBase JS SDK', () => {
  before(async () => {
    await su.collection('_superusers').authWithPassword(SUPERUSER_EMAIL, SUPERUSER_PASSWORD);
    sms = await startSmsWebhook();
    smtp = await startSmtpSink();
    await su.settings.update({
      meta: { appName: 'Acme', appURL: 'https://acme.test' },
      smtp: { enabled: true, host: '127.0.0.1', port: smtp.port, tls: false, username: '', password: '' },
    });
    const users = await su.collections.getOne('users');
    await su.collections.update('users', {
      fields: [...users.fields, { name: 'phone', type: 'text' }],
      otp: { enabled: true },
      magicLink: { enabled: true },
      sms: { enabled: true },
    });
    await su.settings.update({ sms: { provider: 'webhook', url: sms.url, authToken: 'hook-secret' } });
    user = await su.collection('users').create({
      email: 'otp-user@example.com', phone: PHONE, password: PASSWORD, passwordConfirm: PASSWORD,
    });
  });

  after(async () => {
    await sms?.close();
    await smtp?.close();
  });

  it('reports the methods and keeps the SMS token secret', async () => {
    const methods = await client().collection('users').listAuthMethods();
    assert.deepEqual(methods.otp, { enabled: true, duration: 180 });
    const raw = await client().send('/api/collections/users/auth-methods', {});
    assert.deepEqual(raw.magicLink, { enabled: true, duration: 900 });
    assert.deepEqual(raw.sms, { enabled: true, duration: 300 });
    const settings = await su.settings.getAll();
    assert.equal(settings.sms.provider, 'webhook');
    assert.equal(settings.sms.authToken, '');
  });

  it('signs in once with an OTP read from the mail (PocketBase flow), verifying the email', async () => {
    const pb = client();
    assert.equal(user.verified, false);
    /** Requests an OTP and returns {otpId, code} with the code read from the delivered mail. */
    const requestCode = async () => {
      const before = smtp.mails.length;
      const { otpId } = await pb.collection('users').requestOTP(user.email);
      assert.match(otpId, /^[a-z0-9]{15}$/);
      const mail = await smtp.waitForMail((m) => smtp.mails.indexOf(m) >= before && m.to.includes(user.email));
      assert.equal(mail.headers.subject, 'OTP for Acme');
      return { otpId, code: mail.body.match(/<strong>(\d{8})<\/strong>/)[1] };
    };
    const first = await requestCode();
    await expectError('a wrong code', pb.collection('users').authWithOTP(first.otpId, '0000000x'),
      400, 'Invalid or expired OTP');

    const { otpId, code } = await requestCode();
    const auth = await pb.collection('users').authWithOTP(otpId, code);
    assert.equal(auth.record.id, user.id);
    assert.equal(auth.record.verified, true);
    assert.ok(pb.authStore.isValid);
    await expectError('the same OTP again', client().collection('users').authWithOTP(otpId, code),
      400, 'Invalid or expired OTP');
  });

  it('signs in once with a magic link read from the mail', async () => {
    const pb = client();
    const before = smtp.mails.length;
    await pb.send('/api/collections/users/request-magic-link',
      { method: 'POST', body: { email: user.email, redirectURL: 'https://acme.test/welcome' } });
    const mail = await smtp.waitForMail((m) => smtp.mails.indexOf(m) >= before && m.body.includes('token='));
    assert.equal(mail.headers.subject, 'Sign in to Acme');
    const link = mail.body.match(/href="([^"]+)"/)[1].replaceAll('&amp;', '&');
    assert.match(link, /^https:\/\/acme\.test\/welcome\?token=[a-z0-9]{43}$/);
    const token = new URL(link).searchParams.get('token');
    const auth = await pb.send('/api/collections/users/auth-with-magic-link', { method: 'POST', body: { token } });
    assert.equal(auth.record.id, user.id);
    assert.equal(typeof auth.token, 'string');
    await expectError('the same link again', pb.send('/api/collections/users/auth-with-magic-link',
      { method: 'POST', body: { token } }), 400, 'Invalid or expired magic link.');
  });

  it('signs in once with a code sent by SMS', async () => {
    const pb = client();
    const { smsId } = await pb.send('/api/collections/users/request-sms-code', { method: 'POST', body: { phone: PHONE } });
    assert.match(smsId, /^[a-z0-9]{15}$/);
    const message = await sms.next(1);
    assert.equal(message.authorization, 'Bearer hook-secret');
    assert.equal(message.body.to, PHONE);
    const code = message.body.body.match(/^your code is (\d{6})$/)?.[1];
    assert.ok(code, `unexpected SMS: ${JSON.stringify(message.body)}`);

    await expectError('a wrong code', pb.send('/api/collections/users/auth-with-sms',
      { method: 'POST', body: { smsId, code: '000000x' } }), 400, 'Invalid or expired SMS code.');
    const auth = await pb.send('/api/collections/users/auth-with-sms', { method: 'POST', body: { smsId, code } });
    assert.equal(auth.record.id, user.id);
    pb.authStore.save(auth.token, auth.record);
    assert.ok(pb.authStore.isValid);
    const refreshed = await pb.collection('users').authRefresh();
    assert.equal(refreshed.record.id, user.id);
    await expectError('the same code again', pb.send('/api/collections/users/auth-with-sms',
      { method: 'POST', body: { smsId, code } }), 400, 'Invalid or expired SMS code.');
  });

  it('answers an unknown phone number like a known one and sends nothing', async () => {
    const before = sms.received.length;
    const { smsId } = await client().send('/api/collections/users/request-sms-code',
      { method: 'POST', body: { phone: '+15559999' } });
    assert.match(smsId, /^[a-z0-9]{15}$/);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(sms.received.length, before);
  });

  it('answers request-otp for an unknown email with a well-formed id and refuses made-up codes', async () => {
    const pb = client();
    const { otpId } = await pb.collection('users').requestOTP('nobody@example.com');
    assert.match(otpId, /^[a-z0-9]{15}$/);
    await expectError('auth-with-otp with an unknown id', pb.collection('users').authWithOTP(otpId, '12345678'),
      400, 'Invalid or expired OTP');
  });

  it('refuses a magic link redirect to another origin and unknown tokens', async () => {
    const pb = client();
    const err = await expectError('redirect to another origin', pb.send('/api/collections/users/request-magic-link',
      { method: 'POST', body: { email: user.email, redirectURL: 'https://evil.example.com/' } }), 400);
    assert.equal(err.response.data.redirectURL.code, 'validation_invalid_redirect_url');
    await expectError('an unknown token', pb.send('/api/collections/users/auth-with-magic-link',
      { method: 'POST', body: { token: 'nope' } }), 400, 'Invalid or expired magic link.');
  });
});
