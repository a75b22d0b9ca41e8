// Step factories: a Redis command, a MULTI/EXEC block, or a bounded wait. Secret arguments are
// resolved only when the step runs and are shown as *** everywhere else.
import type { Bilingual } from '../../../lib/contracts';
import { commandText } from '../../../lib/actions/command-text';
import type { RunContext, Step } from '../types';

export interface SecretArg {
  index: number;
  value: () => string;
}

function summarize(reply: unknown): string {
  if (reply === null || reply === undefined) return '(nil)';
  if (Array.isArray(reply)) return reply.map(summarize).join(', ');
  return String(reply).slice(0, 200);
}

export function commandStep(
  nodeId: string,
  args: string[],
  why: Bilingual,
  timeoutMs: number,
  secrets: SecretArg[] = [],
): Step {
  return {
    nodeId,
    command: commandText(
      args,
      secrets.map((s) => s.index),
    ),
    why,
    timeoutMs,
    async run(ctx: RunContext) {
      const real = args.map((a, i) => secrets.find((s) => s.index === i)?.value() ?? a);
      return summarize(await ctx.live.call(nodeId, real, timeoutMs));
    },
  };
}

export function transactionStep(
  nodeId: string,
  commands: string[][],
  why: Bilingual,
  timeoutMs: number,
): Step {
  return {
    nodeId,
    command: ['MULTI', ...commands.map((c) => commandText(c)), 'EXEC'].join(' ; '),
    why,
    timeoutMs,
    async run(ctx: RunContext) {
      return summarize(await ctx.live.transaction(nodeId, commands, timeoutMs));
    },
  };
}

export function waitStep(
  nodeId: string,
  what: string,
  why: Bilingual,
  timeoutMs: number,
  wait: (ctx: RunContext) => Promise<string>,
): Step {
  return { nodeId, command: `(wait) ${what}`, why, timeoutMs, run: wait, isWait: true };
}

export function hostPort(id: string): [string, string] {
  const at = id.lastIndexOf(':');
  return [id.slice(0, at).replace(/^\[(.*)\]$/, '$1'), id.slice(at + 1)];
}
