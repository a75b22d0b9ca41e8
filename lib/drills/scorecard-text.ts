// Scorecards as plain-text tables, for the CLI and for pasting into docs/performance.md.
import type { DrillScorecard } from '../contracts/drills';
import { fmtMs } from './scorecard';

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

/** One drill: a header line, then one line per expectation, then what else opened. */
export function scorecardText(card: DrillScorecard): string {
  const head = `${card.scenario}  ${card.passed ? 'PASSED' : 'FAILED'}  detect ${fmtMs(card.timings.detectMs)}  recover ${fmtMs(card.timings.recoverMs)}`;
  const width = Math.max(...card.expectations.map((e) => e.what.en.length), 10);
  const lines = card.expectations.map(
    (e) => `  ${e.passed ? '✓' : '✗'} ${pad(e.what.en, width)}  ${e.detail}`,
  );
  return [head, ...lines].join('\n');
}

/** All drills of a run: one row each, and the count that passed. */
export function summaryTable(
  cards: Array<{ scenario: string; card: DrillScorecard | null; error?: string }>,
): string {
  const width = Math.max(...cards.map((c) => c.scenario.length), 'scenario'.length);
  const rows = cards.map(({ scenario, card, error }) => {
    const result = card ? (card.passed ? 'PASS' : 'FAIL') : 'ERROR';
    const detect = fmtMs(card?.timings.detectMs ?? null);
    const recover = fmtMs(card?.timings.recoverMs ?? null);
    const failed = card?.expectations.filter((e) => !e.passed).map((e) => e.what.en) ?? [];
    const note = error ?? failed.join('; ');
    return `| ${pad(scenario, width)} | ${pad(result, 6)} | ${pad(detect, 7)} | ${pad(recover, 7)} |${note ? ` ${note}` : ''}`;
  });
  const passed = cards.filter((c) => c.card?.passed).length;
  return [
    `| ${pad('scenario', width)} | result | detect  | recover |`,
    `| ${'-'.repeat(width)} | ------ | ------- | ------- |`,
    ...rows,
    '',
    `${passed}/${cards.length} drills passed`,
  ].join('\n');
}
