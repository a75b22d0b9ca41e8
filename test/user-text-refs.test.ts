// Every string a user can read (finding remedies, network verdicts, drills, dictionaries, UI)
// cites Redis documentation or nothing: never the internal design document ("seed", "§").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const INTERNAL = [/§/, /手册/, /种子/, /\bthe seed\b/i, /\bseed[’']s\b/i, /\(seed\b/i, /\bSeed §/];

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

test('no user-facing string in lib/, components/ or app/ cites "seed" or "§"', () => {
  const hits: string[] = [];
  for (const file of ['lib', 'components', 'app'].flatMap((d) => sources(path.join(root, d)))) {
    withoutComments(readFileSync(file, 'utf8'))
      .split('\n')
      .forEach((line, i) => {
        if (INTERNAL.some((rx) => rx.test(line))) hits.push(`${path.relative(root, file)}:${i + 1}: ${line.trim().slice(0, 100)}`);
      });
  }
  assert.deepEqual(hits, []);
});
