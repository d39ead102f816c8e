// Checks a `fastcms gen openapi` document of the blog template (tests/e2e/gen_openapi_test.cpp):
// it validates as OpenAPI 3.1 (@apidevtools/swagger-parser), every component schema compiles
// as JSON Schema 2020-12 (ajv), and a live fastcms server's answers match those schemas while
// the request bodies sent are accepted by the Create/Update schemas.
// Env: OPENAPI_FILE, FASTCMS_URL, FASTCMS_SUPERUSER_EMAIL, FASTCMS_SUPERUSER_PASSWORD.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv2020 from 'ajv/dist/2020.js';

const file = process.env.OPENAPI_FILE;
const base = process.env.FASTCMS_URL;
const doc = JSON.parse(readFileSync(file, 'utf8'));

const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema({ $id: 'openapi.json', components: doc.components });
const validator = (name) => {
  const v = ajv.getSchema(`openapi.json#/components/schemas/${name}`);
  assert.ok(v, `no component schema ${name}`);
  return v;
};
function assertMatches(name, value) {
  const v = validator(name);
  assert.ok(v(value), `${name} rejects ${JSON.stringify(value)}: ${ajv.errorsText(v.errors)}`);
}

async function call(method, path, { body, token } = {}) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = token;
  const res = await fetch(base + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

/// Creates a record after checking the body against the collection's Create schema.
async function create(token, collection, stem, body) {
  assertMatches(`${stem}Create`, body);
  const r = await call('POST', `/api/collections/${collection}/records`, { body, token });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assertMatches(`${stem}Record`, r.json);
  return r.json;
}

test('the document is valid OpenAPI 3.1', async () => {
  const api = await SwaggerParser.validate(file);
  assert.equal(api.openapi, '3.1.0');
});

test('every component schema compiles and operation ids are unique', () => {
  for (const name of Object.keys(doc.components.schemas)) validator(name);
  const ids = [];
  for (const item of Object.values(doc.paths))
    for (const [method, op] of Object.entries(item)) if (method !== 'parameters') ids.push(op.operationId);
  assert.equal(new Set(ids).size, ids.length);
});

test('a live server answers what the schemas describe', async () => {
  const su = await call('POST', '/api/collections/_superusers/auth-with-password', {
    body: { identity: process.env.FASTCMS_SUPERUSER_EMAIL, password: process.env.FASTCMS_SUPERUSER_PASSWORD },
  });
  assert.equal(su.status, 200);
  assertMatches('SuperusersAuthResponse', su.json);
  const token = su.json.token;

  const methods = await call('GET', '/api/collections/users/auth-methods');
  assertMatches('AuthMethods', methods.json);

  const author = await create(token, 'users', 'Users', {
    email: 'ada@example.com', password: 'correct-horse-1', passwordConfirm: 'correct-horse-1',
    name: 'Ada', role: 'author', emailVisibility: true,
  });
  const category = await create(token, 'categories', 'Categories', { name: 'News', slug: 'news' });
  const tag = await create(token, 'tags', 'Tags', { name: 'C++', slug: 'cpp' });
  const post = await create(token, 'posts', 'Posts', {
    title: 'Hello', slug: 'hello', author: author.id, category: category.id, tags: [tag.id],
    status: 'published', published_at: '2026-01-31 12:00:00.000Z', featured: true,
  });
  await create(token, 'comments', 'Comments', { post: post.id, author: author.id, body: 'First!', approved: true });

  const list = await call('GET', '/api/collections/posts/records?expand=author,category,tags', { token });
  assert.equal(list.status, 200);
  assertMatches('PostsListResult', list.json);
  assert.equal(list.json.items[0].expand.tags[0].id, tag.id);
  assertMatches('CommentsListResult', (await call('GET', '/api/collections/comments/records?expand=post', { token })).json);

  const update = { title: 'Hello again', 'tags-': [tag.id] };
  assertMatches('PostsUpdate', update);
  const updated = await call('PATCH', `/api/collections/posts/records/${post.id}`, { body: update, token });
  assert.equal(updated.status, 200, JSON.stringify(updated.json));
  assertMatches('PostsRecord', updated.json);

  const signIn = await call('POST', '/api/collections/users/auth-with-password', {
    body: { identity: 'ada@example.com', password: 'correct-horse-1' },
  });
  assert.equal(signIn.status, 200);
  assertMatches('UsersAuthResponse', signIn.json);

  const health = await call('GET', '/api/health');
  const healthSchema = doc.paths['/api/health'].get.responses['200'].content['application/json'].schema;
  assert.ok(ajv.validate(healthSchema, health.json), ajv.errorsText());
});

test('a body the schema refuses is refused by the server with the Error shape', async () => {
  const bad = { title: '', slug: 'Not A Slug', status: 'deleted' };
  assert.equal(validator('PostsCreate')(bad), false);
  const su = await call('POST', '/api/collections/_superusers/auth-with-password', {
    body: { identity: process.env.FASTCMS_SUPERUSER_EMAIL, password: process.env.FASTCMS_SUPERUSER_PASSWORD },
  });
  const r = await call('POST', '/api/collections/posts/records', { body: bad, token: su.json.token });
  assert.equal(r.status, 400);
  assertMatches('Error', r.json);
  for (const field of ['title', 'slug', 'status', 'author']) assert.ok(r.json.data[field], `no error for ${field}`);
});
