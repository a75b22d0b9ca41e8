import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';

import { FIELD_DOCS, fieldDoc } from './field-docs';
import { REPLICATION_FIELD_KINDS, parseInfo } from './info-parser';

const FIXTURES = new URL('../../test/fixtures/info/', import.meta.url);
const fixtures = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.txt'))
  .map((name) => ({ name, info: parseInfo(readFileSync(new URL(name, FIXTURES), 'utf8')) }));

const HAS_HAN = /\p{Script=Han}/u;

function assertExplained(field: string, where: string): void {
  const doc = fieldDoc(field);
  assert.ok(doc, `${field} (${where}) has no doc`);
  assert.ok(doc.en.trim().length > 0, `${field} has no English doc`);
  assert.ok(HAS_HAN.test(doc.zh), `${field} has no Chinese doc`);
}

test('field docs explain every typed replication field in both languages', () => {
  for (const field of Object.keys(REPLICATION_FIELD_KINDS))
    assertExplained(field, 'ReplicationInfo');
  assertExplained('slaveN', 'ReplicationInfo.replicas');
});

test('field docs explain every replication field real Redis printed in the fixtures', () => {
  assert.ok(
    fixtures.some((f) => f.name === 'master.txt') && fixtures.some((f) => f.name === 'replica.txt'),
  );
  for (const { name, info } of fixtures) {
    for (const field of Object.keys(info.sections.replication ?? {})) assertExplained(field, name);
  }
});

test('field docs name the section each field really appears in', () => {
  for (const { name, info } of fixtures) {
    for (const [section, fields] of Object.entries(info.sections)) {
      for (const field of Object.keys(fields)) {
        const doc = fieldDoc(field);
        if (doc) assert.equal(doc.section, section, `${field} in ${name}`);
      }
    }
  }
});

test('field docs give health guidance in both languages or in neither', () => {
  for (const [field, doc] of Object.entries(FIELD_DOCS)) {
    assert.equal(doc.healthyEn === undefined, doc.healthyZh === undefined, field);
    if (doc.healthyZh !== undefined) assert.ok(HAS_HAN.test(doc.healthyZh), field);
  }
});

test('fieldDoc() finds numbered fields and ignores Object prototype names', () => {
  assert.equal(fieldDoc('slave12'), FIELD_DOCS.slaveN);
  assert.equal(fieldDoc('replica0'), FIELD_DOCS.slaveN);
  assert.equal(fieldDoc('db3'), FIELD_DOCS.dbN);
  assert.equal(fieldDoc('slave_read_only'), FIELD_DOCS.slave_read_only);
  assert.equal(fieldDoc('constructor'), undefined);
  assert.equal(fieldDoc('no_such_field'), undefined);
});

test('field docs say offsets are bytes, not commands', () => {
  for (const field of ['master_repl_offset', 'slave_repl_offset']) {
    assert.match(FIELD_DOCS[field]?.en ?? '', /bytes/);
    assert.match(FIELD_DOCS[field]?.zh ?? '', /字节/);
  }
});
