// `make dist`: the release build into dist/, without Trunk. Trunk needs about 8
// minutes of compiling on a bare machine before it can build anything; this script
// does what Trunk's release build did for this app, with the tools the build needs
// anyway (cargo, wasm-bindgen-cli, npm's wasm-opt). `make dev` still uses Trunk.
//
// It reads index.html's `data-trunk` links (the one description of the page, which
// Trunk reads too) and writes the same files Trunk wrote: the wasm and its JS glue
// and the stylesheet under content-hashed names with integrity hashes, the copied
// files and folders, and index.html with the start script and preload links (the
// check worker finds the page's glue and wasm through those links, and its own
// faster module through `globalThis.kehoachCheck`, which the start script sets). Then
// scripts/finish-dist.mjs adds the policy and the service worker.
//
//   node scripts/build.mjs [out]   (default dist; written beside it, then swapped in)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { finish, integrity, shortHash as hex } from './finish-dist.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(repo, process.argv[2] ?? 'dist');
const stage = `${out}.staging`;

// wasm SIMD for the check worker's module, beside .cargo/config.toml's flags for the
// target (the Makefile's bench-wasm builds its wasm in the same folder with the same).
const SIMD = 'target.wasm32-unknown-unknown.rustflags=["-C", "target-feature=+simd128"]';
const run = (cmd, args, env = {}) => execFileSync(cmd, args, { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });

/** index.html's `<link data-trunk …>` elements: their text and attributes. */
function trunkLinks(html) {
  return [...html.matchAll(/<link\s+data-trunk\b([^>]*?)\/?>/g)].map((m) => ({
    element: m[0],
    attrs: Object.fromEntries([...m[1].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])),
  }));
}

function build() {
  let html = fs.readFileSync(path.join(repo, 'index.html'), 'utf8');
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });
  let rust = null;
  for (const { element, attrs } of trunkLinks(html)) {
    let replacement = '';
    if (attrs.rel === 'rust') {
      rust = attrs;
    } else if (attrs.rel === 'css') {
      const css = fs.readFileSync(path.join(repo, attrs.href));
      const name = `${path.basename(attrs.href, '.css')}-${hex(css)}.css`;
      fs.writeFileSync(path.join(stage, name), css);
      replacement = `<link rel="stylesheet" href="./${name}" integrity="${integrity(css)}"/>`;
    } else if (attrs.rel === 'copy-file') {
      fs.copyFileSync(path.join(repo, attrs.href), path.join(stage, path.basename(attrs.href)));
    } else if (attrs.rel === 'copy-dir') {
      fs.cpSync(path.join(repo, attrs.href), path.join(stage, path.basename(attrs.href)), { recursive: true });
    } else {
      throw new Error(`index.html: a data-trunk link this script does not know: ${element}`);
    }
    html = html.replace(element, replacement);
  }
  if (!rust?.['data-bin']) throw new Error('index.html: no <link data-trunk rel="rust" data-bin=…>');
  const bin = rust['data-bin'];

  const target = JSON.parse(execFileSync('cargo', ['metadata', '--format-version=1', '--no-deps'], { cwd: repo })).target_directory;
  const bindgen = path.join(target, 'kehoach-dist');
  fs.rmSync(bindgen, { recursive: true, force: true });
  const params = (rust['data-wasm-opt-params'] ?? '').split(/\s+/).filter(Boolean);
  /** Builds one wasm module, binds and optimizes it, and writes its glue and wasm
   *  under hashed names. By default for size (the `web` profile, Cargo.toml, and
   *  index.html's wasm-opt level); `speed` builds a library as a cdylib with the
   *  `release` profile, wasm SIMD (added to the target's rustflags in
   *  .cargo/config.toml) and wasm-opt -O3, in a target folder of its own (other
   *  flags would make Cargo rebuild the other modules' dependencies each time). */
  const module = (cargoTarget, file, outName, { speed = false } = {}) => {
    const dir = speed ? path.join(target, 'speed') : target;
    const profile = speed ? 'release' : 'web';
    run('cargo', [speed ? 'rustc' : 'build', `--profile=${profile}`, '--locked', '--target=wasm32-unknown-unknown',
      ...cargoTarget, ...(speed ? ['--crate-type=cdylib', `--config=${SIMD}`] : [])],
      speed ? { CARGO_TARGET_DIR: dir } : {});
    run('wasm-bindgen', ['--target=web', `--out-dir=${bindgen}`, `--out-name=${outName}`, '--no-typescript',
      path.join(dir, 'wasm32-unknown-unknown', profile, file)]);
    const optimized = path.join(bindgen, `${outName}.optimized.wasm`);
    const level = speed ? '3' : (rust['data-wasm-opt'] ?? 'z');
    run('wasm-opt', [`--output=${optimized}`, `-O${level}`, path.join(bindgen, `${outName}_bg.wasm`), ...params,
      ...(speed ? ['--enable-simd'] : [])]);
    const glue = fs.readFileSync(path.join(bindgen, `${outName}.js`));
    const wasm = fs.readFileSync(optimized);
    const name = `${outName}-${hex(glue, wasm)}`;
    fs.writeFileSync(path.join(stage, `${name}.js`), glue);
    fs.writeFileSync(path.join(stage, `${name}_bg.wasm`), wasm);
    return { name, glue, wasm };
  };
  const { name, glue, wasm } = module(['--bin', bin], `${bin}.wasm`, bin);
  // The second module: Word files (crates/kehoach-docx), loaded on first use through
  // `globalThis.kehoachDocx()` (src/docx.rs), never preloaded.
  const docx = module(['-p', 'kehoach-docx', '--lib'], 'kehoach_docx.wasm', 'kehoach-docx');
  // The third: the check worker's (crates/kehoach-check), built for speed; the
  // worker (worker.js) loads it the first time a large text is checked, and the
  // page's module where it cannot (src/worker.rs).
  const check = module(['-p', 'kehoach-check', '--lib'], 'kehoach_check.wasm', 'kehoach-check', { speed: true });
  const start = `<script type="module">
import init from './${name}.js';
globalThis.kehoachCheck = {
  glue: new URL('./${check.name}.js', import.meta.url).href,
  wasm: new URL('./${check.name}_bg.wasm', import.meta.url).href,
};
let docx;
globalThis.kehoachDocx = () => (docx ??= import('./${docx.name}.js').then(async (m) => {
  await m.default({ module_or_path: './${docx.name}_bg.wasm' });
  return m;
}).catch((e) => { docx = undefined; throw e; }));
await init({ module_or_path: './${name}_bg.wasm' });
</script>
  <link rel="modulepreload" href="./${name}.js" crossorigin="anonymous" integrity="${integrity(glue)}">`
    + `<link rel="preload" href="./${name}_bg.wasm" crossorigin="anonymous" integrity="${integrity(wasm)}" as="fetch" type="application/wasm">`;
  if (!html.includes('</head>')) throw new Error('index.html has no </head>');
  // Where a data-trunk link stood alone on its line, the line goes too.
  html = html.replace(/\n[ \t]*(?=\n)/g, '').replace('</head>', () => `${start}</head>`);
  fs.writeFileSync(path.join(stage, 'index.html'), html);

  const finished = finish(stage);
  fs.rmSync(out, { recursive: true, force: true });
  fs.renameSync(stage, out);
  console.log(`build: ${path.relative(repo, out)}/ version ${finished.version}: wasm ${(wasm.length / 1024).toFixed(0)} KB (.docx module ${(docx.wasm.length / 1024).toFixed(0)} KB, check worker's ${(check.wasm.length / 1024).toFixed(0)} KB), ${finished.files.length} files`);
}

build();
