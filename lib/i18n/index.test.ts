import { test } from 'node:test';
import assert from 'node:assert/strict';
import { en } from './en';
import { zhCN } from './zh-CN';
import { createFormatters, localeFromAcceptLanguage, translate } from './index';

test('translate() fills {name} placeholders and leaves unknown ones visible', () => {
  assert.equal(
    translate(en, 'nodePage.notFound', { id: '10.0.0.1:6379' }),
    'Node 10.0.0.1:6379 is not known to this dashboard.',
  );
  assert.equal(translate(en, 'summary.ofTotal', { n: 2 }), '2 / {total}');
});

test('zh-CN has exactly the keys of en, none left empty or untranslated by accident', () => {
  assert.deepEqual(Object.keys(zhCN).sort(), Object.keys(en).sort());
  for (const [k, v] of Object.entries(zhCN)) if (k !== 'unit.separator') assert.ok(v.length > 0, k);
  // Placeholders must survive translation.
  for (const [k, v] of Object.entries(en)) {
    const names = (s: string) =>
      [...new Set([...s.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]))].sort().join();
    assert.equal(names(zhCN[k as keyof typeof en]), names(v), `placeholders of ${k}`);
  }
});

test('bytes() uses binary units and keeps small values exact', () => {
  const f = createFormatters('en');
  assert.equal(f.bytes(0), '0 B');
  assert.equal(f.bytes(1000), '1,000 B');
  assert.equal(f.bytes(1536), '1.5 KiB');
  assert.equal(f.bytes(10 * 1024 * 1024), '10 MiB');
  assert.equal(f.bytes(-2048), '-2 KiB');
  assert.equal(f.bytes(null), '—');
});

test('duration() shows the two largest units in the chosen language', () => {
  assert.equal(createFormatters('en').duration(3 * 86400 + 4 * 3600 + 5), '3d 4h');
  assert.equal(createFormatters('en').duration(125), '2m 5s');
  assert.equal(createFormatters('en').duration(0), '0s');
  assert.equal(createFormatters('zh-CN').duration(3600 + 120), '1小时2分');
});

test('number formatting follows the locale and seconds() keeps one decimal under 10 s', () => {
  assert.equal(createFormatters('en').number(1234567), '1,234,567');
  assert.equal(createFormatters('en').seconds(1.25), '1.3 s');
  assert.equal(createFormatters('zh-CN').seconds(12), '12 秒');
});

test('localeFromAcceptLanguage() picks Chinese only when the browser asks for it first', () => {
  assert.equal(localeFromAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8'), 'zh-CN');
  assert.equal(localeFromAcceptLanguage('en-US,en;q=0.9,zh;q=0.5'), 'en');
  assert.equal(localeFromAcceptLanguage(undefined), 'en');
});

test('dateTime() is unambiguous in both languages: year-month-day, 24-hour clock', () => {
  const at = new Date(2026, 11, 3, 9, 5, 7).getTime(); // 3 December, local time
  assert.equal(createFormatters('en').dateTime(at), '2026-12-03 09:05:07');
  assert.equal(createFormatters('zh-CN').dateTime(at), '2026-12-03 09:05:07');
});
