// Drives a running fastcms server with the official PocketBase JS SDK (pocketbase 0.28.0)
// and checks every answer against PocketBase's documented behaviour
// (shared/reference/pocketbase-api.md §1–§1.10 and §5).
//
// Environment: FASTCMS_URL (e.g. http://127.0.0.1:41234), FASTCMS_SUPERUSER_EMAIL,
// FASTCMS_SUPERUSER_PASSWORD. The server is fresh: a `blank` project (only the `users`
// auth collection) with one superuser; batch requests disabled (the default).
//
// Run: node --test records_api.test.mjs   (Node 18+, from this folder so that
// `pocketbase` resolves from ./node_modules)
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import PocketBase, { ClientResponseError, getTokenPayload } from 'pocketbase';
import { BASE_URL, SUPERUSER_EMAIL, SUPERUSER_PASSWORD, client } from './fastcms_env.mjs';


const PASSWORD = 'correct horse battery';
const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const RECORD_ID = /^[a-z0-9]{15}$/;

/** CRC32-IEEE, as PocketBase uses for default collection ("pbc_" + crc(type+name)) and field ids. */
function crc32(text) {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * Awaits `promise`, which must fail with a ClientResponseError of `status` (and `message` when
 * given); returns the error for further checks. `what` names the request in failure messages.
 */
async function expectError(what, promise, status, message) {
  let result;
  try {
    result = await promise;
  } catch (err) {
    assert.ok(err instanceof ClientResponseError, `${what}: expected a ClientResponseError, got ${err?.stack ?? err}`);
    const got = `${err.status} ${JSON.stringify(err.response)}`;
    assert.equal(err.status, status, `${what}: expected status ${status}, got ${got}`);
    if (message !== undefined) assert.equal(err.response.message, message, `${what}: expected message "${message}", got ${got}`);
    assert.equal(typeof err.response.data, 'object', `${what}: "data" must be an object, got ${got}`);
    assert.notEqual(err.response.data, null, `${what}: "data" must never be null, got ${got}`);
    return err;
  }
  assert.fail(`${what}: expected HTTP ${status}, but the request succeeded with ${JSON.stringify(result)}`);
}

/** Expects a validation failure: status 400, `message`, and data.<field>.code for each entry of `codes`. */
async function expectValidation(what, promise, message, codes) {
  const err = await expectError(what, promise, 400, message);
  const data = err.response.data;
  for (const [field, code] of Object.entries(codes)) {
    assert.equal(data[field]?.code, code, `${what}: expected data.${field}.code "${code}", got ${JSON.stringify(data)}`);
    assert.equal(typeof data[field].message, 'string', `${what}: data.${field}.message must be a string`);
  }
  return err;
}

/** Runs one setup step; a failure names the step and shows the server's answer. */
async function setupStep(name, fn) {
  try {
    return await fn();
  } catch (err) {
    let answer = String(err?.stack ?? err);
    if (err instanceof ClientResponseError) {
      answer = err.status === 0
        ? `no HTTP answer (${err.originalError?.cause?.message ?? err.message})`
        : `HTTP ${err.status} ${JSON.stringify(err.response)} (${err.url})`;
    }
    throw new Error(`setup: ${name} failed: ${answer}`, { cause: err });
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const titles = (list) => list.map((r) => r.title);
const views = (list) => list.map((r) => r.views);

// Shared state, filled by `before`.
const su = client();
const guest = client();
const alice = client();
const bob = client();
let usersCollection;
let postsCollection;
let commentsCollection;
let aliceId;
let bobId;
let aliceEmail;
let bobEmail;
const seeded = {}; // title → record (alice's six posts)
let aliceFilter; // `author = "<alice id>"`

/** The six posts alice owns, created in this order ~10 ms apart (distinct `created`). */
const SEEDS = [
  { title: 'Alpha news', content: 'Hello wonderful world', views: 10, published: true, status: 'published', tags: ['a'], meta: { n: 1 }, publishedAt: '2024-01-10 08:00:00.000Z' },
  { title: 'Beta story', content: 'Hey', views: 20, published: false, status: 'draft', tags: ['a', 'b'], meta: { n: 2 }, publishedAt: '2024-02-10 08:00:00.000Z' },
  { title: 'Gamma news', content: 'Gamma body', views: 30, published: true, status: 'published', tags: ['b'], meta: { n: 3 }, publishedAt: '2024-03-10 08:00:00.000Z' },
  { title: 'Delta report', content: 'Delta body', views: 40, published: false, status: 'archived', tags: ['b', 'c'], meta: { n: 4 }, publishedAt: '2024-04-10 08:00:00.000Z' },
  { title: 'Epsilon news', content: 'Epsilon body', views: 50, published: true, status: 'published', tags: ['c'], meta: { n: 5 }, publishedAt: '2024-05-10 08:00:00.000Z' },
  { title: 'Zeta story', content: 'Zeta body', views: 60, published: false, status: 'draft', tags: ['a', 'c'], meta: { n: 6 }, publishedAt: '' },
];

function autodateFields() {
  return [
    { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
    { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
  ];
}

async function signUp(email, name) {
  const record = await guest.collection('users').create({ email, password: PASSWORD, passwordConfirm: PASSWORD, name });
  assert.match(record.id, RECORD_ID, 'sign-up returns the new record');
  assert.equal(record.collectionName, 'users');
  assert.equal(record.collectionId, usersCollection.id);
  assert.equal(record.name, name);
  assert.equal(record.verified, false);
  assert.equal(record.emailVisibility, false);
  assert.ok(!('password' in record) && !('tokenKey' in record), `password and tokenKey are never returned: ${JSON.stringify(record)}`);
  return record;
}

describe('fastcms through the PocketBase JS SDK', () => {
  before(async () => {
    await setupStep('superuser auth-with-password', () =>
      su.collection('_superusers').authWithPassword(SUPERUSER_EMAIL, SUPERUSER_PASSWORD));
    usersCollection = await setupStep('get the users collection', () => su.collections.getOne('users'));
    postsCollection = await setupStep('create the posts collection', () => su.collections.create({
      name: 'posts',
      type: 'base',
      fields: [
        { name: 'title', type: 'text', required: true, max: 200 },
        { name: 'content', type: 'text' },
        { name: 'views', type: 'number', min: 0, onlyInt: true },
        { name: 'published', type: 'bool' },
        { name: 'status', type: 'select', values: ['draft', 'published', 'archived'], maxSelect: 1 },
        { name: 'tags', type: 'select', values: ['a', 'b', 'c'], maxSelect: 3 },
        { name: 'meta', type: 'json' },
        { name: 'publishedAt', type: 'date' },
        { name: 'author', type: 'relation', collectionId: usersCollection.id, maxSelect: 1, required: true },
        ...autodateFields(),
      ],
      listRule: 'status = "published" || author = @request.auth.id',
      viewRule: 'status = "published" || author = @request.auth.id',
      createRule: '@request.auth.id != "" && author = @request.auth.id',
      updateRule: 'author = @request.auth.id',
      deleteRule: 'author = @request.auth.id',
    }));
    commentsCollection = await setupStep('create the comments collection', () => su.collections.create({
      name: 'comments',
      type: 'base',
      fields: [
        { name: 'post', type: 'relation', collectionId: postsCollection.id, maxSelect: 1, required: true, cascadeDelete: true },
        { name: 'author', type: 'relation', collectionId: usersCollection.id, maxSelect: 1 },
        { name: 'text', type: 'text', required: true },
        ...autodateFields(),
      ],
      listRule: '',
      viewRule: '',
      createRule: '@request.auth.id != "" && author = @request.auth.id',
      updateRule: null,
      deleteRule: null,
    }));

    aliceEmail = 'alice@example.com';
    bobEmail = 'bob@example.com';
    aliceId = (await setupStep('sign up alice', () => signUp(aliceEmail, 'Alice'))).id;
    bobId = (await setupStep('sign up bob', () => signUp(bobEmail, 'Bob'))).id;
    await setupStep('alice auth-with-password', () => alice.collection('users').authWithPassword(aliceEmail, PASSWORD));
    await setupStep('bob auth-with-password', () => bob.collection('users').authWithPassword(bobEmail, PASSWORD));
    aliceFilter = `author = "${aliceId}"`;

    for (const seed of SEEDS) {
      seeded[seed.title] = await setupStep(`alice creates "${seed.title}"`, () => alice.collection('posts').create({ ...seed, author: aliceId }));
      await sleep(10);
    }
    const alpha = seeded['Alpha news'].id;
    await setupStep('bob comments', () => bob.collection('comments').create({ post: alpha, author: bobId, text: 'Nice' }));
    await sleep(10);
    await setupStep('alice comments', () => alice.collection('comments').create({ post: alpha, author: aliceId, text: 'Thanks' }));
  });

  describe('superuser and collections', () => {
    it('authenticates a superuser with the SDK', async () => {
      assert.equal(su.authStore.isSuperuser, true, 'authStore.isSuperuser');
      assert.equal(su.authStore.isValid, true, 'authStore.isValid');
      assert.equal(su.authStore.record.collectionName, '_superusers');
      assert.equal(su.authStore.record.email, SUPERUSER_EMAIL);
      const claims = getTokenPayload(su.authStore.token);
      assert.equal(claims.type, 'auth');
      assert.equal(claims.collectionId, 'pbc_3142635823', 'the SDK hard-codes the _superusers id');
      assert.equal(claims.id, su.authStore.record.id);
      const superusers = await su.collections.getOne('_superusers');
      assert.equal(superusers.id, 'pbc_3142635823');
      assert.equal(superusers.type, 'auth');
      const lifetime = claims.exp - Date.now() / 1000;
      assert.ok(Math.abs(lifetime - superusers.authToken?.duration) < 120,
        `the token lives _superusers.authToken.duration (${JSON.stringify(superusers.authToken)}); exp is ${lifetime} s away`);
    });

    it('refuses a wrong superuser password with 400 "Failed to authenticate."', async () => {
      await expectError('auth-with-password (wrong password)',
        client().collection('_superusers').authWithPassword(SUPERUSER_EMAIL, 'wrong password!'), 400, 'Failed to authenticate.');
    });

    it('creates collections with PocketBase ids and returns their fields', async () => {
      assert.equal(usersCollection.type, 'auth');
      assert.equal(postsCollection.id, `pbc_${crc32('base' + 'posts')}`);
      assert.equal(postsCollection.name, 'posts');
      assert.equal(postsCollection.type, 'base');
      assert.equal(postsCollection.createRule, '@request.auth.id != "" && author = @request.auth.id');
      assert.equal(commentsCollection.updateRule, null);
      const idField = postsCollection.fields.find((f) => f.name === 'id');
      assert.ok(idField, `the id field is added: ${JSON.stringify(postsCollection.fields)}`);
      assert.equal(idField.id, 'text3208210256');
      assert.equal(idField.system, true);
      assert.equal(idField.primaryKey, true);
      const title = postsCollection.fields.find((f) => f.name === 'title');
      assert.equal(title.id, `text${crc32('title')}`);
      assert.equal(title.required, true);
      assert.equal(title.max, 200);
      const author = postsCollection.fields.find((f) => f.name === 'author');
      assert.equal(author.collectionId, usersCollection.id);
      const fetched = await su.collections.getOne('posts');
      assert.equal(fetched.id, postsCollection.id);
      assert.deepEqual(fetched.fields.map((f) => f.name), postsCollection.fields.map((f) => f.name));
    });

    it('allows the Collections API and settings to superusers only', async () => {
      await expectError('collections.create as a user', alice.collections.create({ name: 'nope', type: 'base' }), 403);
      await expectError('settings.getAll as a guest', guest.settings.getAll(), 401);
      await expectError('settings.update as a user', alice.settings.update({ batch: { enabled: true } }), 403);
    });
  });

  describe('users: sign-up and auth', () => {
    it('signs up, authenticates and refreshes users', async () => {
      for (const [pb, id, email] of [[alice, aliceId, aliceEmail], [bob, bobId, bobEmail]]) {
        assert.equal(pb.authStore.isValid, true);
        assert.equal(pb.authStore.isSuperuser, false);
        assert.equal(pb.authStore.record.id, id);
        assert.equal(pb.authStore.record.collectionName, 'users');
        assert.equal(pb.authStore.record.email, email, 'the owner sees their own email');
        const claims = getTokenPayload(pb.authStore.token);
        assert.equal(claims.type, 'auth');
        assert.equal(claims.id, id);
        assert.equal(claims.collectionId, usersCollection.id);
        assert.equal(claims.refreshable, true);
        const lifetime = claims.exp - Date.now() / 1000;
        const duration = usersCollection.authToken?.duration;
        assert.ok(duration > 0, `users.authToken.duration: ${JSON.stringify(usersCollection.authToken)}`);
        assert.ok(Math.abs(lifetime - duration) < 120, `the token lives authToken.duration (${duration} s); exp is ${lifetime} s away`);

        const refreshed = await pb.collection('users').authRefresh();
        assert.equal(typeof refreshed.token, 'string');
        assert.equal(refreshed.record.id, id);
        assert.equal(pb.authStore.token, refreshed.token);
        assert.equal(pb.authStore.record.id, id);
        assert.equal(getTokenPayload(refreshed.token).id, id);
      }
    });

    it('refuses bad logins and a refresh without a token', async () => {
      await expectError('auth-with-password (wrong password)',
        client().collection('users').authWithPassword(aliceEmail, 'not the password'), 400, 'Failed to authenticate.');
      await expectError('auth-with-password (unknown user)',
        client().collection('users').authWithPassword('nobody@example.com', PASSWORD), 400, 'Failed to authenticate.');
      await expectError('auth-refresh without a token', guest.collection('users').authRefresh(), 401);
    });

    it('validates sign-ups with PocketBase codes', async () => {
      const users = guest.collection('users');
      await expectValidation('sign-up with a mismatched passwordConfirm',
        users.create({ email: 'carol@example.com', password: PASSWORD, passwordConfirm: PASSWORD + 'x' }),
        'Failed to create record.', { passwordConfirm: 'validation_values_mismatch' });
      await expectValidation('sign-up with a taken email',
        users.create({ email: aliceEmail, password: PASSWORD, passwordConfirm: PASSWORD }),
        'Failed to create record.', { email: 'validation_not_unique' });
      await expectValidation('sign-up with an invalid email',
        users.create({ email: 'not-an-email', password: PASSWORD, passwordConfirm: PASSWORD }),
        'Failed to create record.', { email: 'validation_is_email' });
      await expectValidation('sign-up with a 5-char password',
        users.create({ email: 'carol@example.com', password: 'short', passwordConfirm: 'short' }),
        'Failed to create record.', { password: 'validation_min_text_constraint' });
      const carol = await su.collection('users').getList(1, 10, { filter: 'email = "carol@example.com"' });
      assert.equal(carol.totalItems, 0, 'no failed sign-up created a user');
    });
  });

  describe('records CRUD as the owner', () => {
    it('creates, reads, updates and deletes a post', async () => {
      const posts = bob.collection('posts');
      const body = {
        title: 'Bob writes', content: 'First words', views: 0, published: true, status: 'draft',
        tags: ['a', 'b'], meta: { k: 1, nested: { list: [1, 2] } }, publishedAt: '2024-06-01 12:30:00.000Z', author: bobId,
      };
      const created = await posts.create(body);
      assert.match(created.id, RECORD_ID);
      assert.equal(created.collectionName, 'posts');
      assert.equal(created.collectionId, postsCollection.id);
      assert.match(created.created, DATETIME);
      assert.match(created.updated, DATETIME);
      for (const [key, value] of Object.entries(body)) assert.deepEqual(created[key], value, `created.${key}`);

      const fetched = await posts.getOne(created.id);
      assert.deepEqual(fetched, created, 'getOne returns what create returned');

      await sleep(10);
      const updated = await posts.update(created.id, { title: 'Bob rewrites', status: 'published' });
      assert.equal(updated.title, 'Bob rewrites');
      assert.equal(updated.status, 'published');
      assert.equal(updated.content, 'First words', 'fields not in the body keep their value');
      assert.equal(updated.created, created.created);
      assert.ok(updated.updated > created.updated, `updated moves forward: ${created.updated} → ${updated.updated}`);

      assert.equal(await posts.delete(created.id), true);
      await expectError('getOne after delete', posts.getOne(created.id), 404);
    });

    it('fills zero values for fields a create leaves out', async () => {
      const minimal = await bob.collection('posts').create({ title: 'Minimal', author: bobId });
      assert.equal(minimal.content, '');
      assert.equal(minimal.views, 0);
      assert.equal(minimal.published, false);
      assert.equal(minimal.status, '');
      assert.deepEqual(minimal.tags, []);
      assert.equal(minimal.meta, null);
      assert.equal(minimal.publishedAt, '');
      await bob.collection('posts').delete(minimal.id);
    });

    it('applies number and multi-select modifiers', async () => {
      const posts = bob.collection('posts');
      const post = await posts.create({ title: 'Counter', views: 0, tags: ['a', 'b'], author: bobId });
      assert.equal((await posts.update(post.id, { 'views+': 5 })).views, 5);
      assert.equal((await posts.update(post.id, { 'views+': 5 })).views, 10);
      assert.equal((await posts.update(post.id, { 'views-': 3 })).views, 7);
      assert.deepEqual((await posts.update(post.id, { 'tags+': 'c' })).tags, ['a', 'b', 'c']);
      assert.deepEqual((await posts.update(post.id, { 'tags-': 'a' })).tags, ['b', 'c']);
      assert.deepEqual((await posts.update(post.id, { '+tags': 'a' })).tags, ['a', 'b', 'c']);
      assert.equal((await posts.getOne(post.id)).views, 7);
      await posts.delete(post.id);
    });
  });

  describe('rules', () => {
    it('answers 404 to another user on view/update/delete of an owner-only record', async () => {
      const draft = seeded['Beta story'];
      await expectError('bob views alice\'s draft', bob.collection('posts').getOne(draft.id), 404);
      await expectError('bob updates alice\'s draft', bob.collection('posts').update(draft.id, { title: 'mine' }), 404);
      await expectError('bob deletes alice\'s draft', bob.collection('posts').delete(draft.id), 404);
      const published = seeded['Alpha news'];
      await expectError('bob updates alice\'s published post', bob.collection('posts').update(published.id, { title: 'mine' }), 404);
      assert.equal((await bob.collection('posts').getOne(published.id)).title, 'Alpha news', 'a published post is visible to all');
      assert.equal((await alice.collection('posts').getOne(draft.id)).title, 'Beta story', 'nothing was changed');
    });

    it('answers 400 "Failed to create record." when the create rule fails', async () => {
      await expectError('guest creates a post', guest.collection('posts').create({ title: 'anon', author: aliceId }), 400, 'Failed to create record.');
      await expectError('bob creates a post as alice', bob.collection('posts').create({ title: 'forged', author: aliceId }), 400, 'Failed to create record.');
      const forged = await su.collection('posts').getList(1, 10, { filter: 'title = "anon" || title = "forged"' });
      assert.equal(forged.totalItems, 0);
    });

    it('answers 403 "Only superusers can perform this action." on a null rule', async () => {
      const comment = await bob.collection('comments').getFirstListItem(`author = "${bobId}"`);
      const msg = 'Only superusers can perform this action.';
      await expectError('bob updates his comment (updateRule null)', bob.collection('comments').update(comment.id, { text: 'edited' }), 403, msg);
      await expectError('bob deletes his comment (deleteRule null)', bob.collection('comments').delete(comment.id), 403, msg);
      await expectError('a user lists _superusers', bob.collection('_superusers').getList(), 403, msg);
      assert.equal((await su.collection('comments').update(comment.id, { text: 'Nice!' })).text, 'Nice!', 'superusers bypass rules');
      await su.collection('comments').update(comment.id, { text: 'Nice' });
    });

    it('filters a list by the list rule instead of refusing it', async () => {
      const asGuest = await guest.collection('posts').getList(1, 50, { filter: aliceFilter, sort: 'views' });
      assert.deepEqual(titles(asGuest.items), ['Alpha news', 'Gamma news', 'Epsilon news']);
      assert.equal(asGuest.totalItems, 3);
      const asAlice = await alice.collection('posts').getList(1, 50, { filter: aliceFilter });
      assert.equal(asAlice.totalItems, 6);
      const usersAsGuest = await guest.collection('users').getList();
      assert.equal(usersAsGuest.totalItems, 0);
      await expectError('guest views a draft', guest.collection('posts').getOne(seeded['Zeta story'].id), 404);
    });
  });

  describe('list options', () => {
    const posts = () => alice.collection('posts');

    it('paginates with page, perPage, totalItems and totalPages', async () => {
      const first = await posts().getList(1, 2, { filter: aliceFilter, sort: 'views' });
      assert.equal(first.page, 1);
      assert.equal(first.perPage, 2);
      assert.equal(first.totalItems, 6);
      assert.equal(first.totalPages, 3);
      assert.deepEqual(views(first.items), [10, 20]);
      const third = await posts().getList(3, 2, { filter: aliceFilter, sort: 'views' });
      assert.equal(third.page, 3);
      assert.deepEqual(views(third.items), [50, 60]);
      const beyond = await posts().getList(4, 2, { filter: aliceFilter, sort: 'views' });
      assert.equal(beyond.page, 4);
      assert.deepEqual(beyond.items, []);
      assert.equal(beyond.totalItems, 6);
    });

    it('clamps page and perPage like PocketBase', async () => {
      const zero = await posts().getList(0, 0, { filter: aliceFilter });
      assert.equal(zero.page, 1, 'page <= 0 becomes 1');
      assert.equal(zero.perPage, 30, 'perPage <= 0 becomes 30');
      assert.equal(zero.items.length, 6);
      const huge = await posts().getList(1, 5000, { filter: aliceFilter });
      assert.equal(huge.perPage, 1000, 'perPage is clamped to 1000');
    });

    it('sorts by -created and by several fields', async () => {
      const newest = await posts().getList(1, 10, { filter: aliceFilter, sort: '-created' });
      assert.deepEqual(titles(newest.items), SEEDS.map((s) => s.title).reverse());
      const oldest = await posts().getList(1, 10, { filter: aliceFilter, sort: 'created' });
      assert.deepEqual(titles(oldest.items), SEEDS.map((s) => s.title));
      const multi = await posts().getList(1, 10, { filter: aliceFilter, sort: 'status,-views' });
      assert.deepEqual(views(multi.items), [40, 60, 20, 50, 30, 10]);
      const boolThenText = await posts().getList(1, 10, { filter: aliceFilter, sort: '-published,+title' });
      assert.deepEqual(titles(boolThenText.items), ['Alpha news', 'Epsilon news', 'Gamma news', 'Beta story', 'Delta report', 'Zeta story']);
    });

    it('filters with ?=, ~, !~, grouping and dates', async () => {
      const query = async (filter) => titles((await posts().getList(1, 50, { filter: `${aliceFilter} && (${filter})`, sort: 'views' })).items);
      assert.deepEqual(await query('tags ?= "a"'), ['Alpha news', 'Beta story', 'Zeta story'], 'any-match');
      assert.deepEqual(await query('tags = "a"'), ['Alpha news'], 'multi-value fields match all by default');
      assert.deepEqual(await query('tags ?= "c" && views > 45'), ['Epsilon news', 'Zeta story']);
      assert.deepEqual(await query('title ~ "news"'), ['Alpha news', 'Gamma news', 'Epsilon news']);
      assert.deepEqual(await query('title ~ "NEWS"'), ['Alpha news', 'Gamma news', 'Epsilon news'], 'LIKE is case-insensitive');
      assert.deepEqual(await query('title !~ "news"'), ['Beta story', 'Delta report', 'Zeta story']);
      assert.deepEqual(await query('(status = "draft" || status = "archived") && views >= 40'), ['Delta report', 'Zeta story']);
      assert.deepEqual(await query('published = true && (views < 20 || views > 40)'), ['Alpha news', 'Epsilon news']);
      assert.deepEqual(await query('publishedAt >= "2024-03-01 00:00:00.000Z" && publishedAt < "2024-05-01 00:00:00.000Z"'), ['Gamma news', 'Delta report']);
      assert.deepEqual(await query('publishedAt = ""'), ['Zeta story']);
      assert.deepEqual(await query('created <= @now && views >= 50'), ['Epsilon news', 'Zeta story']);
      assert.deepEqual(await query(`id = "${seeded['Gamma news'].id}"`), ['Gamma news']);
    });

    it('lets only superusers filter by @request.*', async () => {
      await expectError('a user filters by @request.auth.id', posts().getList(1, 10, { filter: 'author = @request.auth.id' }), 403,
        'Only superusers can filter by @request.');
      await expectError('a user sorts by @request.auth.id', posts().getList(1, 10, { sort: '@request.auth.id' }), 403);
      const asSuperuser = await su.collection('posts').getList(1, 50, {
        filter: `@request.auth.collectionName = "_superusers" && ${aliceFilter}`,
      });
      assert.equal(asSuperuser.totalItems, 6);
      const noneOwned = await su.collection('posts').getList(1, 50, { filter: 'author = @request.auth.id' });
      assert.equal(noneOwned.totalItems, 0, 'the superuser authored no post');
    });

    it('answers -1 totals with skipTotal', async () => {
      const list = await posts().getList(1, 2, { filter: aliceFilter, skipTotal: true, sort: 'views' });
      assert.equal(list.totalItems, -1);
      assert.equal(list.totalPages, -1);
      assert.deepEqual(views(list.items), [10, 20]);
    });

    it('expands relations, nested relations and back-relations', async () => {
      const alpha = seeded['Alpha news'];
      const post = await posts().getOne(alpha.id, { expand: 'author,comments_via_post' });
      assert.equal(post.author, aliceId, 'the relation field keeps the id');
      assert.equal(post.expand?.author?.id, aliceId, `expand.author: ${JSON.stringify(post.expand)}`);
      assert.equal(post.expand.author.collectionName, 'users');
      assert.ok(Array.isArray(post.expand.comments_via_post), `a back-relation expands to an array: ${JSON.stringify(post.expand)}`);
      assert.deepEqual(post.expand.comments_via_post.map((c) => c.text).sort(), ['Nice', 'Thanks']);

      const nested = await alice.collection('comments').getList(1, 10, { filter: `post = "${alpha.id}"`, expand: 'post.author', sort: 'created' });
      assert.equal(nested.items.length, 2);
      assert.equal(nested.items[0].expand?.post?.id, alpha.id, `expand.post: ${JSON.stringify(nested.items[0])}`);
      assert.equal(nested.items[0].expand.post.expand?.author?.id, aliceId, 'expand.post.expand.author');

      // users' viewRule is `id = @request.auth.id`: alice may expand herself, not bob.
      const viaAuthors = await posts().getOne(alpha.id, { expand: 'comments_via_post.author' });
      const byText = Object.fromEntries(viaAuthors.expand.comments_via_post.map((c) => [c.text, c]));
      assert.equal(byText.Thanks.expand?.author?.id, aliceId);
      assert.equal(byText.Nice.expand?.author, undefined, 'a relation the requester may not view is silently left out');
      const asGuest = await guest.collection('posts').getOne(alpha.id, { expand: 'author' });
      assert.equal(asGuest.expand?.author, undefined, 'guests may not view users');
      assert.equal(asGuest.author, aliceId);
    });

    it('picks fields, nested fields and excerpts', async () => {
      const picked = await posts().getList(1, 2, { filter: aliceFilter, sort: 'views', fields: 'id,title' });
      assert.equal(picked.totalItems, 6, '`fields` applies to each item, not to the list envelope');
      assert.deepEqual(picked.items, [
        { id: seeded['Alpha news'].id, title: 'Alpha news' },
        { id: seeded['Beta story'].id, title: 'Beta story' },
      ]);
      const excerpts = await posts().getList(1, 2, { filter: aliceFilter, sort: 'views', fields: 'title,content:excerpt(5,true)' });
      assert.deepEqual(excerpts.items, [{ title: 'Alpha news', content: 'Hello...' }, { title: 'Beta story', content: 'Hey' }]);
      const star = await posts().getOne(seeded['Alpha news'].id, { fields: '*,content:excerpt(5)' });
      assert.equal(star.content, 'Hello');
      assert.equal(star.views, 10);
      assert.equal(star.collectionName, 'posts');
      const nested = await posts().getOne(seeded['Alpha news'].id, { expand: 'author', fields: 'id,expand.author.name' });
      assert.deepEqual(nested, { id: seeded['Alpha news'].id, expand: { author: { name: 'Alice' } } });
    });

    it('reads everything with getFullList', async () => {
      const all = await posts().getFullList({ filter: aliceFilter, sort: 'views', batch: 4 });
      assert.deepEqual(views(all), [10, 20, 30, 40, 50, 60]);
      const guestAll = await guest.collection('posts').getFullList({ filter: aliceFilter, sort: '-views' });
      assert.deepEqual(views(guestAll), [50, 30, 10]);
    });

    it('finds the first match with getFirstListItem, or 404', async () => {
      const first = await posts().getFirstListItem(`${aliceFilter} && views > 25`, { sort: 'views' });
      assert.equal(first.title, 'Gamma news');
      await expectError('getFirstListItem without a match', posts().getFirstListItem('title = "no such post"'), 404);
    });
  });

  describe('validation errors', () => {
    it('reports each invalid field with its PocketBase code', async () => {
      const posts = bob.collection('posts');
      await expectValidation('create without the required title', posts.create({ author: bobId }),
        'Failed to create record.', { title: 'validation_required' });
      await expectValidation('create with several invalid fields',
        posts.create({ title: 'x'.repeat(201), status: 'bogus', views: -1, tags: ['a', 'zzz'], author: bobId }),
        'Failed to create record.', {
          title: 'validation_max_text_constraint',
          status: 'validation_invalid_value',
          views: 'validation_min_number_constraint',
          tags: 'validation_invalid_value',
        });
      await expectValidation('create with a decimal in an onlyInt number', posts.create({ title: 'decimal', views: 1.5, author: bobId }),
        'Failed to create record.', { views: 'validation_only_int_constraint' });
      await expectValidation('create with a missing related record',
        su.collection('posts').create({ title: 'orphan', author: 'nosuchuser00000' }),
        'Failed to create record.', { author: 'validation_missing_rel_records' });
      await expectValidation('update with an invalid value', alice.collection('posts').update(seeded['Alpha news'].id, { views: -3 }),
        'Failed to update record.', { views: 'validation_min_number_constraint' });
      assert.equal((await alice.collection('posts').getOne(seeded['Alpha news'].id)).views, 10, 'a failed update changes nothing');
      const strays = await su.collection('posts').getList(1, 10, { filter: 'title = "decimal" || title = "orphan" || title = ""' });
      assert.equal(strays.totalItems, 0, 'no failed create left a record');
    });
  });

  describe('token tampering', () => {
    const tamperedSignature = (token) => {
      const [header, payload, signature] = token.split('.');
      const i = Math.floor(signature.length / 2);
      const flipped = signature.slice(0, i) + (signature[i] === 'a' ? 'b' : 'a') + signature.slice(i + 1);
      return [header, payload, flipped].join('.');
    };
    const withClaims = (token, changes) => {
      const [header, payload, signature] = token.split('.');
      const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), ...changes };
      return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    };
    const unsigned = (token, changes) => {
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      return [header, withClaims(token, changes).split('.')[1], ''].join('.');
    };
    const clientWithToken = (token) => {
      const pb = client();
      pb.authStore.save(token, null);
      return pb;
    };

    it('treats a tampered token as no token: owner-only records stay hidden', async () => {
      const aliceDraft = seeded['Beta story'].id;
      const bobDraft = (await bob.collection('posts').create({ title: 'Bob secret', status: 'draft', author: bobId })).id;
      assert.equal((await clientWithToken(alice.authStore.token).collection('posts').getOne(aliceDraft)).id, aliceDraft,
        'control: the genuine token sees the draft');
      await expectError('view with a token whose signature was altered',
        clientWithToken(tamperedSignature(alice.authStore.token)).collection('posts').getOne(aliceDraft), 404);
      await expectError('view with alice\'s token re-labelled as bob (signature kept)',
        clientWithToken(withClaims(alice.authStore.token, { id: bobId })).collection('posts').getOne(bobDraft), 404);
      await expectError('view with an unsigned (alg none) token for bob',
        clientWithToken(unsigned(alice.authStore.token, { id: bobId })).collection('posts').getOne(bobDraft), 404);
      await expectError('view with alice\'s token claiming a later expiry',
        clientWithToken(withClaims(alice.authStore.token, { exp: Math.floor(Date.now() / 1000) + 10 * 432000 })).collection('posts').getOne(aliceDraft), 404);
      await expectError('auth-refresh with a tampered token',
        clientWithToken(tamperedSignature(alice.authStore.token)).collection('users').authRefresh(), 401);
      await bob.collection('posts').delete(bobDraft);
    });
  });

  describe('email visibility', () => {
    it('hides a user\'s email from other users unless emailVisibility is set', async () => {
      await su.collections.update('users', { listRule: '@request.auth.id != ""', viewRule: '@request.auth.id != ""' });

      const seenByBob = await bob.collection('users').getOne(aliceId);
      assert.equal(seenByBob.name, 'Alice');
      assert.equal(seenByBob.emailVisibility, false);
      assert.ok(!('email' in seenByBob), `email is omitted for other users: ${JSON.stringify(seenByBob)}`);
      const expanded = await bob.collection('posts').getOne(seeded['Alpha news'].id, { expand: 'author' });
      assert.equal(expanded.expand?.author?.id, aliceId, `expand.author: ${JSON.stringify(expanded.expand)}`);
      assert.ok(!('email' in expanded.expand.author), `email is omitted in expand too: ${JSON.stringify(expanded.expand.author)}`);
      assert.equal((await alice.collection('users').getOne(aliceId)).email, aliceEmail, 'the owner sees it');
      assert.equal((await su.collection('users').getOne(aliceId)).email, aliceEmail, 'a superuser sees it');

      const updated = await alice.collection('users').update(aliceId, { emailVisibility: true });
      assert.equal(updated.emailVisibility, true);
      assert.equal((await bob.collection('users').getOne(aliceId)).email, aliceEmail, 'visible once emailVisibility is true');
      const listed = await bob.collection('users').getFullList({ sort: 'name' });
      assert.deepEqual(listed.map((u) => [u.name, u.email]), [['Alice', aliceEmail], ['Bob', bobEmail]]);
    });
  });

  describe('batch', () => {
    it('is refused while disabled, then enabled through settings', async () => {
      const batch = bob.createBatch();
      batch.collection('posts').create({ title: 'too early', author: bobId });
      await expectError('batch while disabled', batch.send(), 403, 'Batch requests are not allowed.');
      const settings = await su.settings.update({ batch: { enabled: true } });
      assert.equal(settings.batch?.enabled, true, `settings.batch: ${JSON.stringify(settings.batch)}`);
      assert.equal(settings.batch.maxRequests, 50, 'other batch settings keep their defaults');
      assert.equal((await su.settings.getAll()).batch.enabled, true);
    });

    it('runs a batch of create, update and delete', async () => {
      const keep = await bob.collection('posts').create({ title: 'Batch target', author: bobId });
      const drop = await bob.collection('posts').create({ title: 'Batch victim', author: bobId });
      const batch = bob.createBatch();
      batch.collection('posts').create({ title: 'Batch one', views: 1, author: bobId });
      batch.collection('posts').create({ title: 'Batch two', views: 2, author: bobId });
      batch.collection('posts').update(keep.id, { title: 'Batch updated', 'views+': 3 });
      batch.collection('posts').delete(drop.id);
      const results = await batch.send();
      assert.deepEqual(results.map((r) => r.status), [200, 200, 200, 204], JSON.stringify(results));
      assert.equal(results[0].body.title, 'Batch one');
      assert.equal(results[0].body.author, bobId);
      assert.match(results[1].body.id, RECORD_ID);
      assert.equal(results[2].body.title, 'Batch updated');
      assert.equal(results[2].body.views, 3);
      const mine = await bob.collection('posts').getFullList({ filter: `author = "${bobId}" && title ~ "Batch"`, sort: 'title' });
      assert.deepEqual(titles(mine), ['Batch one', 'Batch two', 'Batch updated']);
      await expectError('getOne of the record the batch deleted', bob.collection('posts').getOne(drop.id), 404);
    });

    it('rolls back every request when one fails', async () => {
      const invalid = bob.createBatch();
      invalid.collection('posts').create({ title: 'Rollback first', author: bobId });
      invalid.collection('posts').create({ author: bobId });
      const err = await expectError('batch whose 2nd create is invalid', invalid.send(), 400, 'Batch transaction failed.');
      const failed = err.response.data?.requests?.['1'];
      assert.equal(failed?.code, 'batch_request_failed', `data.requests.1: ${JSON.stringify(err.response.data)}`);
      assert.equal(typeof failed.message, 'string');
      assert.equal(failed.response?.status, 400, `inner response: ${JSON.stringify(failed.response)}`);
      assert.equal(failed.response?.data?.title?.code, 'validation_required');
      assert.equal(err.response.data.requests['0'], undefined, 'only the failing request is reported');

      const forbidden = bob.createBatch();
      forbidden.collection('posts').create({ title: 'Rollback second', author: bobId });
      forbidden.collection('posts').update(seeded['Beta story'].id, { title: 'stolen' });
      const err2 = await expectError('batch whose 2nd request updates another user\'s record', forbidden.send(), 400, 'Batch transaction failed.');
      assert.equal(err2.response.data?.requests?.['1']?.response?.status, 404, JSON.stringify(err2.response.data));

      const leftovers = await su.collection('posts').getList(1, 10, { filter: 'title ~ "Rollback"' });
      assert.equal(leftovers.totalItems, 0, `the first request of each failed batch was rolled back: ${JSON.stringify(titles(leftovers.items))}`);
      assert.equal((await alice.collection('posts').getOne(seeded['Beta story'].id)).title, 'Beta story');
    });
  });
});
