// `npm test`: typecheck → lint → production build → unit, integration and e2e tests in one
// node:test run, so the output ends with one summary. `npm test -- unit` (or integration, e2e,
// static) runs one tier.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tiers = { unit: ['lib', 'server', 'components'], integration: ['test'], e2e: ['e2e'] } as const;
type Tier = keyof typeof tiers;

function findTests(dir: string): string[] {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  const out: string[] = [];
  for (const name of readdirSync(abs)) {
    if (name === 'node_modules' || name === 'fixtures' || name.startsWith('.')) continue;
    const p = path.join(abs, name);
    if (statSync(p).isDirectory()) out.push(...findTests(path.join(dir, name)));
    else if (/\.test\.tsx?$/.test(name)) out.push(path.join(dir, name));
  }
  return out.sort();
}

function run(label: string, cmd: string, args: string[], env: Record<string, string | undefined> = {}): void {
  process.stdout.write(`\n▶ ${label}\n`);
  const merged: Record<string, string | undefined> = { ...process.env, ...env };
  for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: merged as NodeJS.ProcessEnv });
  if (r.status !== 0) {
    process.stdout.write(`\n✖ ${label} failed (exit ${r.status ?? r.signal})\n0 passed, 1 failed\n`);
    process.exit(r.status || 1);
  }
}

const arg = process.argv[2] as Tier | 'static' | undefined;
const selected: Tier[] = arg && arg !== 'static' ? [arg] : ['unit', 'integration', 'e2e'];
if (arg && !(arg in tiers) && arg !== 'static') {
  process.stderr.write(`unknown tier "${arg}": use unit, integration, e2e or static\n`);
  process.exit(2);
}
// next build insists on NODE_ENV being unset or "production".
const env: Record<string, string | undefined> = { NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: undefined };

if (!arg || arg === 'static') {
  run('typecheck (tsc --noEmit)', 'npx', ['tsc', '--noEmit', '-p', '.']);
  run('lint (eslint)', 'npx', ['eslint', '.', '--max-warnings=0']);
  if (arg === 'static') process.exit(0);
}
if (selected.includes('e2e')) {
  run('production build (next build)', 'npx', ['next', 'build'], env);
  run('server build (dist/server.js)', 'npx', ['tsx', 'scripts/build-server.ts'], env);
}

const files = selected.flatMap((t) => tiers[t].flatMap(findTests));
process.stdout.write(`\n▶ tests: ${files.length} files (${selected.join(', ')})\n`);

/** One node:test run over `list`; the counts come from its TAP, so the summary counts every failure. */
function runTests(list: string[]): { status: number | null; passed: number; failed: number } {
  const tap = path.join(tmpdir(), `replicaops-tests-${process.pid}-${Date.now()}.tap`);
  const r = spawnSync(
    process.execPath,
    [
      '--import', 'tsx',
      '--test',
      '--test-concurrency=1',
      '--test-timeout=180000',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${tap}`,
      ...list,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test', NEXT_TELEMETRY_DISABLED: '1' } },
  );
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  rmSync(tap, { force: true });
  const count = (key: string) => Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  return { status: r.status, passed: count('pass'), failed: count('fail') + count('cancelled') };
}

// No retries: a test that fails once under load is a bug to find, not a pass to report.
const { status, passed, failed } = runTests(files);
const ok = status === 0 && failed === 0 && passed > 0;
process.stdout.write(`\ntests: ${passed} passed, ${ok ? 0 : Math.max(failed, 1)} failed\n`);
process.exit(ok ? 0 : 1);
