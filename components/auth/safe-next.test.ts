import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loginPath, safeNextPath } from './safe-next';

test('safeNextPath() keeps a path on this site with its query and hash', () => {
  assert.equal(safeNextPath('/incidents?x=1'), '/incidents?x=1');
  assert.equal(safeNextPath('/nodes/127.0.0.1%3A7001#logs'), '/nodes/127.0.0.1%3A7001#logs');
  assert.equal(safeNextPath('/'), '/');
});

test('safeNextPath() sends anything that could leave the site to the overview', () => {
  for (const bad of [
    '//evil.example/x',
    '/\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    'evil.example',
    '',
    undefined,
    ['/incidents'],
  ])
    assert.equal(safeNextPath(bad), '/', String(bad));
});

test('safeNextPath() never sends the operator back to the login page', () => {
  assert.equal(safeNextPath('/login?next=%2Fincidents'), '/');
});

test('loginPath() remembers a safe path and drops an unsafe one', () => {
  assert.equal(loginPath('/incidents?state=open'), '/login?next=%2Fincidents%3Fstate%3Dopen');
  assert.equal(loginPath('//evil.example'), '/login');
  assert.equal(loginPath('/'), '/login');
});
