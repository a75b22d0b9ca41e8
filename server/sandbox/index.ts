// The sandbox: real local redis-server topologies for the demo, the fault drills and the tests.
export { startSandbox } from './start-sandbox';
export { Sandbox } from './sandbox';
export { findRedisServer, MISSING_REDIS_MESSAGE, type RedisBinary } from './redis-binary';
export { livePids } from './process-reaper';
export { waitFor, sleep, type WaitForOptions } from './wait';
export { DEFAULT_SHAPE } from './shape';
export { startSentinels, SandboxSentinels, type SandboxSentinel, type SentinelOptions } from './sentinels';
export type {
  Persistence,
  RestartOptions,
  SandboxNode,
  SandboxOptions,
  ShapeEntry,
  UpstreamAddress,
} from './types';
export {
  FaultProxy,
  type FaultProxyOptions,
  type FaultProxyState,
  type FaultProxyStats,
  type PartitionMode,
} from './fault-proxy';
