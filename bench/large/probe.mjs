// Loaded into the compiled dashboard by the N-node bench (`node --import bench/large/probe.mjs
// dist/server.js`): the event-loop delay histogram of that process, reset and read over the IPC
// channel the bench opens. Nothing else in the server changes.
import process from 'node:process';
import { monitorEventLoopDelay } from 'node:perf_hooks';

if (process.send) {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  process.on('message', (msg) => {
    if (msg === 'probe:reset') loop.reset();
    if (msg === 'probe:read')
      process.send?.({
        probe: 'loop',
        p50Ms: loop.percentile(50) / 1e6,
        p99Ms: loop.percentile(99) / 1e6,
        maxMs: loop.max / 1e6,
      });
  });
  // The channel must not keep a stopping server alive.
  process.channel?.unref();
}
