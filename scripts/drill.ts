// `npm run drill -- <scenario|all> [--verbose]`: runs fault drills headless, each against a
// fresh sandbox and an in-process dashboard, prints every scorecard and a summary table, and
// exits non-zero when an expectation failed.
import type { DrillScorecard } from '../lib/contracts/drills';
import { findScenario, SCENARIOS } from '../lib/drills/scenarios';
import { scorecardText, summaryTable } from '../lib/drills/scorecard-text';
import { runFreshDrill } from '../server/drills/fresh-drill';
import { rootLogger } from '../server/logger';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const isVerbose = process.argv.includes('--verbose');
const wanted = args[0];

function usage(): never {
  process.stderr.write(
    `usage: npm run drill -- <scenario|all> [--verbose]\nscenarios:\n${SCENARIOS.map((s) => `  ${s.id.padEnd(22)} ${s.title.en}`).join('\n')}\n`,
  );
  process.exit(2);
}

async function main(): Promise<void> {
  if (!wanted) usage();
  const picked = wanted === 'all' ? [...SCENARIOS] : [findScenario(wanted) ?? usage()];
  rootLogger.level = isVerbose ? 'info' : 'error';
  const results: Array<{ scenario: string; card: DrillScorecard | null; error?: string }> = [];
  for (const scenario of picked) {
    process.stdout.write(`\n▶ ${scenario.id}: ${scenario.title.en}\n`);
    try {
      const run = await runFreshDrill(scenario, {
        redisServerBin: process.env.REDIS_SERVER_BIN,
        logLevel: isVerbose ? 'info' : 'error',
        onProgress: (p) => {
          if (p.step.state === 'running' || p.step.state === 'pending') return;
          const mark = p.step.state === 'done' ? '·' : p.step.state === 'failed' ? '✗' : '-';
          process.stdout.write(
            `  ${mark} ${p.step.label.en}${p.step.detail ? `  (${p.step.detail})` : ''}\n`,
          );
        },
      });
      const card = run.scorecard ?? null;
      if (card) process.stdout.write(`\n${scorecardText(card)}\n`);
      results.push({ scenario: scenario.id, card, ...(run.error ? { error: run.error } : {}) });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      process.stdout.write(`  ✗ could not run: ${message}\n`);
      results.push({ scenario: scenario.id, card: null, error: message });
    }
  }
  process.stdout.write(`\n${summaryTable(results)}\n`);
  process.exit(results.every((r) => r.card?.passed) ? 0 : 1);
}

main().catch((err: unknown) => {
  process.stderr.write(`replicaops drill: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
