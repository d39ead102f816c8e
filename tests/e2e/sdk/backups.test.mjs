// /api/backups through the official SDK (pb.backups.*, pb.files.getToken), as in
// shared/reference/pocketbase-api.md §1.11: list, create (names, defaults, duplicates),
// download with a superuser file token, upload, delete, and restore (the server swaps its data
// and restarts on the same port).
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { ClientResponseError } from 'pocketbase';
import { BASE_URL, SUPERUSER_EMAIL, SUPERUSER_PASSWORD, client } from './fastcms_env.mjs';

const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}Z$/;

async function expectError(what, promise, status, message) {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ClientResponseError, `${what}: ${err?.stack ?? err}`);
    assert.equal(err.status, status, `${what}: ${JSON.stringify(err.response)}`);
    if (message) assert.equal(err.response.message, message, what);
    return err;
  }
  assert.fail(`${what}: expected HTTP ${status}, got success`);
}

async function waitForRestart(pb) {
  await new Promise((r) => setTimeout(r, 1500));
  for (let i = 0; i < 100; i++) {
    try {
      await pb.health.check();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  assert.fail('the server did not come back after the restore');
}

describe('backups API', () => {
  const pb = client();
  before(async () => {
    await pb.collection('_superusers').authWithPassword(SUPERUSER_EMAIL, SUPERUSER_PASSWORD);
    await pb.collections.create({
      name: 'notes', type: 'base', fields: [{ name: 'text', type: 'text' }],
      listRule: '', viewRule: '', createRule: '', updateRule: '', deleteRule: '',
    });
    await pb.collection('notes').create({ text: 'kept' });
  });

  it('tells superusers in /api/health whether a backup can start', async () => {
    assert.equal((await pb.health.check()).data.canBackup, true);
    assert.deepEqual((await client().health.check()).data, {});
  });

  it('is for superusers only', async () => {
    const guest = client();
    await expectError('guest list', guest.backups.getFullList(), 401);
    await expectError('guest create', guest.backups.create('x.zip'), 401);
    await expectError('guest restore', guest.backups.restore('x.zip'), 401);
  });

  it('creates, lists and refuses bad or taken names', async () => {
    assert.equal(await pb.backups.create('first.zip'), true);
    const list = await pb.backups.getFullList();
    const first = list.find((b) => b.key === 'first.zip');
    assert.ok(first, JSON.stringify(list));
    assert.ok(first.size > 0);
    assert.match(first.modified, DATETIME);
    assert.deepEqual(Object.keys(first).sort(), ['key', 'modified', 'size']);

    const bad = await expectError('bad name', pb.backups.create('Bad Name.zip'), 400,
      'An error occurred while validating the submitted data.');
    assert.equal(bad.response.data.name.code, 'validation_match_invalid');
    const taken = await expectError('taken name', pb.backups.create('first.zip'), 400);
    assert.equal(taken.response.data.name.code, 'validation_backup_name_exists');

    assert.equal(await pb.backups.create(''), true);
    const named = (await pb.backups.getFullList()).map((b) => b.key);
    assert.ok(named.some((k) => /^pb_backup_[a-z0-9_]*_\d{14}\.zip$/.test(k)), named.join(','));
  });

  it('downloads with a superuser file token only', async () => {
    const token = await pb.files.getToken();
    const response = await fetch(pb.backups.getDownloadURL(token, 'first.zip'));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/zip');
    assert.match(response.headers.get('content-disposition') ?? '', /attachment; filename="first.zip"/);
    const bytes = Buffer.from(await response.arrayBuffer());
    assert.equal(bytes.subarray(0, 2).toString(), 'PK');
    assert.equal(bytes.length, (await pb.backups.getFullList()).find((b) => b.key === 'first.zip').size);

    const denied = await fetch(pb.backups.getDownloadURL('not-a-token', 'first.zip'));
    assert.equal(denied.status, 403);
    const authToken = await fetch(pb.backups.getDownloadURL(pb.authStore.token, 'first.zip'));
    assert.equal(authToken.status, 403);  // an auth token is not a file token
    const missing = await fetch(pb.backups.getDownloadURL(token, 'missing.zip'));
    assert.equal(missing.status, 400);
  });

  it('uploads a zip and deletes backups', async () => {
    const token = await pb.files.getToken();
    const bytes = await (await fetch(pb.backups.getDownloadURL(token, 'first.zip'))).arrayBuffer();
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'application/zip' }), 'Uploaded Copy.zip');
    assert.equal(await pb.backups.upload(form), true);
    assert.ok((await pb.backups.getFullList()).some((b) => b.key === 'uploaded_copy.zip'));

    const notZip = new FormData();
    notZip.append('file', new Blob(['hello']), 'notes.zip');
    const refused = await expectError('not a zip', pb.backups.upload(notZip), 400);
    assert.equal(refused.response.data.file.code, 'validation_invalid_mime_type');

    assert.equal(await pb.backups.delete('uploaded_copy.zip'), true);
    assert.ok(!(await pb.backups.getFullList()).some((b) => b.key === 'uploaded_copy.zip'));
    await expectError('delete twice', pb.backups.delete('uploaded_copy.zip'), 400);
  });

  it('restores a backup: the server swaps its data and restarts', async () => {
    await pb.collection('notes').create({ text: 'after the backup' });
    assert.equal((await pb.collection('notes').getFullList()).length, 2);
    await expectError('restore missing', pb.backups.restore('missing.zip'), 400);

    assert.equal(await pb.backups.restore('first.zip'), true);
    await waitForRestart(pb);
    const again = client();
    await again.collection('_superusers').authWithPassword(SUPERUSER_EMAIL, SUPERUSER_PASSWORD);
    const notes = await again.collection('notes').getFullList();
    assert.deepEqual(notes.map((n) => n.text), ['kept']);
    assert.ok((await again.backups.getFullList()).some((b) => b.key === 'first.zip'));  // backups survive
  });
});
