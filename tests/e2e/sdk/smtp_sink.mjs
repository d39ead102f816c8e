// A real SMTP server (npm smtp-server) on 127.0.0.1 for end-to-end mail tests.
//
// As a module: `const sink = await startSmtpSink({username, password, rejectSender})`, then
// `await sink.waitForMail(m => m.to.includes('ann@x.com'))`, `sink.mails`, `await sink.close()`.
// Each mail is {from, to[], raw, headers{lowercase name: value}, body} with the body decoded
// from quoted-printable.
//
// As a program (for C++ tests): `node smtp_sink.mjs DIR` prints
// "smtp sink serving on 127.0.0.1:PORT" and writes each mail to DIR/<n>.json; env
// SMTP_SINK_USERNAME/SMTP_SINK_PASSWORD require that login, SMTP_SINK_REJECT_SENDER refuses
// that sender with 553.
import { SMTPServer } from 'smtp-server';
import { writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Decodes quoted-printable (soft line breaks and =XX escapes) into UTF-8 text. */
export function decodeQuotedPrintable(text) {
  const bytes = [];
  const joined = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Decodes RFC 2047 "=?UTF-8?B?…?=" words in a header value. */
function decodeHeaderWords(value) {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b64) => Buffer.from(b64, 'base64').toString('utf8'));
}

/** {headers, body} of a raw single-part message (headers unfolded, body decoded). */
export function parseMail(raw) {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]/g, ' ');
  const headers = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = decodeHeaderWords(line.slice(colon + 1).trim());
  }
  const rawBody = raw.slice(split + 4);
  const qp = (headers['content-transfer-encoding'] ?? '').toLowerCase() === 'quoted-printable';
  return { headers, body: qp ? decodeQuotedPrintable(rawBody) : rawBody };
}

export async function startSmtpSink({ username, password, rejectSender } = {}) {
  const mails = [];
  const waiters = new Set();
  const server = new SMTPServer({
    logger: false,
    disabledCommands: username ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !username,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === username && auth.password === password) return callback(null, { user: username });
      const error = new Error('Invalid username or password');
      error.responseCode = 535;
      return callback(error);
    },
    onMailFrom(address, _session, callback) {
      if (rejectSender && address.address === rejectSender) {
        const error = new Error('Sender address rejected');
        error.responseCode = 553;
        return callback(error);
      }
      return callback();
    },
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail = {
          from: session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...parseMail(raw),
        };
        mails.push(mail);
        for (const waiter of waiters) waiter();
        callback();
      });
    },
  });
  await new Promise((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: server.server.address().port,
    mails,
    /** The first mail (already received or coming within timeoutMs) matching `predicate`. */
    waitForMail(predicate, timeoutMs = 10000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = mails.find(predicate);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching mail within ${timeoutMs} ms; received: ${JSON.stringify(mails.map((m) => [m.to, m.headers.subject]))}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close() {
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: node smtp_sink.mjs DIR');
  const sink = await startSmtpSink({
    username: process.env.SMTP_SINK_USERNAME,
    password: process.env.SMTP_SINK_PASSWORD,
    rejectSender: process.env.SMTP_SINK_REJECT_SENDER,
  });
  let written = 0;
  const push = sink.mails.push.bind(sink.mails);
  sink.mails.push = (mail) => {
    const n = ++written;
    writeFileSync(join(dir, `${n}.json.tmp`), JSON.stringify(mail));
    renameSync(join(dir, `${n}.json.tmp`), join(dir, `${n}.json`));
    return push(mail);
  };
  console.log(`smtp sink serving on 127.0.0.1:${sink.port}`);
  const stop = () => sink.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
