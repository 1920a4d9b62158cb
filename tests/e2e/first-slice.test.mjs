// The first slice, end to end in Chromium: the wasm app loads, a pasted plan is
// checked as it arrives, and the text survives a reload (localStorage).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useApp, seed, artifacts } from './harness.mjs';

const app = useApp();

test('paste seed 003, see the numbering errors of lines 104 and 130, reload keeps the text', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(app.server.url);

  const editor = page.getByRole('textbox', { name: 'Nội dung kế hoạch' });
  const findings = page.getByRole('list', { name: 'Kết quả kiểm tra' });
  await editor.waitFor({ timeout: 30_000 });

  const text = seed('003_');
  // A real paste: the clipboard event path a user takes, then the input event.
  await editor.focus();
  await page.evaluate((t) => {
    const el = document.activeElement;
    el.value = t;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);

  const gap = findings.locator('li[data-line="104"][data-code="KH401"]');
  const letter = findings.locator('li[data-line="130"][data-code="KH402"]');
  await gap.waitFor({ timeout: 10_000 });
  await letter.waitFor({ timeout: 10_000 });
  assert.match(await gap.innerText(), /l\)/);
  assert.match(await gap.innerText(), /dòng 104/);
  assert.match(await letter.innerText(), /j\)/);
  // Line 149 (III.5 i)) is valid.
  assert.equal(await findings.locator('li[data-line="149"]').count(), 0);

  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, 'first-slice.png') });

  await page.reload();
  await editor.waitFor({ timeout: 30_000 });
  assert.equal(await editor.inputValue(), text);
  await findings.locator('li[data-line="104"]').first().waitFor({ timeout: 10_000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('typing updates the findings on every input', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await page.goto(app.server.url);
  const editor = page.getByRole('textbox', { name: 'Nội dung kế hoạch' });
  await editor.waitFor({ timeout: 30_000 });
  await editor.fill('KẾ HOẠCH\nCông tác năm 2024\n1. Nhiệm vụ\na) Một.\n');
  const findings = page.getByRole('list', { name: 'Kết quả kiểm tra' });
  await findings.locator('li[data-code="KH101"]').waitFor();
  assert.equal(await findings.locator('li[data-code="KH401"]').count(), 0);
  await editor.press('End');
  await page.keyboard.type('c) Ba.');
  await findings.locator('li[data-code="KH401"][data-line="5"]').waitFor({ timeout: 5_000 });
  await context.close();
});
