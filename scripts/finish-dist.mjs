// Finishes a release build in place: Trunk's post_build hook (Trunk.toml), so
// `trunk build --release`, `make dist` and `make serve` all give the same files.
//
//   1. A Content-Security-Policy meta tag in index.html: only the page's own origin,
//      plus what wasm needs ('wasm-unsafe-eval') and the hashes of the inline
//      scripts Trunk writes (the one that starts the app).
//   2. sw.js, from the template at the repository's root, with this build's
//      version (a hash of every file) and file list, for the offline cache.
//
// Idempotent: running it again on a finished folder gives the same result, so a
// test can change a file of a build and finish it again.
//
//   node scripts/finish-dist.mjs [folder]   (default: $TRUNK_STAGING_DIR, then dist)
// A debug build (TRUNK_PROFILE=debug, `make dev`) is left alone: Trunk's live
// reload injects a script and a websocket that the policy would block.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function finish(dir) {
  const indexPath = path.join(dir, 'index.html');
  fs.writeFileSync(indexPath, withPolicy(fs.readFileSync(indexPath, 'utf8')));
  const files = listFiles(dir).filter((f) => f !== 'sw.js');
  const version = shortHash(...files.flatMap((f) => [f + '\0', fs.readFileSync(path.join(dir, f))]));
  const build = { version, files };
  const template = fs.readFileSync(path.join(repo, 'sw.js'), 'utf8');
  const line = 'const BUILD = null; // replaced by scripts/finish-dist.mjs';
  if (!template.includes(line)) throw new Error(`sw.js template lacks the line: ${line}`);
  fs.writeFileSync(path.join(dir, 'sw.js'), template.replace(line, `const BUILD = ${JSON.stringify(build)};`));
  return build;
}

/** The first 16 hex digits of the SHA-256 of `parts`: a build's version, a file's
 *  content-hashed name. */
export function shortHash(...parts) {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex').slice(0, 16);
}

/** A subresource integrity value for a file's bytes: sha384-… */
export function integrity(bytes) {
  return `sha384-${crypto.createHash('sha384').update(bytes).digest('base64')}`;
}

/** A CSP source for an inline element's text: sha256-… */
export function sha256(text) {
  return `sha256-${crypto.createHash('sha256').update(text).digest('base64')}`;
}

/** The policy for a page whose inline scripts are `scripts` (their text). */
function policy(scripts) {
  const hashes = scripts.map((s) => `'${sha256(s)}'`);
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const POLICY_META = /\s*<meta http-equiv="Content-Security-Policy"[^>]*>/i;
const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi;

/** index.html with its policy meta tag (replaced if there is one already). */
function withPolicy(html) {
  const bare = html.replace(POLICY_META, '');
  const scripts = [...bare.matchAll(INLINE_SCRIPT)].map((m) => m[1]);
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy(scripts)}" />`;
  const charset = /<meta charset="utf-8"\s*\/?>/i;
  if (!charset.test(bare)) throw new Error('index.html lacks <meta charset="utf-8">');
  return bare.replace(charset, (m) => `${m}\n    ${meta}`);
}

/** Every file under `dir`, as sorted '/'-separated paths relative to it. */
function listFiles(dir, sub = '') {
  return fs.readdirSync(path.join(dir, sub), { withFileTypes: true })
    .flatMap((e) => {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      return e.isDirectory() ? listFiles(dir, rel) : [rel];
    })
    .sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if ((process.env.TRUNK_PROFILE ?? 'release') !== 'release') process.exit(0);
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
  const build = finish(dir);
  console.log(`finish-dist: ${dir}: CSP, sw.js version ${build.version} (${build.files.length} files)`);
}
