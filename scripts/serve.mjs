// `make serve`: serves dist/ (the release build, exactly as users get it) at
// http://127.0.0.1:8080/ until interrupted. PORT and DIST override the defaults.
import path from 'node:path';
import fs from 'node:fs';
import { serveFolder } from './static-server.mjs';

const dist = path.resolve(process.env.DIST ?? 'dist');
if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error(`${dist}/index.html is missing: run \`make dist\` first`);
  process.exit(1);
}
const port = Number(process.env.PORT ?? 8080);
const { url } = await serveFolder(() => dist, { port });
console.log(`kehoach: ${url} (serving ${dist}; Ctrl+C to stop)`);
