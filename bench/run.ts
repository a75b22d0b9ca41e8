// `npm run bench [-- detection|polling|scale|scale-large|logs|consistency] [--trials N] [--seconds S] [--keys N]`: runs the benchmarks against
// real redis-server processes, saves raw results to bench/results/ and rewrites the measured
// section of docs/performance.md.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchDetection, type DetectionResult } from './detection';
import { benchConsistency, consistencySection } from './consistency';
import { benchLogs, logsSection } from './logs';
import { benchPollingCost, type PollingCostResult } from './polling-cost';
import { benchScale, scaleSection } from './scale';
import { benchScaleLarge, scaleLargeSection } from './scale-large';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const flag = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const only = args.find((a) => !a.startsWith('--') && Number.isNaN(Number(a)));

function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

function detectionSection(rs: DetectionResult[]): string {
  const label = {
    kill: 'replica process killed (SIGKILL)',
    freeze: 'replica frozen (SIGSTOP: no FIN, socket stays open)',
    unlink: 'replica re-pointed at a dead master (REPLICAOF): link not up',
  };
  return [
    `### Detection latency (fault → a socket.io client sees the replica unreachable, or its link not up)`,
    '',
    `| fault | poll interval | trials | p50 | p95 | max | p95 / poll interval |`,
    `|---|---|---|---|---|---|---|`,
    ...rs.map(
      (r) =>
        `| ${label[r.fault]} | ${r.pollMs} ms | ${r.trials} | ${r.p50Ms} ms | ${r.p95Ms} ms | ${r.maxMs} ms | ${r.p95OverPoll} |`,
    ),
    '',
    ...rs.map((r) => `Samples, ${r.fault} (ms): ${r.samplesMs.join(', ')}\n`),
  ].join('\n');
}

function pollingSection(r: PollingCostResult): string {
  return [
    `### Polling cost (three idle nodes side by side for ${Math.round(r.durationMs / 1000)} s, one poll per ${r.pollMs} ms)`,
    '',
    `| | ReplicaOps monitor | loop of \`INFO ALL\` (exporter style) | not polled |`,
    `|---|---|---|---|`,
    `| round trips per node per poll | ${r.roundTripsPerPoll} | 1 | – |`,
    `| Redis time executing the poll (µs per poll, from commandstats) | ${r.usecPerPoll.replicaops} | ${r.usecPerPoll.infoAll} | – |`,
    `| Redis time executing polls, µs per minute | ${r.commandUsecPerMin.replicaops} | ${r.commandUsecPerMin.infoAll} | – |`,
    `| whole-process CPU, ms per minute (used_cpu_sys + user; noisy) | ${r.cpuMsPerMin.replicaops} | ${r.cpuMsPerMin.infoAll} | ${r.cpuMsPerMin.idle} |`,
    '',
    `Per poll, \`INFO ALL\` costs Redis ${r.ratioCommandTime}× the time of the ReplicaOps poll (INFO of the 8 sections it needs, plus CONFIG GET every 30 s in the same pipeline). Both are far below Redis' own background work: the whole-process CPU figures differ by less than their noise.`,
  ].join('\n');
}

async function main(): Promise<void> {
  const sections: string[] = [];
  const results: Record<string, unknown> = { at: new Date().toISOString(), machine: machine() };
  if (!only || only === 'detection') {
    process.stdout.write('bench: detection latency…\n');
    const rs = [
      await benchDetection('kill', flag('trials', 20), flag('poll', 1000)),
      await benchDetection('freeze', flag('trials', 20), flag('poll', 1000)),
      await benchDetection('unlink', flag('trials', 20), flag('poll', 1000)),
    ];
    results.detection = rs;
    sections.push(detectionSection(rs));
    process.stdout.write(`${detectionSection(rs)}\n\n`);
  }
  if (!only || only === 'polling') {
    process.stdout.write('bench: polling cost…\n');
    const r = await benchPollingCost(flag('seconds', 60) * 1000, flag('poll', 1000));
    results.polling = r;
    sections.push(pollingSection(r));
    process.stdout.write(`${pollingSection(r)}\n\n`);
  }
  if (!only || only === 'scale') {
    process.stdout.write('bench: scale…\n');
    const r = await benchScale(flag('scale-seconds', 30), flag('poll', 1000));
    results.scale = r;
    sections.push(scaleSection(r));
    process.stdout.write(`${scaleSection(r)}\n\n`);
  }
  if (!only || only === 'scale' || only === 'scale-large') {
    // The N-node run (default 1000 processes: about 4 GB of RAM; `--nodes 200` on a shared box;
    // `--kill K` replicas killed for the detection figure, default 5). Needs `npm run build`.
    process.stdout.write(`bench: scale, ${flag('nodes', 1000)} nodes…\n`);
    const large = await benchScaleLarge(
      flag('nodes', 1000),
      flag('scale-seconds', 30),
      flag('poll', 1000),
      flag('kill', 5),
    );
    results.scaleLarge = large;
    sections.push(scaleLargeSection(large));
    process.stdout.write(`${scaleLargeSection(large)}\n\n`);
  }
  if (!only || only === 'logs') {
    process.stdout.write('bench: log pipeline…\n');
    const r = await benchLogs(flag('storm-lines', 300_000));
    results.logs = r;
    sections.push(logsSection(r));
    process.stdout.write(`${logsSection(r)}\n\n`);
  }
  if (!only || only === 'consistency') {
    process.stdout.write('bench: consistency compare…\n');
    const r = await benchConsistency(flag('keys', 1_000_000), flag('naive-seconds', 20));
    results.consistency = r;
    sections.push(consistencySection(r));
    process.stdout.write(`${consistencySection(r)}\n\n`);
  }
  const dir = path.join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);

  const doc = path.join(root, 'docs', 'performance.md');
  const begin = '<!-- bench:begin -->';
  const end = '<!-- bench:end -->';
  const body = `${begin}\nMeasured ${results.at as string} on ${results.machine as string} (\`npm run bench\`, raw: \`bench/results/${path.basename(file)}\`).\n\n${sections.join('\n\n')}\n${end}`;
  const text = existsSync(doc) ? readFileSync(doc, 'utf8') : `# Performance\n\n${begin}\n${end}\n`;
  if (only && text.includes(begin)) {
    process.stdout.write(`partial run: results in ${file}; docs/performance.md left as is\n`);
    return;
  }
  writeFileSync(
    doc,
    text.includes(begin)
      ? text.replace(new RegExp(`${begin}[\\s\\S]*${end}`), body)
      : `${text}\n${body}\n`,
  );
  process.stdout.write(`results: ${file}\ndocs/performance.md updated\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
