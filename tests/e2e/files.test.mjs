// Downloads and opening files: the .docx opens in LibreOffice (converted to PDF there)
// with A4 page setup, the decree's margins and the plan's text; a JSON export opens
// back as the same plan; .txt and .docx open by drop and by picker, each into a new
// draft; a broken file says why and changes nothing; a .docx module that cannot
// load says so and loads on the next try.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { useApp, openApp, seed, artifacts } from './harness.mjs';

const app = useApp();

const MM = 72 / 25.4;

async function open() {
  const context = await app.browser.newContext({ acceptDownloads: true });
  const { page, editor } = await openApp(context, app.server.url);
  return { context, page, editor };
}

async function download(page, button) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kehoach-')), d.suggestedFilename());
  await d.saveAs(file);
  return file;
}

test('the .docx opens in LibreOffice as an A4 document with the plan inside the margins', async () => {
  const { context, page, editor } = await open();
  await editor.fill(seed('000_'));
  const docx = await download(page, 'Tải .docx');
  assert.equal(path.basename(docx), 'KH-11-UBND-2017-02-14.docx');
  const outdir = path.dirname(docx);
  execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${outdir}/lo-profile`, '--convert-to', 'pdf', '--outdir', outdir, docx], { stdio: 'pipe', timeout: 120_000 });
  const pdf = docx.replace(/\.docx$/, '.pdf');
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const size = info.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/);
  assert.ok(Math.abs(+size[1] - 210 * MM) < 2 && Math.abs(+size[2] - 297 * MM) < 2, size[0]);
  const plain = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  for (const phrase of ['ỦYBANNHÂNDÂN', 'TỈNHCÀMAU', 'Số:11/KH-UBND', 'CỘNGHÒAXÃHỘICHỦNGHĨAVIỆTNAM', 'Độclập-Tựdo-Hạnhphúc', 'CàMau,ngày14tháng02năm2017', 'KẾHOẠCH', 'III.TỔCHỨCTHỰCHIỆN', 'trướcngày28/02/2017./.']) {
    assert.ok(plain.includes(phrase), phrase);
  }
  // Words inside the margins (left 30 mm, right 15 mm), as LibreOffice laid them out.
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  for (const m of html.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"/g)) {
    assert.ok(+m[1] >= 30 * MM - 2, `word left of the margin at ${m[1]}`);
    assert.ok(+m[2] <= 210 * MM - 15 * MM + 2, `word right of the margin at ${m[2]}`);
  }
  fs.mkdirSync(artifacts, { recursive: true });
  fs.copyFileSync(docx, path.join(artifacts, path.basename(docx)));
  await context.close();
});

test('a JSON export opens back as the same plan; .txt by drop and .docx by picker; each a new draft', async () => {
  const { context, page, editor } = await open();
  await editor.fill(seed('003_'));
  const clean = fs.readFileSync(await download(page, 'Tải văn bản sạch'), 'utf8');
  const json = await download(page, 'Tải JSON');
  const docx = await download(page, 'Tải .docx');

  await page.locator('input[type="file"]').setInputFiles(json);
  await page.waitForFunction((t) => document.getElementById('plan-text').value === t, clean);
  const findings = page.getByRole('list', { name: 'Kết quả kiểm tra' });
  await findings.locator('li[data-code="KH401"]').waitFor();
  await findings.locator('li[data-code="KH402"]').waitFor();

  // Drop a .txt onto the editor.
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(['KẾ HOẠCH\nThả tệp vào\n'], 'tha.txt', { type: 'text/plain' }));
    document.querySelector('.frame').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => document.getElementById('plan-text').value === 'KẾ HOẠCH\nThả tệp vào\n');

  await page.locator('input[type="file"]').setInputFiles(docx);
  await page.waitForFunction(() => document.getElementById('plan-text').value.includes('m) Theo dõi'));
  assert.match(await editor.inputValue(), /^KẾ HOẠCH$/m);
  // Each file opened into a new draft; the one typed first is still there.
  await page.getByRole('tab', { name: 'Bản nháp' }).click();
  const drafts = page.getByRole('list', { name: 'Bản nháp', exact: true }).getByRole('listitem');
  await drafts.nth(3).waitFor();
  assert.equal(await drafts.count(), 4);
  await drafts.last().locator('.draft-open').click();
  assert.equal(await editor.inputValue(), seed('003_'));
  await context.close();
});

test('a broken or foreign file gets a clear message and the text stays', async () => {
  const { context, page, editor } = await open();
  await editor.fill('KẾ HOẠCH\nGiữ nguyên\n');
  await page.locator('input[type="file"]').setInputFiles({ name: 'hong.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\x03\x04 not really a zip') });
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /hong\.docx: Không đọc được tệp Word/);
  await page.locator('input[type="file"]').setInputFiles({ name: 'la.json', mimeType: 'application/json', buffer: Buffer.from('{"name": "not a plan"}') });
  await page.waitForFunction(() => document.querySelector('[role="alert"]')?.innerText.includes('la.json'));
  assert.match(await alert.innerText(), /schema_version/);
  assert.equal(await editor.inputValue(), 'KẾ HOẠCH\nGiữ nguyên\n');
  await context.close();
});

test('when the .docx module cannot load, the page says so, keeps the text, and loads it on the next try', async () => {
  // No service worker: it would answer from its cache, past the route.
  const context = await app.browser.newContext({ acceptDownloads: true, serviceWorkers: 'block' });
  const { page, editor } = await openApp(context, app.server.url);
  await editor.fill(seed('000_'));
  const blocked = (route) => route.abort('internetdisconnected');
  await context.route(/kehoach-docx-[0-9a-f]+/, blocked);
  await page.getByRole('button', { name: 'Tải .docx', exact: true }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /Không tải được phần xử lý tệp Word/);
  assert.equal(await editor.inputValue(), seed('000_'));
  // The network is back: the module loads this time.
  await context.unroute(/kehoach-docx-[0-9a-f]+/, blocked);
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải .docx', exact: true }).click()]);
  assert.equal(d.suggestedFilename(), 'KH-11-UBND-2017-02-14.docx');
  await context.close();
});
