// Hostile INFO replies: whatever a foreign or compromised node sends, later parses of a real
// reply must come out the same, and nothing reaches Object.prototype.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';

import { parseInfo } from './info-parser';

const FIXTURES = new URL('../../test/fixtures/info/', import.meta.url);
const FIXTURE_NAMES = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt'));
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

/** JSON round trip: compares values, not prototypes, so the baseline is taken the same way. */
const snapshot = (text: string) => JSON.stringify(parseInfo(text));

const HOSTILE_BODIES = [
  '# __proto__\r\nmaster_sync_in_progress:1\r\nrole:slave\r\nmaster_link_status:down\r\n',
  '# Replication\r\n__proto__:polluted\r\nconstructor:x\r\nprototype:y\r\nrole:master\r\n',
  '# constructor\r\nprototype:1\r\n# prototype\r\nloading:1\r\n',
  '# Replication\r\nslave0:ip=1.2.3.4,port=1,state=online,offset=1,lag=0,__proto__=x,constructor=y\r\n',
  '# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0,__proto__=1\r\n',
  '# Replication\r\ntoString:1\r\nhasOwnProperty:1\r\nvalueOf:oops\r\n',
  '__proto__:1\r\n# __PROTO__\r\nrole:slave\r\n',
];

function randomBody(seed: number): string {
  // A small deterministic PRNG (mulberry32): a failure names the seed that reproduces it.
  let a = seed;
  const rand = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const words = [
    '__proto__',
    'constructor',
    'prototype',
    'role',
    'slave0',
    'db0',
    'replication',
    'keyspace',
    'master_sync_in_progress',
    'toString',
    '',
    ' ',
    '=',
    ',',
    ':',
    '#',
    '\t',
    '\u0000',
    'é',
  ];
  const pick = () => words[Math.floor(rand() * words.length)] ?? '';
  const lines: string[] = [];
  const count = 1 + Math.floor(rand() * 30);
  for (let i = 0; i < count; i++) {
    const r = rand();
    if (r < 0.2) lines.push(`# ${pick()}`);
    else if (r < 0.8)
      lines.push(`${pick()}:${pick()}=${pick()},${pick()}=${String(Math.floor(rand() * 1e6))}`);
    else lines.push(Array.from({ length: 1 + Math.floor(rand() * 8) }, pick).join(''));
  }
  return lines.join(rand() < 0.5 ? '\r\n' : '\n');
}

test('parseInfo() of a hostile reply leaves later parses of real replies unchanged', () => {
  const before = new Map(FIXTURE_NAMES.map((n) => [n, snapshot(fixture(n))]));
  for (const body of HOSTILE_BODIES) parseInfo(body);
  for (let seed = 1; seed <= 2000; seed++) parseInfo(randomBody(seed));
  for (const name of FIXTURE_NAMES) assert.equal(snapshot(fixture(name)), before.get(name), name);
  // Nothing reached Object.prototype: a fresh object has no such keys.
  const probe: Record<string, unknown> = {};
  for (const key of ['master_sync_in_progress', 'role', 'master_link_status', 'loading', 'x']) {
    assert.equal(probe[key], undefined, `Object.prototype.${key} was written`);
  }
});

test('parseInfo() ignores __proto__, constructor and prototype as section or field names', () => {
  const info = parseInfo(HOSTILE_BODIES.join(''));
  for (const name of ['__proto__', 'constructor', 'prototype']) {
    assert.equal(Object.hasOwn(info.sections, name), false, `section ${name}`);
    for (const fields of Object.values(info.sections))
      assert.equal(Object.hasOwn(fields, name), false, `field ${name}`);
    assert.equal(Object.hasOwn(info.replication.unknown, name), false, `unknown ${name}`);
    for (const r of info.replication.replicas)
      assert.equal(Object.hasOwn(r.extra, name), false, `slave extra ${name}`);
    for (const k of info.keyspace)
      assert.equal(Object.hasOwn(k.extra, name), false, `keyspace extra ${name}`);
  }
  // The hostile lines are kept as evidence, not silently dropped.
  assert.ok(info.malformed.includes('# __proto__'));
  assert.ok(info.malformed.includes('master_sync_in_progress:1'));
  // A field named after an Object.prototype member is an unknown field, not a typed one.
  assert.equal(info.replication.unknown.toString, '1');
  assert.equal(info.replication.role, 'master');
});

test('parseInfo() records have no prototype to read inherited names from', () => {
  const info = parseInfo(fixture('master.txt'));
  assert.equal(Object.getPrototypeOf(info.sections), null);
  assert.equal(Object.getPrototypeOf(info.sections.replication), null);
  assert.equal(info.sections.constructor, undefined);
  assert.equal(info.sections.replication?.toString, undefined);
});
