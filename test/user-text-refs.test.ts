// Every string a user can read (finding remedies, network verdicts, drills, dictionaries, UI)
// cites Redis documentation or nothing: never the internal design document ("seed", "§").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
/** Ids of the reference notes' faults and sections ("reference F3", "参考 F11"). */
const REFERENCE_IDS = [/§/, /\breference [FS]\d/i, /参考 ?[FS]\d/];
const INTERNAL = [...REFERENCE_IDS, /手册/, /种子/, /\bthe seed\b/i, /\bseed[’']s\b/i, /\(seed\b/i];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

/** The code without comments: block comments, whole-line and trailing `//` comments. */
function withoutComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .map((line) => line.replace(/(^|\s)\/\/.*$/, ''))
    .join('\n');
}

/** Lines of non-test sources under `dirs` (comments removed) that match one of `patterns`. */
function hitsIn(dirs: string[], patterns: RegExp[]): string[] {
  const hits: string[] = [];
  for (const file of dirs.flatMap((d) => sources(path.join(root, d)))) {
    withoutComments(readFileSync(file, 'utf8'))
      .split('\n')
      .forEach((line, i) => {
        if (patterns.some((rx) => rx.test(line))) hits.push(`${path.relative(root, file)}:${i + 1}: ${line.trim().slice(0, 100)}`);
      });
  }
  return hits;
}

test('no user-facing string in lib/, components/ or app/ cites "seed" or "§"', () => {
  assert.deepEqual(hitsIn(['lib', 'components', 'app'], INTERNAL), []);
});

test('no string of the server (action plans, preflight checks) cites a reference fault id or "§"', () => {
  // "seed" is a word of the server's own config there (seed addresses), not a citation.
  assert.deepEqual(hitsIn(['server'], REFERENCE_IDS), []);
});
