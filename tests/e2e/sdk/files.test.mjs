// Files through the official SDK (issue 8): uploads with File on create, update and batch,
// byte-identical downloads, thumbnails and transforms with exact dimensions, Range, ETag, the
// protected-file token flow, validation errors, traversal-proof names and cleanup on delete.
// Runs twice (tests/e2e/sdk_files_test.cpp): on local storage, and on a real S3 server
// (s3rver) when FASTCMS_S3_ENDPOINT is set; FASTCMS_STORAGE_DIR is where stored objects
// appear on disk either way.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Blob } from 'node:buffer';
import * as nodeBuffer from 'node:buffer';
import { ClientResponseError } from 'pocketbase';
import { SUPERUSER_EMAIL, SUPERUSER_PASSWORD, client, requiredEnv } from './fastcms_env.mjs';
import { encodePng, pngSize } from './png.mjs';

const File = globalThis.File ?? nodeBuffer.File;
const S3_ENDPOINT = process.env.FASTCMS_S3_ENDPOINT ?? '';
const STORAGE_DIR = S3_ENDPOINT
  ? requiredEnv('FASTCMS_STORAGE_DIR')
  : path.join(requiredEnv('FASTCMS_PROJECT_DIR'), 'data', 'storage');
const STORED_NAME = /^[a-z0-9_]+_[a-z0-9]{10}(\.[a-z0-9]+)?$/;

// 400x200: the top half white, the bottom half black.
const COVER = encodePng(400, 200, (x, y) => (y < 100 ? [255, 255, 255] : [0, 0, 0]));

/** Every stored object's key under STORAGE_DIR (s3rver keeps KEY._S3rver_object files). */
function storedKeys() {
  if (!fs.existsSync(STORAGE_DIR)) return [];
  const keys = [];
  const walk = (dir, prefix) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), rel);
      else if (rel.endsWith('._S3rver_object')) keys.push(rel.slice(0, -'._S3rver_object'.length));
      else if (!rel.includes('._S3rver_')) keys.push(rel);
    }
  };
  walk(STORAGE_DIR, '');
  return keys.sort();
}

/** storedKeys() once `settled(keys)` holds (discarded files are removed in the background
 * after the response), or after five seconds. */
async function settledKeys(settled) {
  const deadline = Date.now() + 5000;
  let keys = storedKeys();
  while (!settled(keys) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    keys = storedKeys();
  }
  return keys;
}

async function expectError(what, promise, status) {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ClientResponseError, `${what}: ${err?.stack ?? err}`);
    assert.equal(err.status, status, `${what}: ${JSON.stringify(err.response)}`);
    return err.response;
  }
  assert.fail(`${what}: expected HTTP ${status}, got success`);
}

async function download(url, headers = {}) {
  const res = await fetch(url, { headers });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe(`files on ${S3_ENDPOINT ? 'S3 (s3rver)' : 'local storage'}`, () => {
  const admin = client();
  const alice = client();
  const bob = client();
  let collectionId;

  before(async () => {
    await admin.collection('_superusers').authWithPassword(SUPERUSER_EMAIL, SUPERUSER_PASSWORD);
    if (S3_ENDPOINT) {
      await admin.settings.update({
        s3: {
          enabled: true, bucket: 'fastcms', region: 'us-east-1', endpoint: S3_ENDPOINT,
          accessKey: 'S3RVER', secret: 'S3RVER', forcePathStyle: true,
        },
      });
      assert.equal(await admin.settings.testS3('storage'), true);
    }
    const usersId = (await admin.collections.getOne('users')).id;
    const posts = await admin.collections.create({
      name: 'posts', type: 'base',
      fields: [
        { name: 'title', type: 'text' },
        { name: 'owner', type: 'relation', collectionId: usersId, maxSelect: 1 },
        { name: 'cover', type: 'file', maxSelect: 1, maxSize: 1048576,
          mimeTypes: ['image/png', 'image/jpeg', 'image/webp'], thumbs: ['50x50', '200x0', '80x80t'] },
        { name: 'attachments', type: 'file', maxSelect: 3, maxSize: 1000 },
        { name: 'secret', type: 'file', maxSelect: 1, protected: true },
      ],
      listRule: 'owner = @request.auth.id', viewRule: 'owner = @request.auth.id',
      createRule: '@request.auth.id != ""', updateRule: 'owner = @request.auth.id',
      deleteRule: 'owner = @request.auth.id',
    });
    collectionId = posts.id;
    for (const [pb, email] of [[alice, 'alice@example.com'], [bob, 'bob@example.com']]) {
      await pb.collection('users').create({ email, password: 'secret123', passwordConfirm: 'secret123' });
      await pb.collection('users').authWithPassword(email, 'secret123');
    }
  });

  const newPost = (extra = {}) => alice.collection('posts').create({
    title: 'hello', owner: alice.authStore.record.id,
    cover: new File([COVER], 'My Cover!.png', { type: 'image/png' }),
    attachments: [new File(['first'], 'a.txt'), new File(['second'], 'b.txt')],
    secret: new File(['%PDF-1.4 top secret'], 'report.pdf'),
    ...extra,
  });

  it('stores uploads under safe names and serves them byte-identical', async () => {
    const post = await newPost();
    assert.match(post.cover, /^my_cover_[a-z0-9]{10}\.png$/);
    assert.equal(post.attachments.length, 2);
    for (const name of [...post.attachments, post.secret]) assert.match(name, STORED_NAME);

    const { res, bytes } = await download(alice.files.getURL(post, post.cover));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/png');
    assert.ok(bytes.equals(COVER), 'the download equals the upload');
    assert.deepEqual(storedKeys().filter((k) => k.startsWith(`${collectionId}/${post.id}/`) && !k.includes('thumbs_')).sort(),
      [post.cover, ...post.attachments, post.secret].map((n) => `${collectionId}/${post.id}/${n}`).sort());

    const attachment = await download(alice.files.getURL(post, post.attachments[1], { download: true }));
    assert.equal(attachment.bytes.toString(), 'second');
    assert.match(attachment.res.headers.get('content-disposition'), /^attachment; filename="b[a-z0-9]*_[a-z0-9]{10}\.txt"$/);
  });

  it('serves thumbnails with exact dimensions for the listed sizes and 100x100, the original otherwise', async () => {
    const post = await newPost();
    const thumb = async (size) => pngSize((await download(alice.files.getURL(post, post.cover, { thumb: size }))).bytes);
    assert.deepEqual(await thumb('50x50'), { width: 50, height: 50 });
    assert.deepEqual(await thumb('200x0'), { width: 200, height: 100 });
    assert.deepEqual(await thumb('100x100'), { width: 100, height: 100 });
    assert.deepEqual(await thumb('80x80t'), { width: 80, height: 80 });
    assert.deepEqual(await thumb('30x30'), { width: 400, height: 200 });  // not listed: the original
    assert.ok(storedKeys().includes(`${collectionId}/${post.id}/thumbs_${post.cover}/50x50_${post.cover}`),
      'thumbnails are generated once and kept next to the file');
  });

  it('transforms images: size, format, crop, grayscale', async () => {
    const post = await newPost();
    const url = (query) => alice.files.getURL(post, post.cover, query);
    const resized = await download(url({ width: 80, format: 'png' }));
    assert.equal(resized.res.status, 200);
    assert.deepEqual(pngSize(resized.bytes), { width: 80, height: 40 });
    const cropped = await download(url({ width: 60, height: 60, crop: 'center', format: 'png' }));
    assert.deepEqual(pngSize(cropped.bytes), { width: 60, height: 60 });
    const webp = await download(url({ width: 100, format: 'webp', quality: 60 }));
    assert.equal(webp.res.headers.get('content-type'), 'image/webp');
    assert.equal(webp.bytes.subarray(8, 12).toString('ascii'), 'WEBP');
    const bad = await download(url({ width: 100000 }));
    assert.equal(bad.res.status, 400);
    assert.ok(JSON.parse(bad.bytes.toString()).data.width, 'the 400 names the parameter');
  });

  it('answers ranges and conditional requests', async () => {
    const post = await newPost();
    const url = alice.files.getURL(post, post.cover);
    const part = await download(url, { Range: 'bytes=0-7' });
    assert.equal(part.res.status, 206);
    assert.equal(part.res.headers.get('content-range'), `bytes 0-7/${COVER.length}`);
    assert.ok(part.bytes.equals(COVER.subarray(0, 8)));
    const tail = await download(url, { Range: `bytes=${COVER.length - 10}-` });
    assert.ok(tail.bytes.equals(COVER.subarray(COVER.length - 10)));
    assert.equal((await download(url, { Range: `bytes=${COVER.length}-` })).res.status, 416);
    const etag = part.res.headers.get('etag');
    assert.ok(etag);
    assert.equal((await download(url, { 'If-None-Match': etag })).res.status, 304);
  });

  it('protects files: a file token of someone the viewRule lets in, 404 for everyone else', async () => {
    const post = await newPost();
    assert.equal((await download(alice.files.getURL(post, post.secret))).res.status, 404);
    const token = await alice.files.getToken();
    const mine = await download(alice.files.getURL(post, post.secret, { token }));
    assert.equal(mine.res.status, 200);
    assert.equal(mine.bytes.toString(), '%PDF-1.4 top secret');
    const bobs = await bob.files.getToken();
    assert.equal((await download(alice.files.getURL(post, post.secret, { token: bobs }))).res.status, 404);
    assert.equal((await download(alice.files.getURL(post, post.secret, { token: alice.authStore.token }))).res.status, 404);
    const adminToken = await admin.files.getToken();
    assert.equal((await download(alice.files.getURL(post, post.secret, { token: adminToken }))).res.status, 200);
    await expectError('a guest cannot get a file token', client().files.getToken(), 401);
  });

  it('validates size, type (sniffed, not claimed) and count', async () => {
    const big = await expectError('maxSize', newPost({ attachments: [new File(['x'.repeat(2000)], 'big.txt')] }), 400);
    assert.equal(big.data.attachments.code, 'validation_file_size_limit');
    const fake = await expectError('mime', newPost({ cover: new File(['just text'], 'fake.png', { type: 'image/png' }) }), 400);
    assert.equal(fake.data.cover.code, 'validation_invalid_mime_type');
    const many = await expectError('maxSelect', newPost({
      attachments: ['1', '2', '3', '4'].map((n) => new File([n], `${n}.txt`)),
    }), 400);
    assert.ok(many.data.attachments, JSON.stringify(many));
    const notFile = await expectError('upload to a text field', newPost({ title: new File(['x'], 't.txt') }), 400);
    assert.ok(notFile.data.title, JSON.stringify(notFile));
  });

  it('never takes a path from the client', async () => {
    const before = storedKeys();
    const post = await newPost({
      attachments: [new File(['evil'], '../../../etc/passwd'), new File(['dots'], '..'), new File(['sl'], 'a\\b/c.txt')],
    });
    for (const name of post.attachments) {
      assert.match(name, STORED_NAME);
      assert.ok(!name.includes('/') && !name.includes('\\') && !name.startsWith('.'), name);
    }
    const added = storedKeys().filter((k) => !before.includes(k));
    for (const key of added) assert.ok(key.startsWith(`${collectionId}/${post.id}/`), key);
    const { bytes } = await download(alice.files.getURL(post, post.attachments[0]));
    assert.equal(bytes.toString(), 'evil');
  });

  it('adds, removes and replaces files with modifiers; removed files go away', async () => {
    const post = await newPost();
    const [first, second] = post.attachments;
    let updated = await alice.collection('posts').update(post.id, { 'attachments+': new File(['third'], 'c.txt') });
    assert.equal(updated.attachments.length, 3);
    assert.deepEqual(updated.attachments.slice(0, 2), [first, second]);
    updated = await alice.collection('posts').update(post.id, { 'attachments-': [first] });
    assert.deepEqual(updated.attachments, [second, updated.attachments[1]]);
    assert.equal((await download(alice.files.getURL(post, first))).res.status, 404);
    const removedKey = `${collectionId}/${post.id}/${first}`;
    assert.ok(!(await settledKeys((keys) => !keys.includes(removedKey))).includes(removedKey),
      'a removed file leaves the storage');

    const oldCover = post.cover;
    updated = await alice.collection('posts').update(post.id, { cover: new File([COVER], 'new.png') });
    assert.notEqual(updated.cover, oldCover);
    const withOldCover = (keys) => keys.some((k) => k.includes(oldCover));
    assert.ok(!withOldCover(await settledKeys((keys) => !withOldCover(keys))),
      'a replaced file and its thumbs leave the storage');
    updated = await alice.collection('posts').update(post.id, { attachments: [] });
    assert.deepEqual(updated.attachments, []);
  });

  it('uploads in a batch, all or nothing', async () => {
    await admin.settings.update({ batch: { enabled: true, maxRequests: 10 } });
    const batch = alice.createBatch();
    batch.collection('posts').create({ title: 'b1', owner: alice.authStore.record.id, attachments: [new File(['in batch'], 'x.txt')] });
    const [created] = await batch.send();
    assert.equal(created.status, 200);
    const { bytes } = await download(alice.files.getURL(created.body, created.body.attachments[0]));
    assert.equal(bytes.toString(), 'in batch');

    const before = storedKeys();
    const failing = alice.createBatch();
    failing.collection('posts').create({ title: 'b2', owner: alice.authStore.record.id, attachments: [new File(['rolled back'], 'y.txt')] });
    failing.collection('posts').create({ title: 'b3', owner: alice.authStore.record.id, attachments: [new File(['x'.repeat(2000)], 'z.txt')] });
    await expectError('the second request fails', failing.send(), 400);
    assert.deepEqual(storedKeys(), before, 'a rolled-back batch leaves no files behind');
  });

  it('deleting a record deletes its files and thumbnails', async () => {
    const post = await newPost();
    await download(alice.files.getURL(post, post.cover, { thumb: '50x50' }));
    assert.ok(storedKeys().some((k) => k.startsWith(`${collectionId}/${post.id}/`)));
    await alice.collection('posts').delete(post.id);
    const ofPost = (keys) => keys.filter((k) => k.startsWith(`${collectionId}/${post.id}/`));
    assert.deepEqual(ofPost(await settledKeys((keys) => ofPost(keys).length === 0)), []);
    assert.equal((await download(alice.files.getURL(post, post.cover))).res.status, 404);
  });
});
