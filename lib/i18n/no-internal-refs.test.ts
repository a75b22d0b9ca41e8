import { test } from 'node:test';
import assert from 'node:assert/strict';
import { en } from './en';
import { zhCN } from './zh-CN';

// Users never saw the internal design documents: text cites Redis documentation or nothing.
const INTERNAL = [/seed/i, /§/, /种子/, /手册/, /runbook section/i];

for (const [name, dict] of [['en', en], ['zh-CN', zhCN]] as const) {
  test(`the ${name} dictionary cites no internal document ("seed", "§", runbook sections)`, () => {
    const hits = Object.entries(dict).filter(([, v]) => INTERNAL.some((rx) => rx.test(v)));
    assert.deepEqual(hits, []);
  });
}
