// Measures, in Chromium, for each seed, for synthetic plans of 200 KB, 1 MB and
// 10 MB and for real plans joined to 1 MB (typed at the end and a third of the way
// in): the time from a keystroke in the editor to the next frame (what typing
// feels), and to findings fresh for the new text (the worker's result in, for large
// texts). Prints a Markdown table for the README (`make perf`); not a test:
// speed is reported, never asserted.
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, root, artifacts, realPlans } from './harness.mjs';

const seedsDir = path.join(root, 'crates/kehoach-core/tests/seeds');
const seeds = fs.readdirSync(seedsDir).sort().map((f) => [f.slice(0, 3), fs.readFileSync(path.join(seedsDir, f), 'utf8')]);

// One plan: a header, the seeds' bodies (feet and end marks removed) as one long
// body, then a foot. Same shape as the criterion benchmark's synthetic plans.
function synthetic(bytes) {
  const bodies = seeds.map(([, t]) => {
    const lines = t.split('Nơi nhận')[0].replaceAll('./.', '.').split('\n');
    const start = Math.max(0, lines.findIndex((l) => l.startsWith('I. ') || l.startsWith('1. ')));
    return lines.slice(start).join('\n');
  });
  let s = 'UBND TỈNH KIÊN GIANG\nSỞ NGOẠI VỤ\nSố: 05/KH-SNgV\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nKiên Giang, ngày 05 tháng 3 năm 2021\n\nKẾ HOẠCH\nCông tác thông tin đối ngoại năm 2021\n\n';
  let i = 0;
  while (Buffer.byteLength(s) < bytes) s += bodies[i++ % bodies.length] + '\n';
  return s + 'Trên đây là Kế hoạch công tác thông tin đối ngoại năm 2021./.\n\nNơi nhận:\n- Sở Thông tin và Truyền thông;\n- Lưu: VT, ttri.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nNguyễn Việt Thông\n';
}


const cases = [
  ...seeds.map(([n, t]) => [`seed ${n}`, t]),
  ['synthetic 200 KB', synthetic(200_000)],
  ['synthetic 1 MB', synthetic(1_000_000)],
  ['real plans 1 MB', realPlans(1_000_000)],
  ['real plans 1 MB, typed a third of the way in', realPlans(1_000_000), 0.3],
  ['synthetic 10 MB', synthetic(10_000_000)],
];
const RUNS = Number(process.env.PERF_RUNS || 15);

const server = await serveDist();
const browser = await launch();

// First load: from navigation to the editor in the page (wasm fetched, compiled and
// started), in a fresh context each time (no cache), median of 5.
const loads = [];
for (let i = 0; i < 5; i++) {
  const context = await browser.newContext();
  const p = await context.newPage();
  await p.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.getElementById('plan-text')) {
        window.__editorAt = performance.now();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await p.goto(server.url);
  await p.getByRole('textbox', { name: 'Nội dung kế hoạch' }).waitFor({ timeout: 30_000 });
  loads.push(await p.evaluate(() => window.__editorAt));
  await context.close();
}
loads.sort((a, b) => a - b);
const firstLoad = loads[Math.floor(loads.length / 2)];
console.error(`first load: ${firstLoad.toFixed(0)} ms`);

const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
// The page's wasm memory, kept as the module is instantiated (measured beside the JS
// heap; the app itself exposes nothing for this).
await page.addInitScript(() => {
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[name];
    WebAssembly[name] = async (...args) => {
      const result = await original.apply(WebAssembly, args);
      const exports = (result.instance ?? result).exports;
      if (exports?.memory) window.__wasmMemory = exports.memory;
      return result;
    };
  }
});
await page.goto(server.url);
await page.getByRole('textbox', { name: 'Nội dung kế hoạch' }).waitFor({ timeout: 30_000 });

// Types into the textarea `id` (at the end, or a fraction `at` of the way in), in the
// page: for each of `runs` keystrokes, [keystroke to frame, keystroke to findings
// fresh] in ms. Runs in the app's page and in a bare one (where nothing is ever
// "checking": fresh at once).
async function typeInto({ id, text, runs, at }) {
  const el = document.getElementById(id);
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const checking = () => document.querySelector('.status.checking') !== null;
  // Fresh: no older text's findings shown (the worker's result is in), polled
  // each frame; a text checked on the page's thread is fresh at its first frame.
  const fresh = async (t0) => {
    while (checking()) {
      await frame();
      if (performance.now() - t0 > 60_000) return NaN;
    }
    return performance.now() - t0;
  };
  // Load the text once, then type at the end of it as a user does: one character
  // inserted, then deleted, through the browser's editing path.
  el.value = text;
  el.dispatchEvent(new InputEvent('input', { bubbles: true }));
  await frame();
  await fresh(performance.now());
  await new Promise((r) => setTimeout(r, 300));
  el.focus();
  // At the end, or a fraction `at` of the way in (every finding after it moves).
  const caret = at === undefined ? el.value.length : Math.floor(el.value.length * at);
  el.setSelectionRange(caret, caret);
  // With the caret in view, as where a user types: focusing again scrolls to it
  // (setting the selection alone leaves the view where it was, at the end).
  el.blur();
  el.focus();
  const out = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    if (i % 2 === 0) document.execCommand('insertText', false, 'x');
    else document.execCommand('delete');
    // Keystroke to frame: the input handled (the check too, when it runs on the
    // page's thread) and the next frame starting.
    await frame();
    const toFrame = performance.now() - t0;
    const toFresh = await fresh(t0);
    out.push([toFrame, toFresh]);
    await new Promise((r) => setTimeout(r, 100));
  }
  return out;
}

const rows = [];
for (const [name, text, at] of cases) {
  const runs = text.length > 5_000_000 ? 5 : RUNS;
  const times = await page.evaluate(typeInto, { id: 'plan-text', text, runs, at });
  const stat = (k) => {
    const v = times.map((t) => t[k]).sort((a, b) => a - b);
    return [v[Math.floor(v.length / 2)], v[Math.min(v.length - 1, Math.floor(v.length * 0.95))]];
  };
  const [frame, frameP95] = stat(0);
  const [fresh, freshP95] = stat(1);
  rows.push({ name, bytes: Buffer.byteLength(text), frame, frameP95, fresh, freshP95 });
  console.error(`${name}: keystroke to frame ${frame.toFixed(1)} ms, findings fresh ${fresh.toFixed(1)} ms`);
}
const memory = await page.evaluate(() => performance.memory ? performance.memory.usedJSHeapSize : null);
const wasmMemory = await page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? null);

// The browser's own share: a bare textarea (no script) of the editor's geometry, as
// the app lays it out (place, size, font, padding, wrapping: the cost of editing a
// large value grows with the lines it wraps into), holding the same large texts,
// typed into the same way. What the app adds is the difference.
const editorStyle = await page.evaluate(() => {
  const el = document.getElementById('plan-text');
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const copied = ['font', 'padding', 'white-space', 'overflow-wrap', 'word-break', 'tab-size', 'letter-spacing', 'box-sizing', 'border'];
  return [`position:absolute;margin:0;left:${r.left}px;top:${r.top}px;width:${r.width}px;height:${r.height}px`, ...copied.map((k) => `${k}:${cs.getPropertyValue(k)}`)].join(';');
});
const bare = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await bare.setContent(`<textarea id="t" style='${editorStyle}'></textarea>`);
const floors = [];
for (const [name, text, at] of cases.filter(([, t]) => t.length > 500_000)) {
  const runs = text.length > 5_000_000 ? 5 : RUNS;
  const times = await bare.evaluate(typeInto, { id: 't', text, runs, at });
  const toFrame = times.map((t) => t[0]).sort((a, b) => a - b);
  const median = toFrame[Math.floor(toFrame.length / 2)];
  floors.push({ name, median });
  console.error(`bare textarea, ${name}: keystroke to frame ${median.toFixed(1)} ms`);
}
await bare.close();
await browser.close();
await server.close();

fs.mkdirSync(artifacts, { recursive: true });
fs.writeFileSync(path.join(artifacts, 'perf.json'), JSON.stringify({ firstLoad, rows, floors, memory, wasmMemory }, null, 2));
console.log(`First load, navigation to the editor (no cache, median of 5): ${firstLoad.toFixed(0)} ms.\n`);
console.log('| text | size | keystroke to frame, median (p95) ms | findings fresh, median (p95) ms |\n|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.name} | ${(r.bytes / 1024).toFixed(0)} KB | ${r.frame.toFixed(1)} (${r.frameP95.toFixed(1)}) | ${r.fresh.toFixed(1)} (${r.freshP95.toFixed(1)}) |`);
}
if (floors.length) {
  console.log('\nA bare textarea with the same text, no script (the browser\'s own share), keystroke to frame, median:');
  for (const f of floors) console.log(`- ${f.name}: ${f.median.toFixed(1)} ms`);
}
if (memory) console.log(`\nJS heap after the 10 MB text: ${(memory / 1048576).toFixed(0)} MB (performance.memory).`);
if (wasmMemory) console.log(`The page's wasm memory then: ${(wasmMemory / 1048576).toFixed(0)} MB (the check worker's is its own).`);
