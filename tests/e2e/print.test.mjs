// "Bản in": the print view printed to PDF by headless Chromium is A4, its text sits
// inside the decree's margins, and page numbers stand at the top from page 2.
// Checked with poppler's pdfinfo and pdftotext; page 1 is kept as a PNG artifact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { useApp, seed, artifacts } from './harness.mjs';

const app = useApp();

const MM = 72 / 25.4; // points per millimetre
const A4 = { w: 210 * MM, h: 297 * MM };
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };

/** Word boxes per page from `pdftotext -bbox`. */
function words(pdf) {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  const pages = [];
  for (const page of html.split('<page ').slice(1)) {
    const list = [];
    for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      list.push({ x0: +m[1], y0: +m[2], x1: +m[3], y1: +m[4], text: m[5] });
    }
    pages.push(list);
  }
  return pages;
}

test('the print view is A4 with text inside the decree margins', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await page.goto(app.server.url);
  const editor = page.getByRole('textbox', { name: 'Nội dung kế hoạch' });
  await editor.waitFor({ timeout: 30_000 });
  await editor.fill(seed('002_'));
  await page.getByRole('button', { name: 'Bản in', exact: true }).click();
  const sheet = page.getByRole('article', { name: 'Bản in' });
  await sheet.waitFor();
  assert.match(await sheet.innerText(), /KẾ HOẠCH/);
  await page.getByRole('button', { name: 'In / Lưu PDF' }).waitFor();

  fs.mkdirSync(artifacts, { recursive: true });
  const pdf = path.join(artifacts, 'print-view.pdf');
  await page.pdf({ path: pdf, preferCSSPageSize: true });

  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const size = info.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/);
  assert.ok(size, info);
  assert.ok(Math.abs(+size[1] - A4.w) < 1 && Math.abs(+size[2] - A4.h) < 1, `not A4: ${size[0]}`);
  const pageCount = +info.match(/Pages:\s+(\d+)/)[1];
  assert.ok(pageCount >= 2, 'seed 002 runs over several pages');

  const pages = words(pdf);
  const tolerance = 1;
  pages.forEach((list, i) => {
    for (const w of list) {
      const pageNumber = /^\d+$/.test(w.text) && w.y1 <= MARGIN.top + tolerance;
      if (pageNumber) {
        assert.equal(w.text, String(i + 1), `page ${i + 1} number`);
        continue;
      }
      assert.ok(w.x0 >= MARGIN.left - tolerance, `page ${i + 1}: "${w.text}" left of the margin (${w.x0})`);
      assert.ok(w.x1 <= A4.w - MARGIN.right + tolerance, `page ${i + 1}: "${w.text}" right of the margin (${w.x1})`);
      // Stacked Vietnamese diacritics on capitals (Ộ, Ữ) rise above the font's em box:
      // the glyph, not the line, may reach a few points into the top margin.
      const accents = 4;
      assert.ok(w.y0 >= MARGIN.top - accents, `page ${i + 1}: "${w.text}" above the margin (${w.y0})`);
      assert.ok(w.y1 <= A4.h - MARGIN.bottom + tolerance, `page ${i + 1}: "${w.text}" below the margin (${w.y1})`);
    }
    const numbered = list.some((w) => /^\d+$/.test(w.text) && w.y1 <= MARGIN.top + tolerance);
    assert.equal(numbered, i > 0, `page ${i + 1}: page number ${i > 0 ? 'missing' : 'on page 1'}`);
  });
  // Words split by glyph positioning (C|Ộ|NG) in the boxes; the plain text, with white
  // space removed, keeps every phrase.
  const plain = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  for (const phrase of ['CỘNGHÒAXÃHỘICHỦNGHĨAVIỆTNAM', 'Độclập-Tựdo-Hạnhphúc', 'KẾHOẠCH', 'Nơinhận:', 'KT.CHỦTỊCH', 'PHÓCHỦTỊCH', 'LêHảiHòa', 'IV.TỔCHỨCTHỰCHIỆN']) {
    assert.ok(plain.includes(phrase), phrase);
  }
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(artifacts, 'print-page1')]);
  assert.ok(fs.existsSync(path.join(artifacts, 'print-page1.png')));
  await context.close();
});
