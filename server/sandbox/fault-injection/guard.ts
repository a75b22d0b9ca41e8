// Faults are for sandboxes only: a drill must never reach a node the operator configured.
import { Sandbox } from '../sandbox';

export class NotSandboxError extends Error {
  readonly code = 'not_sandbox';
}

/**
 * Throws unless `target` is a live Sandbox started by this process and, when `nodeId`
 * (`host:port`) is given, that node is one of its own. The instanceof check is the point:
 * only startSandbox() in this process makes Sandbox objects, so a configured production
 * node (a URL, a client, a plain object with the same methods) can never pass.
 */
export function assertSandbox(target: unknown, nodeId?: string): asserts target is Sandbox {
  if (!(target instanceof Sandbox))
    throw new NotSandboxError(
      'fault injection refused: the target is not a sandbox started by this server',
    );
  if (target.isStopped)
    throw new NotSandboxError('fault injection refused: the sandbox is stopped');
  if (nodeId !== undefined && !target.isSandboxNode(nodeId))
    throw new NotSandboxError(
      `fault injection refused: ${nodeId} is not a node of this sandbox (only its own nodes may be broken)`,
    );
}
