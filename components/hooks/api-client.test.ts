import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UnexpectedResponseError, fetchNodeDetail, removeNode } from './api-client';
import { fetchIncidents } from './incidents-api';

function answer(body: string, status = 200): void {
  globalThis.fetch = () =>
    Promise.resolve(
      new Response(body, { status, headers: { 'content-type': 'application/json' } }),
    );
}

test('a body that breaks the contract is a clear error naming the field, not a crash later', async () => {
  answer(JSON.stringify({ incidents: [{ id: 'inc-1' }] }));
  await assert.rejects(fetchIncidents(new URLSearchParams()), (err: unknown) => {
    assert.ok(err instanceof UnexpectedResponseError);
    assert.match(err.message, /\/api\/incidents: incidents\.0\./);
    return true;
  });
});

test('an HTML page where JSON was expected is a clear error too', async () => {
  answer('<html>proxy login</html>');
  await assert.rejects(
    fetchNodeDetail('127.0.0.1:6379'),
    /Unexpected answer from the server for \/api\/nodes\/127\.0\.0\.1%3A6379: not JSON/,
  );
});

test('a well-formed answer is returned as parsed', async () => {
  answer(JSON.stringify({ removed: '127.0.0.1:6379', extra: true }));
  assert.deepEqual(await removeNode('127.0.0.1:6379'), { removed: '127.0.0.1:6379' });
});

test("the server's error code and message survive a failed request", async () => {
  answer(JSON.stringify({ error: { code: 'not_found', message: 'No node 1.2.3.4:5' } }), 404);
  await assert.rejects(fetchNodeDetail('1.2.3.4:5'), {
    name: 'ApiRequestError',
    message: 'No node 1.2.3.4:5',
    code: 'not_found',
    status: 404,
  });
});
