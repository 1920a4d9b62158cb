// Measures, in Chromium, the time from an input event in the editor to the findings
// list updated and the next frame starting, for each seed and for synthetic plans of
// 200 KB and 1 MB. Prints a Markdown table for the README (`make perf`); not a test:
// speed is reported, never asserted.
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, root, artifacts } from './harness.mjs';

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

const cases = [...seeds.map(([n, t]) => [`seed ${n}`, t]), ['synthetic 200 KB', synthetic(200_000)], ['synthetic 1 MB', synthetic(1_000_000)]];
const RUNS = Number(process.env.PERF_RUNS || 15);

const server = await serveDist();
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.goto(server.url);
await page.getByRole('textbox', { name: 'Nội dung kế hoạch' }).waitFor({ timeout: 30_000 });

const rows = [];
for (const [name, text] of cases) {
  const times = await page.evaluate(async ({ text, runs }) => {
    const el = document.getElementById('plan-text');
    // Load the text once, then type at the end of it as a user does: one character
    // inserted, then deleted, through the browser's editing path.
    el.value = text;
    el.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 500));
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
    const once = (insert) => new Promise((resolve) => {
      const list = document.querySelector('ul[aria-label="Kết quả kiểm tra"]');
      const layer = document.querySelector('.layer');
      const timer = setTimeout(() => { obs.disconnect(); resolve(NaN); }, 20_000);
      // Done when the DOM has been updated for the new text (the highlight layer
      // always changes; the findings list is updated in the same pass) and the next
      // frame starts.
      const obs = new MutationObserver(() => {
        obs.disconnect();
        clearTimeout(timer);
        requestAnimationFrame(() => resolve(performance.now() - t0));
      });
      obs.observe(list, { childList: true, subtree: true, characterData: true });
      obs.observe(layer, { childList: true, subtree: true, characterData: true });
      const t0 = performance.now();
      if (insert) document.execCommand('insertText', false, 'x');
      else document.execCommand('delete');
    });
    const out = [];
    for (let i = 0; i < runs; i++) {
      out.push(await once(i % 2 === 0));
      await new Promise((r) => setTimeout(r, 50));
    }
    return out;
  }, { text, runs: RUNS });
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))];
  rows.push({ name, bytes: Buffer.byteLength(text), median, p95 });
  console.error(`${name}: median ${median.toFixed(1)} ms`);
}
await browser.close();
await server.close();

fs.mkdirSync(artifacts, { recursive: true });
fs.writeFileSync(path.join(artifacts, 'perf.json'), JSON.stringify(rows, null, 2));
console.log('| text | size | median (ms) | p95 (ms) |\n|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.name} | ${(r.bytes / 1024).toFixed(0)} KB | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} |`);
}
