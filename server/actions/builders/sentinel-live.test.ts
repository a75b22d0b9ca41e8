import assert from 'node:assert/strict';
import { test } from 'node:test';
import { globEscape } from './sentinel-live';

test('globEscape() makes SENTINEL RESET match only the one master name', () => {
  assert.equal(globEscape('mymaster'), 'mymaster');
  // Unescaped, `*` would reset every master the Sentinel watches, `ord?rs` orders and orders2…
  assert.equal(globEscape('*'), '\\*');
  assert.equal(globEscape('ord?rs[1]'), 'ord\\?rs\\[1\\]');
  assert.equal(globEscape('a\\b'), 'a\\\\b');
});
