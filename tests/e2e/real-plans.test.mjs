// Real plans as they arrive (issue 12): pasted from a legal-text website with their
// annex task tables, or issued by a decision. "Bản in" prints every word, the annex
// on a page of its own with its table, and "Nhiệm vụ" lists the table's tasks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { useApp, openApp, fixture, root } from './harness.mjs';

const app = useApp();

/** Words of a text, lower case, numbers without leading zeros (the signed copy writes
 *  dates as the decree does: `ngày 05` may print as written or as canonical). */
function words(text) {
  return new Set(
    text
      .normalize('NFC')
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .map((w) => w.toLowerCase().replace(/^0+(?=\d)/, '')),
  );
}

/** Puts a whole document into the editor as one input (what a paste does), and waits
 *  for its findings. */
async function paste(page, editor, text) {
  await editor.evaluate((e, v) => {
    e.value = v;
    e.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
  await page.waitForFunction(() => document.querySelectorAll('ul.findings li').length > 0, null, {
    timeout: 60_000,
  });
}

/** The core's clean text of a file: what every export and the print view show. */
function cleanText(file) {
  return execFileSync('cargo', ['run', '-q', '-p', 'kehoach-cli', '--', 'export', '--to', 'text', file], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Every seed and real fixture (text, or a Word file), by path. */
function documents() {
  const out = [];
  for (const sub of ['crates/kehoach-core/tests/seeds', 'crates/kehoach-core/tests/fixtures/real']) {
    const dir = path.join(root, sub);
    for (const f of fs.readdirSync(dir).filter((f) => /\.(txt|docx)$/.test(f)).sort()) out.push(path.join(dir, f));
  }
  return out;
}

test('Bản in prints every word of every seed and real fixture', async () => {
  const failures = [];
  for (const file of documents()) {
    // A fresh page (and storage) per document: each is pasted into an empty draft.
    const context = await app.browser.newContext();
    const { page, editor, errors } = await openApp(context, app.server.url);
    if (file.endsWith('.docx')) {
      // A Word file is opened, as a clerk opens one ("Mở tệp").
      await page.getByLabel('Mở tệp').setInputFiles(file);
      // The file's text in the editor, then its findings: the empty draft it opens
      // over has findings of its own, and on a busy machine the print was asked
      // for before the `.docx` module had answered (CI, session 27).
      await page.waitForFunction(
        () => document.getElementById('plan-text').value.length > 0 && document.querySelectorAll('ul.findings li').length > 0,
        null,
        { timeout: 60_000 },
      );
    } else {
      await paste(page, editor, fs.readFileSync(file, 'utf8'));
    }
    await page.getByRole('button', { name: 'Bản in', exact: true }).click();
    const sheet = page.getByRole('article', { name: 'Bản in' });
    await sheet.waitFor();
    const printed = words(await sheet.innerText());
    const missing = [...words(cleanText(file))].filter((w) => !printed.has(w));
    if (missing.length) failures.push(`${path.basename(file)}: ${missing.slice(0, 12).join(', ')}`);
    if (errors.length) failures.push(`${path.basename(file)}: page errors ${errors.join('; ')}`);
    await context.close();
  }
  assert.deepEqual(failures, []);
});

for (const [prefix, what] of [
  ['156_', 'a plan whose annex is a task table, one cell per line'],
  ['153_', 'a decision that issues a plan, with annexes'],
]) {
  test(`Bản in lays out the annexes of ${what}`, async () => {
    const context = await app.browser.newContext();
    const { page, editor, errors } = await openApp(context, app.server.url);
    await paste(page, editor, fixture(prefix));
    await page.getByRole('button', { name: 'Bản in', exact: true }).click();
    const sheet = page.getByRole('article', { name: 'Bản in' });
    await sheet.waitFor();
    // Each annex starts a page; its task table is a real table with a header row.
    const annexes = sheet.locator('section.p-annex');
    assert.ok((await annexes.count()) >= 1);
    const breakBefore = await annexes.first().evaluate((e) => getComputedStyle(e).breakBefore);
    assert.equal(breakBefore, 'page');
    if (prefix === '156_') {
      const table = annexes.first().locator('table.p-table');
      assert.ok((await table.locator('thead th').count()) >= 4);
      assert.match(await table.innerText(), /Sở Công Thương/);
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('Nhiệm vụ lists the annex table\'s tasks with their lead and source', async () => {
  const context = await app.browser.newContext();
  const { page, editor } = await openApp(context, app.server.url);
  await paste(page, editor, fixture('156_'));
  await page.getByRole('tab', { name: 'Nhiệm vụ' }).click();
  const table = page.getByRole('table', { name: 'Nhiệm vụ' });
  await table.waitFor();
  const rows = table.locator('tbody tr');
  const body = await table.innerText();
  assert.match(body, /Hỗ trợ cho các doanh nghiệp/);
  assert.match(body, /Bảng · PHỤ LỤC/);
  assert.ok((await rows.count()) >= 5);
  // Clicking a task selects its text in the editor.
  await rows.filter({ hasText: 'Bảng · PHỤ LỤC' }).first().getByRole('button').click();
  const selected = await editor.evaluate((e) => e.value.slice(e.selectionStart, e.selectionEnd));
  assert.ok(selected.length > 0, 'the task is selected');
  await context.close();
});
