// Real plans as they arrive (issue 12): pasted from a legal-text website with their
// annex task tables, or issued by a decision. "Bản in" prints every word, the annex
// on a page of its own with its table, and "Nhiệm vụ" lists the table's tasks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, fixture } from './harness.mjs';

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

for (const [prefix, what] of [
  ['156_', 'a plan whose annex is a task table, one cell per line'],
  ['153_', 'a decision that issues a plan, with annexes'],
]) {
  test(`Bản in keeps every word of ${what}`, async () => {
    const context = await app.browser.newContext();
    const { page, editor, errors } = await openApp(context, app.server.url);
    const text = fixture(prefix);
    await editor.fill(text);
    await page.getByRole('button', { name: 'Bản in', exact: true }).click();
    const sheet = page.getByRole('article', { name: 'Bản in' });
    await sheet.waitFor();
    const printed = words(await sheet.innerText());
    const missing = [...words(text)].filter((w) => !printed.has(w));
    assert.deepEqual(missing, [], `words missing from Bản in: ${missing.slice(0, 20).join(', ')}`);
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
  await editor.fill(fixture('156_'));
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
