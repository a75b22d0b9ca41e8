// Free TCP ports from the OS (bind to port 0), never handing the same one out twice in a process.
import net from 'node:net';

// Ports of live sandboxes in this process. A killed node keeps its port for restart(), so a
// second sandbox must not be given it even though the OS now sees it free.
const reserved = new Set<number>();

/** `count` distinct free ports on `host`, all held open together so the OS cannot repeat one. */
export async function reserveFreePorts(host: string, count: number): Promise<number[]> {
  const servers: net.Server[] = [];
  const ports: number[] = [];
  try {
    while (ports.length < count) {
      const server = await listen(host);
      servers.push(server);
      const port = (server.address() as net.AddressInfo).port;
      if (reserved.has(port)) continue; // keep it open (so the OS moves on) but do not use it
      ports.push(port);
    }
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
  for (const port of ports) reserved.add(port);
  return ports;
}

export function releasePort(port: number): void {
  reserved.delete(port);
}

function listen(host: string): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => resolve(server));
  });
}
