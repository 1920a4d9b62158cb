// `make single`: the whole app in one HTML file (dist-single/kehoach.html) that runs
// when opened from disk (file://), a USB stick or an e-mail attachment: the release
// build's JS glue, wasm (base64), CSS and icon inlined; nothing is fetched.
//
//   node scripts/single.mjs [dist] [out]
//
// What a page from disk cannot have is left out, and the app copes without it: the
// service worker (the file is already offline), the manifest (no install from
// disk) and the check worker (large texts are checked on the page's thread). The
// .docx module is inlined as a second script.
import fs from 'node:fs';
import path from 'node:path';
import { sha256 } from './finish-dist.mjs';

const dist = process.argv[2] ?? 'dist';
const out = process.argv[3] ?? 'dist-single/kehoach.html';

const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
const read = (href, encoding) => fs.readFileSync(path.join(dist, href.replace(/^\.\//, '')), encoding);

/** The one element that matches `pattern` (a build that changed shape fails loudly). */
function one(pattern, what) {
  const found = [...html.matchAll(pattern)];
  if (found.length !== 1) throw new Error(`index.html: expected one ${what}, found ${found.length}`);
  return found[0];
}

const css = one(/<link rel="stylesheet" href="([^"]+)"[^>]*>/g, 'stylesheet');
const glue = one(/<link rel="modulepreload" href="([^"]+)"[^>]*>/g, 'module preload');
const wasm = one(/<link rel="preload" href="([^"]+\.wasm)"[^>]*>/g, 'wasm preload');
const start = one(/<script type="module">[\s\S]*?<\/script>/g, 'start script');
const icon = one(/<link rel="icon"[^>]*href="([^"]+)"[^>]*>/g, 'icon');

// A glue file's text, to go inside a <script>: `</script` in it would end the
// element early (wasm-bindgen's own code has none; this guards against a surprise).
function glueOf(file, what) {
  const text = read(file, 'utf8');
  if (/<\/script/i.test(text)) throw new Error(`${what} contains "</script"`);
  return text;
}
// The JS expression decoding the base64 wasm held in the variable `name`.
const bytesOf = (name) => `Uint8Array.from(atob(${name}), (c) => c.charCodeAt(0))`;

const glueText = glueOf(glue[1], 'the JS glue');
if (!/__wbg_init as default/.test(glueText)) throw new Error('the JS glue has no __wbg_init');
const style = read(css[1], 'utf8').replaceAll('</style', '<\\/style');
const script = `${glueText}
// The wasm, inline (base64): a page opened from disk cannot fetch it.
const wasmBase64 = "${read(wasm[1]).toString('base64')}";
await __wbg_init({ module_or_path: ${bytesOf('wasmBase64')} });
`;
// The .docx module (src/docx.rs), inline too, behind the same `kehoachDocx()` the
// served build's start script defines: decoded and compiled on first use only.
const docxName = /import\('\.\/(kehoach-docx-[0-9a-f]+)\.js'\)/.exec(start[0])?.[1];
if (!docxName) throw new Error('the start script loads no .docx module');
const docxGlue = glueOf(`${docxName}.js`, 'the .docx glue');
for (const f of ['open_docx', 'fix_docx', 'write_docx']) {
  if (!docxGlue.includes(`export function ${f}(`)) throw new Error(`the .docx glue has no ${f}`);
}
const docxScript = `${docxGlue}
const docxBase64 = "${read(`${docxName}_bg.wasm`).toString('base64')}";
let docxReady;
globalThis.kehoachDocx = () => (docxReady ??= __wbg_init({
  module_or_path: ${bytesOf('docxBase64')},
}).then(() => ({ open_docx, fix_docx, write_docx })));
`;
const iconData = `data:image/png;base64,${read(icon[1]).toString('base64')}`;

// Nothing but this file's own script, style and icon: from disk there is no 'self'
// worth allowing.
const policy = [
  "default-src 'none'",
  `script-src 'wasm-unsafe-eval' '${sha256(docxScript)}' '${sha256(script)}'`,
  `style-src '${sha256(style)}'`,
  'img-src data:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

let single = html
  .replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
  .replace(/<meta charset="utf-8"\s*\/?>/, (m) => `${m}\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`)
  .replace(/\s*<link rel="(manifest|apple-touch-icon)"[^>]*>/g, '')
  .replace(glue[0], '')
  .replace(wasm[0], '')
  .replace(icon[0], icon[0].replace(icon[1], iconData));
// Functions as replacements: the inlined texts may contain `$&` and the like.
single = single
  .replace(css[0], () => `<style>${style}</style>`)
  .replace(start[0], () => `<script type="module">${docxScript}</script>\n  <script type="module">${script}</script>`);

fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, single);
console.log(`single: ${out} (${(single.length / 1024).toFixed(0)} KB)`);
