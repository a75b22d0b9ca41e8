// Sandbox-only fault injectors for the fault drills. Each takes a Sandbox (refused otherwise,
// see assertSandbox), injects one fault, and returns an InjectedFault with undo() when the
// fault can be removed. Behaviours are the ones observed in reference §4 and §9.
export { assertSandbox, NotSandboxError } from './fault-injection/guard';
export { once, type FaultKind, type InjectedFault } from './fault-injection/fault-types';
export { partitionLink, proxyAliases, slowLink, throttleLink } from './fault-injection/link-faults';
export {
  killMaster,
  pauseNode,
  replaceReplica,
  type KillMasterOptions,
} from './fault-injection/process-faults';
export {
  changeMasterPassword,
  writableReplica,
  type PasswordFault,
} from './fault-injection/config-faults';
export {
  outputBufferLoop,
  overflowBacklog,
  type BacklogOverflowOptions,
  type OutputBufferLoopOptions,
} from './fault-injection/resync-faults';
