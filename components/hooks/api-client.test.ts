import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NetworkError, UnexpectedResponseError, errorMessage, fetchNodeDetail, removeNode } from './api-client';
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

/** Runs `fn` as if the page were shown in `lang` (the i18n provider sets `<html lang>`). */
async function inPageLanguage(lang: string, fn: () => Promise<void>): Promise<void> {
  Object.defineProperty(globalThis, 'document', { value: { documentElement: { lang } }, configurable: true });
  try {
    await fn();
  } finally {
    Reflect.deleteProperty(globalThis, 'document');
  }
}

test('on a Chinese page, an answer that breaks the contract is explained in Chinese', async () => {
  answer('<html>proxy login</html>');
  await inPageLanguage('zh-CN', async () => {
    const err = await fetchNodeDetail('127.0.0.1:6379').catch((e: unknown) => e);
    assert.ok(err instanceof UnexpectedResponseError);
    assert.equal(errorMessage(err), '服务器对 /api/nodes/127.0.0.1%3A6379 的应答不符合预期：不是 JSON（可能是代理页面或其他服务器？）');
  });
  // English pages (and no page at all) keep the English wording.
  assert.match(errorMessage(await fetchNodeDetail('127.0.0.1:6379').catch((e: unknown) => e)), /^Unexpected answer from the server for \/api\/nodes\/127\.0\.0\.1%3A6379: not JSON/);
});

test('a server that does not answer is a clear "did not answer" error, not "Failed to fetch"', async () => {
  globalThis.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
  const err = await removeNode('127.0.0.1:6379').catch((e: unknown) => e);
  assert.ok(err instanceof NetworkError);
  assert.equal(errorMessage(err), 'The dashboard server did not answer (/api/nodes/127.0.0.1%3A6379); check that it is running and reachable.');
  await inPageLanguage('zh-CN', async () => {
    assert.match(errorMessage(err), /^面板服务器没有应答/);
  });
});

test('an aborted request stays an abort (the caller ignores it)', async () => {
  const ac = new AbortController();
  ac.abort();
  globalThis.fetch = () => Promise.reject(new DOMException('aborted', 'AbortError'));
  await assert.rejects(fetchNodeDetail('127.0.0.1:6379', ac.signal), { name: 'AbortError' });
});

test('on a Chinese page, a server error is named by its code in Chinese, the server message kept after it', async () => {
  answer(JSON.stringify({ error: { code: 'conflict', message: 'a check is already running for 127.0.0.1:7002' } }), 409);
  const err = await removeNode('127.0.0.1:7002').catch((e: unknown) => e);
  assert.equal(errorMessage(err), 'a check is already running for 127.0.0.1:7002');
  await inPageLanguage('zh-CN', async () => {
    assert.equal(errorMessage(err), '操作冲突：a check is already running for 127.0.0.1:7002');
  });
  // A code this client does not know keeps the server's message alone.
  answer(JSON.stringify({ error: { code: 'teapot', message: 'short and stout' } }), 418);
  const odd = await removeNode('127.0.0.1:7002').catch((e: unknown) => e);
  await inPageLanguage('zh-CN', async () => assert.equal(errorMessage(odd), 'short and stout'));
});
