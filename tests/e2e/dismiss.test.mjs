// Dismissing a finding (issue 16): "Bỏ qua" hides that one finding in this draft,
// anchored by its rule and the words it covers. It stays hidden while other lines
// change and across a reload, comes back when its own words change, is listed under
// "Đã bỏ qua (N)" with "Hiện lại", is counted beside the errors, and travels with the
// draft in a backup to a fresh browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, putText, backupIntoFreshBrowser } from './harness.mjs';

const app = useApp();

const PLAN = 'KẾ HOẠCH\nCông tác chuyển đổi số năm 2024\n\nI. MỤC ĐÍCH\n1. Một\na) Việc thứ nhất.\nc) Việc thứ ba.\n';

test('a dismissed finding stays hidden until its words change, and travels in a backup', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const { page, editor, errors } = await openApp(context, app.server.url);
  const findings = page.getByRole('list', { name: 'Kết quả kiểm tra' });
  const gap = findings.locator('li[data-code="KH401"]');
  const dismissedList = page.locator('details.dismissed');
  await putText(page, PLAN);
  await gap.first().waitFor();
  const before = await gap.count();

  await gap.first().getByRole('button', { name: 'Bỏ qua', exact: true }).click();
  await page.waitForFunction((n) => document.querySelectorAll('ul.findings li[data-code="KH401"]').length === n - 1, before);
  await dismissedList.getByText('Đã bỏ qua (1)').waitFor();
  assert.match(await page.locator('.counts').innerText(), /1 đã bỏ qua/, 'the counts say one is hidden');

  // Another line changes (the summary), and the page reloads: still hidden.
  await putText(page, PLAN.replace('năm 2024', 'năm 2025'));
  await page.waitForTimeout(300);
  assert.equal(await gap.count(), before - 1, 'still hidden after another line changed');
  await page.getByText(/Đã lưu/).first().waitFor();
  await page.reload();
  await editor.waitFor();
  await findings.locator('li[data-code]').first().waitFor();
  assert.equal(await gap.count(), before - 1, 'still hidden after a reload');
  await dismissedList.getByText('Đã bỏ qua (1)').waitFor();

  // A backup carries the dismissal to a fresh browser, with the draft.
  const fresh = await backupIntoFreshBrowser(app, page);
  const other = fresh.context;
  await fresh.page.getByRole('list', { name: 'Bản nháp', exact: true }).getByRole('button', { name: /Công tác chuyển đổi số/ }).click();
  await fresh.page.getByRole('tab', { name: 'Kết quả', exact: true }).click();
  await fresh.page.locator('details.dismissed').getByText('Đã bỏ qua (1)').waitFor();
  assert.equal(await fresh.page.getByRole('list', { name: 'Kết quả kiểm tra' }).locator('li[data-code="KH401"]').count(), before - 1);
  assert.deepEqual(fresh.errors, []);
  await other.close();

  // "Hiện lại" shows it again; dismissed again, a change of its own words brings it back.
  await page.getByRole('tab', { name: 'Kết quả', exact: true }).click();
  await dismissedList.locator('summary').click();
  await dismissedList.getByRole('button', { name: 'Hiện lại' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('ul.findings li[data-code="KH401"]').length === n, before);
  assert.equal(await dismissedList.count(), 0, 'nothing is dismissed any more');
  await gap.first().getByRole('button', { name: 'Bỏ qua', exact: true }).click();
  await dismissedList.getByText('Đã bỏ qua (1)').waitFor();
  await putText(page, PLAN.replace('năm 2024', 'năm 2025').replace('c) Việc thứ ba.', 'd) Việc thứ ba.'));
  await page.waitForFunction((n) => document.querySelectorAll('ul.findings li[data-code="KH401"]').length === n, before);
  assert.equal(await dismissedList.count(), 0, 'its words changed: it is back');
  assert.deepEqual(errors, []);
  await context.close();
});

test('fix-all leaves a dismissed finding alone', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const { page, editor, errors } = await openApp(context, app.server.url);
  await putText(page, PLAN);
  const findings = page.getByRole('list', { name: 'Kết quả kiểm tra' });
  // The end mark `./.` is missing: a safe fix adds it.
  const endMark = findings.locator('li[data-code="KH601"]');
  await endMark.first().waitFor();
  await endMark.first().getByRole('button', { name: 'Bỏ qua', exact: true }).click();
  await page.locator('details.dismissed').getByText('Đã bỏ qua (1)').waitFor();
  await page.getByRole('button', { name: 'Sửa tất cả lỗi an toàn' }).click();
  await page.waitForTimeout(300);
  assert.ok(!(await editor.inputValue()).includes('./.'), 'the dismissed end mark is not added');
  // Shown again, fix-all adds it.
  await page.locator('details.dismissed summary').click();
  await page.getByRole('button', { name: 'Hiện lại' }).click();
  await endMark.first().waitFor();
  await page.getByRole('button', { name: 'Sửa tất cả lỗi an toàn' }).click();
  await page.waitForFunction(() => document.getElementById('plan-text').value.includes('./.'));
  assert.deepEqual(errors, []);
  await context.close();
});
