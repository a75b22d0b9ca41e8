// Finding 9 (login limiter): it was keyed by address + user name, so guesses spread over
// addresses or over unknown names were never limited, and behind a proxy five wrong tries
// locked the right password out for a minute. Real HTTP from several loopback addresses
// (Linux answers on all of 127.0.0.0/8).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { hashPassword } from '../../server/auth/password';
import { sleep } from '../../server/sandbox';
import { startHarness, type Harness } from '../helpers/server';

interface Answer {
  status: number;
  retryAfter: number | null;
}

describe('login limiting', () => {
  let h: Harness;

  /** One login from `from` (a loopback address the client binds to). */
  const login = (from: string, username: string, password: string): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify({ username, password });
      const req = request(
        {
          host: '127.0.0.1',
          port: h.server.port,
          path: '/api/auth/login',
          method: 'POST',
          localAddress: from,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-replicaops-request': '1',
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            const ra = res.headers['retry-after'];
            resolve({ status: res.statusCode ?? 0, retryAfter: ra ? Number(ra) : null });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  before(async () => {
    const users = [
      { username: 'ada', role: 'admin', passwordHash: await hashPassword('ada-right-1', 1024) },
      { username: 'vic', role: 'viewer', passwordHash: await hashPassword('vic-right-1', 1024) },
    ];
    h = await startHarness({
      sandbox: { shape: [{ name: 'm' }] },
      configFile: () => ({ auth: { users } }),
    });
  });
  after(() => h?.stop());

  test('guesses for one user spread over addresses are limited, and the right password still gets in', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await login(`127.0.0.${10 + i}`, 'ada', `guess-${i}`)).status);
    assert.deepEqual(statuses, [401, 401, 401, 401, 401]);
    const limited = await login('127.0.0.20', 'ada', 'guess-5');
    assert.equal(limited.status, 429, 'the sixth guess, from a new address');
    assert.ok((limited.retryAfter ?? 0) >= 1);
    // The right password is held back too while the delay runs (else the delay limits nothing)…
    assert.equal((await login('127.0.0.21', 'ada', 'ada-right-1')).status, 429);
    // …but it is a delay, not a lockout: once it has passed, the right password gets in.
    await sleep((limited.retryAfter ?? 1) * 1000 + 100);
    assert.equal((await login('127.0.0.21', 'ada', 'ada-right-1')).status, 200);
  });

  test('an unknown user name is limited exactly like a known one', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await login(`127.0.1.${10 + i}`, 'ghost', `guess-${i}`)).status);
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
  });

  test('many names from one address are limited per address; other users elsewhere are not', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++)
      statuses.push((await login('127.0.2.10', `name-${i}`, 'guess')).status);
    assert.deepEqual(statuses.slice(0, 20), Array<number>(20).fill(401));
    assert.equal(statuses[20], 429);
    // The limit is that address's, not the user's: vic logs in from another address at once.
    assert.equal((await login('127.0.2.11', 'vic', 'vic-right-1')).status, 200);
  });

  test('a delay grows with each further failure instead of locking out', async () => {
    for (let i = 0; i < 5; i++) await login(`127.0.3.${10 + i}`, 'vic', `guess-${i}`);
    const first = await login('127.0.3.20', 'vic', 'guess');
    assert.equal(first.status, 429);
    await sleep((first.retryAfter ?? 1) * 1000 + 100);
    assert.equal((await login('127.0.3.21', 'vic', 'still-wrong')).status, 401);
    const second = await login('127.0.3.22', 'vic', 'guess');
    assert.equal(second.status, 429);
    assert.ok(
      (second.retryAfter ?? 0) > (first.retryAfter ?? 0),
      `${second.retryAfter} > ${first.retryAfter}`,
    );
  });
});
