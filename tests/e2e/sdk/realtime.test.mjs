// Realtime through the official PocketBase JS SDK (pocketbase 0.28.0) with the `eventsource`
// package as the EventSource: record topics with rule filtering between two users and a
// guest, record topics, delete events, unsubscribe, reconnect with resubscription, and the
// FastCMS channel, user and presence topics. The project config (set by
// sdk_realtime_test.cpp) lets signed-in users use channel:lobby and presence:room-*.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { EventSource } from 'eventsource';
import { OAuth2Server } from 'oauth2-mock-server';
import { client, SUPERUSER_EMAIL, SUPERUSER_PASSWORD } from './fastcms_env.mjs';

globalThis.EventSource = EventSource;

const PASSWORD = 'password123';
const su = client();
const alice = client();
const bob = client();
const guest = client();
let aliceRecord, bobRecord;

/** Collects the events of one subscription; `next` waits for the first one not yet taken. */
class Inbox {
  constructor(name) { this.name = name; this.events = []; this.waiters = []; }
  push = (e) => {
    this.events.push(e);
    for (const w of this.waiters.splice(0)) w();
  };
  async next(timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    while (this.events.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.name}: no event within ${timeoutMs} ms`);
      await new Promise((resolve) => { this.waiters.push(resolve); setTimeout(resolve, left); });
    }
    return this.events.shift();
  }
  assertEmpty() { assert.deepEqual(this.events, [], `${this.name} received events it should not have`); }
}

async function signUp(pb, email) {
  await guest.collection('users').create({ email, password: PASSWORD, passwordConfirm: PASSWORD });
  const auth = await pb.collection('users').authWithPassword(email, PASSWORD);
  return auth.record;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(condition, what, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

describe('realtime through the PocketBase JS SDK', () => {
  const inbox = {};
  const unsubscribers = [];

  before(async () => {
    await su.collection('_superusers').authWithPassword(SUPERUSER_EMAIL, SUPERUSER_PASSWORD);
    const users = await su.collections.getOne('users');
    await su.collections.create({
      name: 'notes', type: 'base',
      fields: [{ name: 'title', type: 'text' },
        { name: 'owner', type: 'relation', collectionId: users.id, maxSelect: 1 }],
      listRule: 'owner = @request.auth.id', viewRule: 'owner = @request.auth.id',
    });
    await su.collections.create({
      name: 'posts', type: 'base', fields: [{ name: 'title', type: 'text' }], listRule: '', viewRule: '',
    });
    aliceRecord = await signUp(alice, 'alice@example.com');
    bobRecord = await signUp(bob, 'bob@example.com');
  });

  after(() => {
    for (const pb of [su, alice, bob, guest]) pb.realtime.disconnect();
  });

  it('delivers record events to the subscribers whose listRule lets them see the record', async () => {
    for (const [name, pb] of [['alice', alice], ['bob', bob], ['guest', guest]]) {
      inbox[`${name}.notes`] = new Inbox(`${name} notes/*`);
      inbox[`${name}.posts`] = new Inbox(`${name} posts/*`);
      unsubscribers.push(await pb.collection('notes').subscribe('*', inbox[`${name}.notes`].push, { expand: 'owner' }));
      unsubscribers.push(await pb.collection('posts').subscribe('*', inbox[`${name}.posts`].push));
    }
    const note = await su.collection('notes').create({ title: 'for alice', owner: aliceRecord.id });
    const post = await su.collection('posts').create({ title: 'public' });

    const got = await inbox['alice.notes'].next();
    assert.equal(got.action, 'create');
    assert.equal(got.record.id, note.id);
    assert.equal(got.record.title, 'for alice');
    assert.equal(got.record.collectionName, 'notes');
    assert.equal(got.record.expand.owner.id, aliceRecord.id, 'expand from the subscription options');
    for (const name of ['alice', 'bob', 'guest']) {
      const seen = await inbox[`${name}.posts`].next();
      assert.equal(seen.record.id, post.id);
    }
    // Each client gets its events in order: the post came after the note, so by now a note
    // event would have arrived.
    inbox['bob.notes'].assertEmpty();
    inbox['guest.notes'].assertEmpty();
  });

  it('sends record-topic events only for that record, and deletes checked against the record before the delete', async () => {
    const first = await su.collection('posts').create({ title: 'first' });
    const second = await su.collection('posts').create({ title: 'second' });
    for (const name of ['alice', 'bob', 'guest']) { await inbox[`${name}.posts`].next(); await inbox[`${name}.posts`].next(); }

    const one = new Inbox('guest posts/first');
    unsubscribers.push(await guest.collection('posts').subscribe(first.id, one.push));
    await su.collection('posts').update(second.id, { title: 'second, edited' });
    await su.collection('posts').update(first.id, { title: 'first, edited' });
    const got = await one.next();
    assert.equal(got.action, 'update');
    assert.equal(got.record.id, first.id);
    assert.equal(got.record.title, 'first, edited');

    const note = await su.collection('notes').create({ title: 'to delete', owner: aliceRecord.id });
    assert.equal((await inbox['alice.notes'].next()).record.id, note.id);
    await su.collection('notes').delete(note.id);
    const deleted = await inbox['alice.notes'].next();
    assert.equal(deleted.action, 'delete');
    assert.equal(deleted.record.id, note.id);
    assert.equal(deleted.record.title, 'to delete');
    await su.collection('posts').create({ title: 'sentinel' });
    await inbox['bob.posts'].next(); await inbox['bob.posts'].next(); await inbox['bob.posts'].next();
    inbox['bob.notes'].assertEmpty();
  });

  it('stops sending a topic after unsubscribe', async () => {
    const other = new Inbox('guest posts/* (second listener)');
    await guest.collection('posts').unsubscribe('*');
    const sentinel = await su.collection('posts').create({ title: 'after unsubscribe' });
    const record = new Inbox('guest posts/sentinel');
    await guest.collection('posts').subscribe(sentinel.id, record.push);
    inbox['guest.posts'].events.length = 0;
    await su.collection('posts').create({ title: 'not for the guest' });
    await su.collection('posts').update(sentinel.id, { title: 'sentinel edited' });
    assert.equal((await record.next()).record.title, 'sentinel edited');
    inbox['guest.posts'].assertEmpty();
    other.assertEmpty();
  });

  it('reconnects and resubmits the subscriptions when the server ends the stream', async () => {
    const before = alice.realtime.clientId;
    assert.ok(before.length === 40, `client id from the PB_CONNECT id line: ${before}`);
    await su.send(`/api/realtime/${before}`, { method: 'DELETE' });
    await waitFor(() => alice.realtime.clientId && alice.realtime.clientId !== before, 'a new client id');
    await waitFor(async () => {
      const stats = await su.send('/api/realtime/stats', {});
      return stats.connections >= 3 && (stats.topics['notes/*'] ?? 0) >= 3;
    }, 'the resubmitted subscriptions');
    const note = await su.collection('notes').create({ title: 'after reconnect', owner: aliceRecord.id });
    for (;;) {  // events of the earlier tests may still be queued
      const got = await inbox['alice.notes'].next();
      if (got.record.id === note.id) break;
    }
  });

  it('answers 404 for an unknown client and 403 for a different auth', async () => {
    await assert.rejects(guest.send('/api/realtime', { method: 'POST', body: { clientId: 'nope', subscriptions: [] } }),
      (e) => e.status === 404 && e.response.message === 'Missing or invalid client id.');
    await assert.rejects(bob.send('/api/realtime', { method: 'POST', body: { clientId: alice.realtime.clientId, subscriptions: [] } }),
      (e) => e.status === 403 && e.response.message === "The current and the previous request authorization don't match.");
  });

  it('broadcasts channel messages to authorized subscribers', async () => {
    const bobLobby = new Inbox('bob channel:lobby');
    await bob.realtime.subscribe('channel:lobby', bobLobby.push);
    await assert.rejects(guest.realtime.subscribe('channel:lobby', () => {}), (e) => e.status === 403);
    const sent = await alice.send('/api/realtime/broadcast', { method: 'POST', body: { channel: 'lobby', event: 'hello', data: { n: 1 } } });
    assert.equal(sent.delivered, 1);
    const got = await bobLobby.next();
    assert.equal(got.channel, 'lobby');
    assert.equal(got.event, 'hello');
    assert.deepEqual(got.data, { n: 1 });
    assert.equal(got.from.id, aliceRecord.id);
    await assert.rejects(guest.send('/api/realtime/broadcast', { method: 'POST', body: { channel: 'lobby', event: 'x' } }),
      (e) => e.status === 403);
  });

  it('keeps user topics private', async () => {
    const mine = new Inbox('alice user:alice');
    await alice.realtime.subscribe(`user:${aliceRecord.id}`, mine.push);
    await assert.rejects(bob.realtime.subscribe(`user:${aliceRecord.id}`, () => {}), (e) => e.status === 403);
    await su.send('/api/realtime/broadcast', { method: 'POST', body: { channel: `user:${aliceRecord.id}`, event: 'ping', data: 'hi' } });
    const got = await mine.next();
    assert.equal(got.event, 'ping');
    assert.equal(got.data, 'hi');
  });

  it('tracks presence: members on subscribe, join, update and leave on disconnect', async () => {
    const aliceRoom = new Inbox('alice presence:room-1');
    await alice.realtime.subscribe('presence:room-1', aliceRoom.push);
    assert.deepEqual(await aliceRoom.next(), { action: 'sync', members: [] });
    const joinedSelf = await aliceRoom.next();
    assert.equal(joinedSelf.action, 'join');

    const carol = client();
    const carolRecord = await signUp(carol, 'carol@example.com');
    const carolRoom = new Inbox('carol presence:room-1');
    await carol.realtime.subscribe('presence:room-1', carolRoom.push);
    const sync = await carolRoom.next();
    assert.equal(sync.action, 'sync');
    assert.deepEqual(sync.members.map((m) => m.user.id), [aliceRecord.id]);
    const join = await aliceRoom.next();
    assert.equal(join.action, 'join');
    assert.equal(join.member.user.id, carolRecord.id);

    await carol.send('/api/realtime/presence', { method: 'POST', body: { clientId: carol.realtime.clientId, channel: 'room-1', state: { typing: true } } });
    const update = await aliceRoom.next();
    assert.equal(update.action, 'update');
    assert.deepEqual(update.member.state, { typing: true });

    await carol.realtime.unsubscribe();  // no listeners left: the SDK closes its EventSource
    let leave;
    do leave = await aliceRoom.next(); while (leave.action !== 'leave');
    assert.equal(leave.member.user.id, carolRecord.id);
    await assert.rejects(guest.realtime.subscribe('presence:room-1', () => {}), (e) => e.status === 403);
  });

  it('completes the SDK all-in-one OAuth2 flow through the @oauth2 topic', async () => {
    const idp = new OAuth2Server();
    await idp.issuer.keys.generate('RS256');
    await idp.start(0, '127.0.0.1');
    try {
      idp.service.on('beforeUserinfo', (response) => { response.body = { sub: 'popup-user-1', email: 'popup@example.com', email_verified: true }; });
      idp.service.on('beforeTokenSigning', (token) => { Object.assign(token.payload, { sub: 'popup-user-1', email: 'popup@example.com', email_verified: true }); });
      const issuer = idp.issuer.url;
      await su.collections.update('users', {
        oauth2: { enabled: true, providers: [{ name: 'oidc', clientId: 'rt', clientSecret: 'rt-secret',
          authURL: `${issuer}/authorize`, tokenURL: `${issuer}/token`, userInfoURL: `${issuer}/userinfo` }] },
      });
      const pb = client();
      let visited;
      const auth = await pb.collection('users').authWithOAuth2({
        provider: 'oidc',
        // The "browser": follow the provider's redirect back to /api/oauth2-redirect.
        urlCallback: async (url) => {
          const atProvider = await fetch(url, { redirect: 'manual' });
          visited = new URL(atProvider.headers.get('location'));
          const back = await fetch(visited);
          assert.equal(back.status, 200);
        },
      });
      assert.equal(visited.pathname, '/api/oauth2-redirect');
      assert.equal(visited.searchParams.get('state').length, 40, 'the state is the realtime client id');
      assert.equal(auth.record.email, 'popup@example.com');
      assert.ok(pb.authStore.isValid);
    } finally {
      await idp.stop();
    }
  });

  it('reports connections and subscriptions to superusers only', async () => {
    const stats = await su.send('/api/realtime/stats', {});
    assert.ok(stats.connections >= 3);
    assert.ok(stats.topics['notes/*'] >= 3);
    assert.equal(stats.presence['room-1'], 1);
    await assert.rejects(alice.send('/api/realtime/stats', {}), (e) => e.status === 403);
  });
});
