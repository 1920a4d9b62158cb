// `make bench-wasm`: kehoach-core's check in wasm beside the same check natively, on
// the same texts, best of RUNS each. The wasm is `crates/kehoach-bench-wasm` (the
// check alone, no bindings) built as the Makefile says (the page's profile and
// wasm-opt settings, and the worker's), so it runs as the check in the page and in
// its worker does. Not a test: it prints a table for the README.
//
//   node scripts/bench-wasm.mjs NATIVE_BIN LABEL=MODULE.wasm... TEXT.txt...
//
// NATIVE_BIN is the core's `families` example, which times a file natively the same
// way (FAMILIES_TIME).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const [nativeBin, ...rest] = process.argv.slice(2);
const modules = rest.filter((a) => a.endsWith('.wasm')).map((a) => a.split('='));
const texts = rest.filter((a) => a.endsWith('.txt'));
const RUNS = Number(process.env.RUNS || 10);

// The core reaches wasm-bindgen through zip's getrandom; the check never calls it,
// so its imports are stubs (instantiation needs them to exist).
function instantiate(file) {
  const module = new WebAssembly.Module(fs.readFileSync(file));
  const imports = {};
  for (const i of WebAssembly.Module.imports(module)) {
    imports[i.module] ??= {};
    imports[i.module][i.name] = () => {
      throw new Error(`the check called ${i.module}.${i.name}`);
    };
  }
  return new WebAssembly.Instance(module, imports).exports;
}

function wasmBest({ memory, bench_input, bench_check }, bytes) {
  let best = Infinity;
  let findings = 0;
  for (let i = 0; i < RUNS; i++) {
    // The text is copied in each run (as the worker receives it), outside the time.
    const at = bench_input(bytes.length);
    new Uint8Array(memory.buffer, at, bytes.length).set(bytes);
    const t0 = performance.now();
    findings = bench_check();
    best = Math.min(best, performance.now() - t0);
  }
  return { best, findings };
}

const instances = modules.map(([label, file]) => [label, instantiate(file)]);
const mib = (bytes, ms) => `${(bytes / 1048576 / (ms / 1000)).toFixed(1)} MiB/s`;
console.log(`| text | size | native | ${instances.map(([l]) => `wasm, ${l} | ÷ native`).join(' | ')} |`);
console.log(`|---|---|---|${instances.map(() => '---|---|').join('')}`);
for (const file of texts) {
  const bytes = fs.readFileSync(file);
  // The native build times the same file the same way: best of RUNS, in ms, then
  // the number of findings.
  const [native, nativeFindings] = execFileSync(nativeBin, [], {
    env: { ...process.env, FAMILIES_TIME: file, FAMILIES_RUNS: String(RUNS) },
  }).toString().trim().split(/\s+/).map(Number);
  const cells = instances.map(([label, exports]) => {
    const wasm = wasmBest(exports, bytes);
    if (wasm.findings !== nativeFindings) {
      throw new Error(`${file}: ${nativeFindings} findings natively, ${wasm.findings} in wasm (${label})`);
    }
    return `${wasm.best.toFixed(1)} ms (${mib(bytes.length, wasm.best)}) | ${(wasm.best / native).toFixed(2)}`;
  });
  const name = path.basename(file, '.txt');
  console.log(`| ${name} | ${(bytes.length / 1024).toFixed(0)} KB | ${native.toFixed(1)} ms (${mib(bytes.length, native)}) | ${cells.join(' | ')} |`);
}
