// Where the page's thread spends a keystroke in a large text: a CDP CPU profile (self
// time summed per function, wasm functions by name) or, with PROF_TRACE=1, Chromium's
// trace (time per event kind, and the long events in order). Not a test; speed is
// measured by perf.mjs. The names need a copy of dist/ whose page module keeps them:
//
//   make dist && rm -rf /tmp/distp && cp -r dist /tmp/distp && cd /tmp/distp
//   wasm-bindgen --target=web --out-dir=. --out-name=app --no-typescript --keep-debug \
//     ../../work/main/target/wasm32-unknown-unknown/web/kehoach-app.wasm   # (the repo's target/)
//   wasm-opt -Oz -g app_bg.wasm -o kehoach-app-*_bg.wasm (the same features as build.mjs)
//   cp app.js kehoach-app-*.js; sed -i 's/ integrity="[^"]*"//g' index.html
//
// then PROF_DIST=/tmp/distp PROF_BYTES=10000000 PROF_RUNS=6 node tests/e2e/profile.mjs
// (real plans joined to PROF_BYTES, typed at the end).
import fs from 'node:fs';
import { serveDist, launch, realPlans } from './harness.mjs';

const size = Number(process.env.PROF_BYTES || 1_000_000);
const text = realPlans(size);
const server = await serveDist({ folder: () => process.env.PROF_DIST });
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.goto(server.url);
await page.getByRole('textbox', { name: 'Nội dung kế hoạch' }).waitFor({ timeout: 30_000 });
await page.evaluate(async (text) => {
  const el = document.getElementById('plan-text');
  el.value = text;
  el.dispatchEvent(new InputEvent('input', { bubbles: true }));
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  await frame();
  while (document.querySelector('.status.checking')) await frame();
  await new Promise((r) => setTimeout(r, 500));
  el.focus();
  el.setSelectionRange(el.value.length, el.value.length);
  el.blur(); el.focus();
}, text);
const cdp = await page.context().newCDPSession(page);
const TRACE = process.env.PROF_TRACE === '1';
const events = [];
if (TRACE) {
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,blink,v8', transferMode: 'ReportEvents' });
} else {
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
}
const times = await page.evaluate(async (runs) => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const out = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    if (i % 2 === 0) document.execCommand('insertText', false, 'x');
    else document.execCommand('delete');
    await frame();
    const f = performance.now() - t0;
    while (document.querySelector('.status.checking')) await frame();
    out.push([f, performance.now() - t0]);
    await new Promise((r) => setTimeout(r, 150));
  }
  return out;
}, Number(process.env.PROF_RUNS || 10));
console.log(JSON.stringify(times.map(([a, b]) => [a.toFixed(1), b.toFixed(1)])));
if (TRACE) {
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await done;
  const sums = new Map();
  const tid = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur || (tid && (e.tid !== tid.tid || e.pid !== tid.pid))) continue;
    sums.set(e.name, (sums.get(e.name) || 0) + e.dur);
  }
  [...sums.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40).forEach(([k, v]) => console.log((v / 1000).toFixed(1).padStart(9), k));
  const main = events.filter((e) => e.ph === 'X' && e.dur > 8000 && (!tid || (e.tid === tid.tid && e.pid === tid.pid)) && ['Layout', 'TimerFire', 'EventDispatch', 'TypingCommand::InsertText', 'Paint', 'FunctionCall', 'HandlePostMessage', 'UpdateLayoutTree', 'PrePaint', 'ScheduledAction::execute', 'FireAnimationFrame'].includes(e.name));
  main.sort((a, b) => a.ts - b.ts);
  const t0 = main[0]?.ts ?? 0;
  for (const e of main.slice(0, 120)) console.log(((e.ts - t0) / 1000).toFixed(0).padStart(7), (e.dur / 1000).toFixed(1).padStart(7), e.name, JSON.stringify(e.args?.data?.type ?? e.args?.beginData?.stackTrace?.[0]?.functionName ?? e.args?.data?.functionName ?? ''));
  await browser.close();
  process.exit(0);
}
const { profile } = await cdp.send('Profiler.stop');
const self = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas;
const counts = new Map();
profile.samples.forEach((id, i) => counts.set(id, (counts.get(id) || 0) + (dt[i] || 0)));
let total = 0;
for (const [id, us] of counts) {
  const n = byId.get(id);
  const name = (n.callFrame.functionName || '(anon)') + ' ' + (n.callFrame.url.split('/').pop() || '');
  if (name.startsWith('(idle)') || name.startsWith('(program)')) continue;
  self.set(name, (self.get(name) || 0) + us);
  total += us;
}
console.log('busy ms', (total / 1000).toFixed(1));
[...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PROF_TOP || 45)).forEach(([k, v]) => console.log((v / 1000).toFixed(1).padStart(8), k.slice(0, 150)));
fs.writeFileSync('/tmp/prof/profile.cpuprofile', JSON.stringify(profile));
await browser.close();
await server.close?.();
process.exit(0);
