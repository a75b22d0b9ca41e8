// `tsx bench/diagnosis-cost.ts [--nodes 1000] [--history-s 3600] [--logs 0] [--runs 20]`: what each
// diagnosis rule costs per poll on the bench tree (1 master → 10 → the rest, as shapeOf) of
// healthy nodes, built from INFO captured from Redis 7 (test/fixtures), with the monitor's own
// history rings filled for `--history-s` seconds of 1 s polls, and `--logs N` evidence lines
// (the most the log service hands the diagnosis is 1,000). No Redis process, no server: the
// rules' CPU alone, which grows with the tree and, through the history reads, with uptime.
import type { HistoryMetric, HistoryPoint } from '../lib/contracts';
import type { HistoryQueryOptions } from '../lib/history/history-query';
import { RULES } from '../lib/diagnosis/rules';
import { HistoryStore } from '../server/monitor/history';
import { buildInput, configOf, editInfo, infoText, logLine, NOW } from '../test/fixtures/diagnosis/build-input';
import { numberFlag, shapeOf } from './large/tree-shape';

const flag = numberFlag(process.argv.slice(2));
const n = flag('nodes', 1000);
const historyS = flag('history-s', 3600);
const runs = flag('runs', 20);
const logCount = flag('logs', 0);

const shape = shapeOf(n);
const portOf = new Map(shape.map((s, i) => [s.name, 7000 + i]));
const id = (name: string) => `127.0.0.1:${portOf.get(name)}`;
const config = configOf('config-defaults.tsv');
const nodes = shape.map((s) => {
  const replicas = shape.filter((r) => r.upstream === s.name);
  const entries = Object.fromEntries(
    replicas.map((r, i) => [`slave${i}`, `ip=127.0.0.1,port=${portOf.get(r.name)},state=online,offset=205,lag=0`]),
  );
  const base = s.upstream
    ? editInfo(infoText('replica.txt'), { master_port: String(portOf.get(s.upstream)) })
    : editInfo(infoText('master.txt'), { slave0: null, slave1: null });
  return { id: id(s.name), info: editInfo(base, { connected_slaves: String(replicas.length), ...entries }), config };
});

const rings = new HistoryStore(historyS + 1);
const METRICS: HistoryMetric[] = ['syncFullDelta', 'syncPartialErrDelta', 'offsetGapBytes', 'replOffsetRate', 'keys', 'lagSeconds'];
for (let s = historyS; s >= 0; s--) {
  for (const node of nodes) rings.record(node.id, NOW - s * 1000, { syncFullDelta: 0, syncPartialErrDelta: 0, offsetGapBytes: 0, replOffsetRate: 14, keys: 0, lagSeconds: 0 });
}
// A log storm's evidence: replicas reporting lost links and full resyncs, spread over the tree.
const logs = Array.from({ length: logCount }, (_, i) =>
  logLine(nodes[(i * 7) % nodes.length]!.id, i % 2 ? 'Connection with master lost.' : 'Full resync from master: 5f1c…:0', { time: NOW - (i % 600) * 1000 }),
);
const input = {
  ...buildInput({ nodes, logs }),
  history: (node: string, metric: HistoryMetric, since: number, opts?: HistoryQueryOptions): HistoryPoint[] =>
    rings.query(node, metric, since, opts) ?? [],
};
const gc = (globalThis as { gc?: () => void }).gc;
const rows: Array<{ rule: string; ms: number; findings: number }> = [];
for (const [name, rule] of RULES) {
  for (let i = 0; i < 3; i++) rule(input);
  gc?.();
  const started = performance.now();
  let findings = 0;
  for (let i = 0; i < runs; i++) findings = rule(input).length;
  rows.push({ rule: name, ms: (performance.now() - started) / runs, findings });
}
rows.sort((a, b) => b.ms - a.ms);
const total = rows.reduce((s, r) => s + r.ms, 0);
process.stdout.write(
  `${n} nodes, ${input.topology.links.length} links, ${historyS} s of history (${METRICS.length} metrics), ${logCount} log lines — ms per poll${gc ? '' : ' (run with node --expose-gc for steadier figures)'}\n`,
);
for (const r of rows.slice(0, 12)) process.stdout.write(`${r.rule.padEnd(26)} ${r.ms.toFixed(2).padStart(7)} ms  ${r.findings} findings\n`);
process.stdout.write(`${'all rules'.padEnd(26)} ${total.toFixed(2).padStart(7)} ms\n`);
