// Rule settings (issue 16): in "Quy tắc", a rule turned off vanishes from every
// draft, stays off across a reload, travels in a backup to a fresh browser, and
// comes back when set to its default; the settings download as the JSON the CLI
// reads (.kehoach.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useApp, openApp, putText, seed, backupIntoFreshBrowser } from './harness.mjs';

const app = useApp();

test('a rule turned off vanishes from every draft, stays off, and comes back', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const { page, editor, errors } = await openApp(context, app.server.url);
  const findings = page.getByRole('list', { name: 'Kết quả kiểm tra' });
  const kh401 = findings.locator('li[data-code="KH401"]');
  await putText(page, seed('003_'));
  await kh401.first().waitFor();

  await page.getByRole('tab', { name: 'Quy tắc', exact: true }).click();
  await page.getByLabel('Tìm quy tắc').fill('KH401');
  assert.equal(await page.getByRole('list', { name: 'Danh mục quy tắc' }).getByRole('listitem').count(), 1, 'the search keeps one rule');
  const level = page.getByLabel('Mức áp dụng KH401');
  await level.selectOption('off');
  await page.waitForFunction(() => !document.querySelector('li[data-code="KH401"]'));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải thiết lập quy tắc' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'kehoach-quy-tac.json');
  assert.deepEqual(JSON.parse(fs.readFileSync(await download.path(), 'utf8')), { rules: { KH401: 'off' } });

  // Another draft with the same plan: off there too; and after a reload.
  await page.getByRole('tab', { name: 'Bản nháp', exact: true }).click();
  await page.getByRole('button', { name: 'Bản nháp mới' }).click();
  await putText(page, seed('003_'));
  await page.getByRole('tab', { name: 'Kết quả', exact: true }).click();
  await findings.locator('li[data-code="KH402"], li[data-code]').first().waitFor();
  assert.equal(await kh401.count(), 0, 'off in the other draft');
  await page.reload();
  await editor.waitFor();
  await findings.locator('li[data-code]').first().waitFor();
  assert.equal(await kh401.count(), 0, 'still off after a reload');

  // A backup carries the settings to a fresh browser.
  const fresh = await backupIntoFreshBrowser(app, page);
  const other = fresh.context;
  await fresh.page.getByRole('tab', { name: 'Quy tắc', exact: true }).click();
  assert.equal(await fresh.page.getByLabel('Mức áp dụng KH401').inputValue(), 'off', 'the fresh browser has the settings');
  assert.deepEqual(fresh.errors, []);
  await other.close();

  await page.getByRole('tab', { name: 'Quy tắc', exact: true }).click();
  await page.getByLabel('Mức áp dụng KH401').selectOption('');
  await page.getByRole('tab', { name: 'Kết quả', exact: true }).click();
  await kh401.first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
