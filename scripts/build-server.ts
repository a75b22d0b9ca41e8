// `npm run build` (after `next build`): the server bundled to plain JavaScript in dist/server.js,
// so production runs `node dist/server.js` with no TypeScript loader at run time. Packages stay
// external (node_modules is there at run time); only the project's own code is bundled.
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');

await build({
  entryPoints: [path.join(root, 'server/main.ts')],
  outfile: path.join(root, 'dist/server.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  // dist/server.js sits one level below the project root, as server/main.ts does, so the paths
  // the server derives from import.meta.url (the Next app directory) stay the same.
});
process.stdout.write('server built: dist/server.js\n');
