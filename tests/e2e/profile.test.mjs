// Office profiles (issue 16): "Hồ sơ cơ quan" keeps an office's agency, symbol,
// place, signing authority, signer and recipients. "Kế hoạch mới" fills from the
// profile in use, leaving no finding but the content's placeholders (and the number
// and day, given at signing); the header form fills from it; a clerk keeps several;
// they stay after a reload and travel in a backup to a fresh browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, backupIntoFreshBrowser } from './harness.mjs';

const app = useApp();

async function addProfile(page, fields) {
  await page.getByRole('tab', { name: 'Hồ sơ cơ quan', exact: true }).click();
  await page.getByRole('button', { name: 'Thêm hồ sơ' }).click();
  const panel = page.getByRole('tabpanel');
  for (const [label, value] of Object.entries(fields)) {
    await panel.getByLabel(label, { exact: true }).fill(value);
  }
  await page.getByRole('button', { name: 'Lưu hồ sơ' }).click();
  await page.getByText('Đã lưu hồ sơ.').waitFor();
}

const TAN_PHU = {
  'Tên hồ sơ': 'Xã Tân Phú',
  'Cơ quan chủ quản': 'UBND huyện Đồng Phú',
  'Cơ quan ban hành': 'Ủy ban nhân dân xã Tân Phú',
  'Ký hiệu cơ quan': 'UBND',
  'Địa danh': 'Tân Phú',
  'Quyền hạn ký (TM., KT.…)': 'TM. Ủy ban nhân dân / KT. Chủ tịch',
  'Chức vụ người ký': 'Phó Chủ tịch',
  'Họ tên người ký': 'Nguyễn Văn An',
};

test('a profile fills a new plan, leaving only its content to write', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const { page, editor, errors } = await openApp(context, app.server.url);
  await addProfile(page, TAN_PHU);
  await page.getByRole('tabpanel').getByLabel(/Nơi nhận thường gửi/).fill('UBND huyện (để b/c);\nCác ban, ngành xã;\nLưu: VT, VP.');
  await page.getByRole('button', { name: 'Lưu hồ sơ' }).click();

  await page.getByRole('button', { name: 'Kế hoạch mới' }).click();
  await page.waitForFunction(() => document.getElementById('plan-text').value.startsWith('UBND HUYỆN ĐỒNG PHÚ'));
  const text = await editor.inputValue();
  assert.match(text, /^UBND HUYỆN ĐỒNG PHÚ\nỦY BAN NHÂN DÂN XÃ TÂN PHÚ\nSố: {6}\/KH-UBND\n/);
  assert.match(text, /Nơi nhận:\n- UBND huyện \(để b\/c\);\n- Các ban, ngành xã;\n- Lưu: VT, VP\.\n/);
  assert.match(text, /TM\. ỦY BAN NHÂN DÂN\nKT\. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An/);
  // Every finding is a note: a placeholder of the content, or the number and day.
  await page.getByRole('tab', { name: 'Kết quả', exact: true }).click();
  const items = page.getByRole('list', { name: 'Kết quả kiểm tra' }).locator('li[data-code]');
  await items.first().waitFor();
  const found = await items.evaluateAll((els) => els.map((e) => [e.dataset.code, Number(e.dataset.line), e.className]));
  const lines = text.split('\n');
  const titleLine = lines.indexOf('KẾ HOẠCH') + 1;
  const footLine = lines.indexOf('Nơi nhận:') + 1;
  for (const [code, line, cls] of found) {
    assert.ok(cls.includes('info'), `${code} on line ${line} is a note, not ${cls}`);
    assert.ok(code === 'KH108' || code === 'KH115' || (code === 'KH003' && line > titleLine && line < footLine),
      `${code} on line ${line}: only the content's placeholders are left`);
  }

  // A second office: chosen, it fills the next new plan; the header form fills too.
  await addProfile(page, { ...TAN_PHU, 'Tên hồ sơ': 'Xã Tân Lập', 'Cơ quan ban hành': 'Ủy ban nhân dân xã Tân Lập', 'Địa danh': 'Tân Lập' });
  await page.getByRole('button', { name: 'Kế hoạch mới' }).click();
  await page.waitForFunction(() => document.getElementById('plan-text').value.includes('XÃ TÂN LẬP'));
  await page.getByRole('tab', { name: 'Hồ sơ cơ quan', exact: true }).click();
  await page.getByLabel('Hồ sơ đang dùng').selectOption({ label: 'Xã Tân Phú' });
  await page.getByRole('tab', { name: 'Thông tin văn bản', exact: true }).click();
  await page.getByRole('button', { name: 'Điền từ hồ sơ cơ quan' }).click();
  assert.equal(await page.getByLabel('Cơ quan ban hành', { exact: true }).inputValue(), 'Ủy ban nhân dân xã Tân Phú');
  assert.equal(await page.getByLabel('Họ tên người ký', { exact: true }).inputValue(), 'Nguyễn Văn An');

  // Kept after a reload, and carried by a backup to a fresh browser.
  await page.reload();
  await editor.waitFor();
  await page.getByRole('tab', { name: 'Hồ sơ cơ quan', exact: true }).click();
  const names = async (p) => p.getByLabel('Hồ sơ đang dùng').locator('option').allInnerTexts();
  assert.deepEqual(await names(page), ['Xã Tân Phú', 'Xã Tân Lập']);
  const fresh = await backupIntoFreshBrowser(app, page);
  const other = fresh.context;
  await fresh.page.getByRole('tab', { name: 'Hồ sơ cơ quan', exact: true }).click();
  assert.deepEqual(await names(fresh.page), ['Xã Tân Phú', 'Xã Tân Lập']);
  assert.deepEqual(fresh.errors, []);
  await other.close();
  assert.deepEqual(errors, []);
  await context.close();
});
