import { test } from 'node:test';
import assert from 'node:assert/strict';
import { en } from './en';
import { zhCN } from './zh-CN';
import { translate } from './index';

test('plural forms: "Run 1 command" but "Run 2 commands", in English', () => {
  assert.equal(translate(en, 'actions.execute', { n: 1 }, 'en'), 'Run 1 command');
  assert.equal(translate(en, 'actions.execute', { n: 2 }, 'en'), 'Run 2 commands');
  assert.equal(translate(en, 'actions.execute', { n: 0 }, 'en'), 'Run 0 commands');
  assert.equal(translate(en, 'raw.fields', { n: 1 }, 'en'), '1 field');
  assert.equal(translate(en, 'nav.openIncidents', { n: 1 }, 'en'), '1 open incident');
  assert.equal(translate(en, 'nav.openIncidents', { n: 3 }, 'en'), '3 open incidents');
});

test('plural forms read numbers already formatted for display ("1,024")', () => {
  assert.equal(translate(en, 'raw.fields', { n: '1,024' }, 'en'), '1,024 fields');
  assert.equal(translate(en, 'raw.fields', { n: '1' }, 'en'), '1 field');
});

test('a plural block sits beside ordinary placeholders, and a missing count leaves it visible', () => {
  assert.equal(
    translate(en, 'logs.folded', { n: 1, first: '10:00', last: '10:01' }, 'en'),
    'Repeated 1 time, 10:00 → 10:01',
  );
  assert.equal(
    translate(en, 'findings.showInfo', { count: 1 }, 'en'),
    'Show 1 configuration hint (info)',
  );
  assert.match(translate(en, 'raw.fields', {}, 'en'), /\{n, plural,/);
});

test('Chinese has no plural forms: the same words for 1 and 2', () => {
  assert.equal(translate(zhCN, 'actions.execute', { n: 1 }, 'zh-CN'), translate(zhCN, 'actions.execute', { n: 2 }, 'zh-CN').replace('2', '1'));
});

test('no English string says "(s)" or "1 commands": every count that varies has a plural form', () => {
  for (const [k, v] of Object.entries(en)) assert.ok(!/\w\(s\)/.test(v), `${k}: ${v}`);
});
