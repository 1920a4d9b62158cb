// A static file server for dist/ (and the tests): serves a folder on loopback under
// a path prefix, as an office portal or a plain static host would. No live reload,
// no caching headers beyond the defaults: what users get from any static server.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Serves the folder `folder()` returns (a function, so a test can swap in a new
 * build) at 127.0.0.1:`port` (0: a free one) under `prefix` (requests outside it
 * get 404). An unknown path inside the prefix gets index.html, as a single-page
 * host would. Resolves to { url, requests, close }; `requests` lists every path
 * asked for, in order.
 */
export function serveFolder(folder, { prefix = '/', port = 0, host = '127.0.0.1' } = {}) {
  const requests = [];
  const server = http.createServer((req, res) => {
    let fullPath;
    try {
      fullPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400);
      res.end();
      return;
    }
    requests.push(fullPath);
    if (!fullPath.startsWith(prefix)) { res.writeHead(404); res.end(); return; }
    const root = path.resolve(folder());
    let file = path.normalize(path.join(root, fullPath.slice(prefix.length)));
    if (file !== root && !file.startsWith(root + path.sep)) { res.writeHead(403); res.end(); return; }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: bound } = server.address();
      resolve({
        url: `http://${host}:${bound}${prefix}`,
        requests,
        // Drops open keep-alive connections too: after close() the app is offline.
        close: () => new Promise((r) => { server.close(r); server.closeAllConnections(); }),
      });
    });
  });
}
