import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_FILTERS,
  filtersToApiQuery,
  filtersToSearch,
  fromLocalInput,
  isDefaultFilters,
  parseFilters,
  toLocalInput,
} from './incident-filters';

test('parseFilters() reads valid values and drops malformed ones', () => {
  assert.deepEqual(
    parseFilters({ state: 'open', severity: 'critical', node: '127.0.0.1:7001', range: '24h' }),
    { state: 'open', severity: 'critical', node: '127.0.0.1:7001', range: '24h' },
  );
  assert.deepEqual(parseFilters({ state: 'bogus', node: 'no port', range: '2y' }), DEFAULT_FILTERS);
  assert.deepEqual(parseFilters(new URLSearchParams('range=custom&from=100&until=x')), {
    range: 'custom',
    from: 100,
    until: undefined,
  });
});

test('filtersToSearch() round-trips through parseFilters() and leaves defaults out', () => {
  const f = { state: 'acknowledged' as const, range: 'custom' as const, from: 5, until: 9 };
  const search = filtersToSearch(f);
  assert.equal(search, '?state=acknowledged&range=custom&from=5&until=9');
  assert.deepEqual(parseFilters(new URLSearchParams(search.slice(1))), f);
  assert.equal(filtersToSearch(DEFAULT_FILTERS), '');
  assert.ok(isDefaultFilters({ range: '7d' }));
});

test('filtersToApiQuery() turns a relative range into `since` and passes custom bounds', () => {
  const now = 10 * 86_400_000;
  const q = filtersToApiQuery({ range: '24h', node: 'a:1' }, now);
  assert.equal(q.get('since'), String(now - 86_400_000));
  assert.equal(q.get('node'), 'a:1');
  assert.equal(q.get('until'), null);
  assert.equal(filtersToApiQuery({ range: 'all' }, now).get('since'), null);
  const custom = filtersToApiQuery({ range: 'custom', from: 1, until: 2 }, now);
  assert.equal(custom.get('since'), '1');
  assert.equal(custom.get('until'), '2');
});

test('toLocalInput() and fromLocalInput() round-trip to the minute', () => {
  const ms = new Date(2025, 4, 6, 7, 8).getTime();
  assert.equal(toLocalInput(ms), '2025-05-06T07:08');
  assert.equal(fromLocalInput('2025-05-06T07:08'), ms);
  assert.equal(fromLocalInput(''), undefined);
  assert.equal(toLocalInput(undefined), '');
});
