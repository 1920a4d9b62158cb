// The editor a drafter keeps open all day, in Chromium: findings on each seed, jumping,
// fixes and undo, fix-all, paste cleaning (VNI text included), template and form,
// outline, tasks CSV, language switch, keyboard navigation, and an accessibility check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { useApp, openApp, seed, artifacts } from './harness.mjs';

const require = createRequire(import.meta.url);
const app = useApp();

/** A fresh page (own localStorage) with the editor ready. */
async function open(options = {}) {
  const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true, ...options });
  const { page, editor, errors } = await openApp(context, app.server.url);
  const findings = page.getByRole('list', { name: 'Kết quả kiểm tra' });
  return { context, page, editor, findings, errors };
}

/** Pastes text the way a user does: a paste event, then the input it causes. */
async function paste(page, editor, text) {
  await editor.focus();
  await page.evaluate((t) => {
    const el = document.activeElement;
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    el.value = t;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
}

const selected = (page) =>
  page.evaluate(() => {
    const el = document.getElementById('plan-text');
    return el.value.slice(el.selectionStart, el.selectionEnd);
  });

test('each seed shows its findings', async () => {
  const expected = {
    '000_': ['li[data-code="KH204"][data-line="15"]', 'li[data-code="KH602"]'],
    '001_': ['li[data-code="KH603"][data-line="98"]', 'li[data-code="KH502"][data-line="86"]'],
    '002_': ['li[data-code="KH604"][data-line="209"]', 'li[data-code="KH808"][data-line="59"]'],
    '003_': ['li[data-code="KH401"][data-line="104"]', 'li[data-code="KH402"][data-line="130"]'],
    '004_': ['li[data-code="KH702"][data-line="80"]', 'li[data-code="KH706"][data-line="87"]'],
  };
  const { context, page, editor, findings, errors } = await open();
  for (const [prefix, selectors] of Object.entries(expected)) {
    await paste(page, editor, seed(prefix));
    for (const sel of selectors) {
      await findings.locator(sel).first().waitFor({ timeout: 10_000 });
    }
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('selecting a finding selects its range; F8 and Shift+F8 move between findings', async () => {
  const { context, page, editor, findings } = await open();
  await paste(page, editor, seed('003_'));
  await findings.locator('li[data-code="KH402"] button.goto').click();
  assert.equal(await selected(page), 'j)');
  const line = await page.evaluate(() => {
    const el = document.getElementById('plan-text');
    return el.value.slice(0, el.selectionStart).split('\n').length;
  });
  assert.equal(line, 130);
  // The textarea scrolled to it.
  assert.ok(await page.evaluate(() => document.getElementById('plan-text').scrollTop) > 0);

  await page.keyboard.press('F8');
  const current = findings.locator('li[aria-current="true"]');
  assert.equal(await current.count(), 1);
  const after = await current.getAttribute('data-code');
  await page.keyboard.press('Shift+F8');
  assert.equal(await findings.locator('li[aria-current="true"]').getAttribute('data-code'), 'KH402');
  assert.ok(after);
  await context.close();
});

test('thousands of findings: the list shows 500 at a time, and F8 marks one current item', async () => {
  const { context, page, editor, findings } = await open();
  // A numbered item repeated 1,200 times: one KH401 per line.
  const head = 'UBND TỈNH KIÊN GIANG\nSỞ NGOẠI VỤ\nSố: 05/KH-SNgV\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nKiên Giang, ngày 05 tháng 3 năm 2021\n\nKẾ HOẠCH\nCông tác thông tin đối ngoại năm 2021\n\nI. MỤC ĐÍCH\n';
  await paste(page, editor, head + '1. a\n'.repeat(1200));
  await page.getByText(/^1\d{3} lỗi$/).first().waitFor();
  const items = findings.locator('li[data-code]');
  assert.equal(await items.count(), 500);
  const more = page.getByRole('button', { name: /^Hiện thêm kết quả/ });
  await more.click();
  await page.waitForFunction(() => document.querySelectorAll('ul.findings li[data-code]').length === 1000);
  await editor.focus();
  await page.keyboard.press('F8');
  await page.keyboard.press('F8');
  await page.keyboard.press('F8');
  const current = findings.locator('li[aria-current="true"]');
  await current.waitFor();
  assert.equal(await current.count(), 1);
  assert.equal(await current.getAttribute('data-line'), '15');
  // Shift+F8 from the first goes round to the last finding (past the items built,
  // after the 1,200 errors): the list builds up to it and shows it current.
  await page.keyboard.press('Shift+F8');
  await page.keyboard.press('Shift+F8');
  await page.keyboard.press('Shift+F8');
  await page.waitForFunction(() => {
    const items = [...document.querySelectorAll('ul.findings li[data-code]')];
    return items.length > 1000 && items[items.length - 1].getAttribute('aria-current') === 'true';
  });
  assert.equal(await current.count(), 1);
  // With another tab shown, the list kept for screen readers has the first 500 and
  // says how many more there are.
  const total = await page.evaluate(() =>
    [...document.querySelectorAll('.counts .count')].reduce((n, e) => n + Number(e.textContent.match(/^\d+/)[0]), 0));
  assert.ok(total > 1200, `${total} findings`);
  await page.getByRole('tab', { name: 'Bản nháp' }).click();
  const kept = page.locator('ul.visually-hidden');
  await kept.locator('li.more').waitFor({ state: 'attached' });
  assert.equal(await kept.locator('li[data-code]').count(), 500);
  assert.equal(await kept.locator('li.more').textContent(), `${total - 500} kết quả khác, xem ở thẻ Kết quả`);
  await context.close();
});

test('a quick fix applies, and Ctrl+Z undoes it like any edit', async () => {
  const { context, page, editor, findings } = await open();
  const text = seed('004_');
  await paste(page, editor, text);
  await findings.locator('li[data-code="KH110"] button.fix').click();
  assert.match(await editor.inputValue(), /^Số: 23\/KH-SNgV$/m);
  await findings.locator('li[data-code="KH110"]').waitFor({ state: 'detached' });
  await editor.focus();
  await page.keyboard.press('Control+z');
  assert.match(await editor.inputValue(), /^Số: 23 \/KH-SNgV$/m);
  await findings.locator('li[data-code="KH110"]').waitFor();
  await context.close();
});

test('"Sửa tất cả lỗi an toàn" removes every finding that has a safe fix', async () => {
  const { context, page, editor, findings } = await open();
  await paste(page, editor, seed('002_'));
  await findings.locator('li[data-code="KH806"]').first().waitFor();
  await page.getByRole('button', { name: 'Sửa tất cả lỗi an toàn' }).click();
  for (const code of ['KH806', 'KH808', 'KH604']) {
    await findings.locator(`li[data-code="${code}"]`).first().waitFor({ state: 'detached' });
  }
  const value = await editor.inputValue();
  assert.match(value, /cửa khẩu quốc tế\./);
  assert.match(value, /^KT\. CHỦ TỊCH$/m);
  assert.equal(await findings.locator('li:has(button.fix.safe)').count(), 0);
  await context.close();
});

test('fix-all over hundreds of lines is one step of Ctrl+Z, after the typing since, and Ctrl+Shift+Z redoes it', async () => {
  const { context, page, editor, findings } = await open();
  // Seed 002 eight times (176 KB): fix-all changes lines all through it, an edit
  // the browser's own history would insert a line break at a time.
  const text = Array.from({ length: 8 }, () => seed('002_')).join('\n');
  await paste(page, editor, text);
  await findings.locator('li[data-code="KH806"]').first().waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Sửa tất cả lỗi an toàn' }).click();
  await findings.locator('li[data-code="KH806"]').first().waitFor({ state: 'detached', timeout: 30_000 });
  const fixed = await editor.inputValue();
  assert.notEqual(fixed, text);
  // Typing after it: the first Ctrl+Z takes the typing back, the next the fix-all.
  await editor.focus();
  await page.evaluate(() => document.getElementById('plan-text').setSelectionRange(0, 0));
  await page.keyboard.type('x');
  assert.equal(await editor.inputValue(), 'x' + fixed);
  await page.keyboard.press('Control+z');
  assert.equal(await editor.inputValue(), fixed);
  await page.keyboard.press('Control+z');
  assert.equal(await editor.inputValue(), text);
  await findings.locator('li[data-code="KH806"]').first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Control+Shift+z');
  assert.equal(await editor.inputValue(), fixed);
  await page.keyboard.press('Control+z');
  assert.equal(await editor.inputValue(), text);
  await page.keyboard.press('Control+y');
  assert.equal(await editor.inputValue(), fixed);
  await context.close();
});

test('pasted noise is offered for cleaning in one click', async () => {
  const { context, page, editor, findings } = await open();
  await paste(page, editor, 'KẾ HOẠCH\nCông tác\u00a0năm 2024\n1. Tăng cường  công tác **thông tin**\n');
  const banner = page.getByRole('alert');
  await banner.waitFor();
  await banner.getByRole('button', { name: 'Làm sạch văn bản' }).click();
  await banner.waitFor({ state: 'detached' });
  assert.equal(await editor.inputValue(), 'KẾ HOẠCH\nCông tác năm 2024\n1. Tăng cường công tác thông tin\n');
  for (const code of ['KH805', 'KH806', 'KH809']) {
    assert.equal(await findings.locator(`li[data-code="${code}"]`).count(), 0, code);
  }
  await context.close();
});

test('a plan typed with a VNI font is found and cleaned back to Unicode in one click', async () => {
  const { context, page, editor, findings } = await open();
  // What a VNI-Times document gives when copied: its bytes read as Latin-1 letters.
  const vni = 'COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM\nÑoäc laäp - Töï do - Haïnh phuùc\n\nKEÁ HOAÏCH\nTrieån khai coâng taùc chuyeån ñoåi soá naêm 2024\n\nd) Phoái hôïp vôùi Sôû Noäi vuï raø soaùt thuû tuïc;\n\nñ) Baùo caùo UÛy ban nhaân daân tænh tröôùc ngaøy 30/6/2024.\n';
  await paste(page, editor, vni);
  await findings.locator('li[data-code="KH803"]').waitFor();
  const banner = page.getByRole('alert');
  await banner.getByRole('button', { name: 'Làm sạch văn bản' }).click();
  await banner.waitFor({ state: 'detached' });
  // Every letter back, and item đ) still its own item (not joined to d) as a broken line).
  assert.equal(
    await editor.inputValue(),
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nKẾ HOẠCH\nTriển khai công tác chuyển đổi số năm 2024\n\nd) Phối hợp với Sở Nội vụ rà soát thủ tục;\n\nđ) Báo cáo Ủy ban nhân dân tỉnh trước ngày 30/6/2024.\n',
  );
  assert.equal(await findings.locator('li[data-code="KH803"]').count(), 0);
  await context.close();
});

test('new plan from the template shows only notes; the form writes header and signature', async () => {
  const { context, page, editor, findings } = await open();
  await page.getByRole('button', { name: 'Kế hoạch mới', exact: true }).click();
  await findings.locator('li[data-code="KH003"]').first().waitFor();
  assert.equal(await findings.locator('li.error, li.warning').count(), 0);

  await page.getByRole('tab', { name: 'Thông tin văn bản' }).click();
  await page.getByLabel('Cơ quan chủ quản').fill('UBND tỉnh Kiên Giang');
  await page.getByLabel('Cơ quan ban hành').fill('Sở Ngoại vụ');
  await page.getByLabel('Số', { exact: true }).fill('5');
  await page.getByLabel('Ký hiệu cơ quan').fill('SNgV');
  await page.getByLabel('Địa danh').fill('Kiên Giang');
  await page.getByLabel('Ngày ban hành').fill('2021-03-05');
  await page.getByLabel('Trích yếu').fill('Công tác thông tin đối ngoại năm 2021');
  await page.getByLabel('Quyền hạn ký (TM., KT.…)').fill('KT. GIÁM ĐỐC');
  await page.getByLabel('Chức vụ người ký').fill('PHÓ GIÁM ĐỐC');
  await page.getByLabel('Họ tên người ký').fill('Nguyễn Việt Thông');
  await page.getByRole('button', { name: 'Ghi vào văn bản' }).click();
  const value = await editor.inputValue();
  assert.match(value, /^UBND TỈNH KIÊN GIANG\nSỞ NGOẠI VỤ\nSố: 05\/KH-SNgV$/m);
  assert.match(value, /^Kiên Giang, ngày 05 tháng 3 năm 2021$/m);
  assert.match(value, /^KT\. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nNguyễn Việt Thông$/m);
  // Ctrl+Z takes the form's edit back as one step; Ctrl+Shift+Z redoes it.
  await editor.focus();
  await page.keyboard.press('Control+z');
  assert.match(await editor.inputValue(), /^\[TÊN CƠ QUAN BAN HÀNH\]$/m);
  await page.keyboard.press('Control+Shift+z');
  assert.equal(await editor.inputValue(), value);
  // Read back from the text.
  await page.getByLabel('Cơ quan ban hành').fill('');
  await page.getByRole('button', { name: 'Đọc lại từ văn bản' }).click();
  assert.equal(await page.getByLabel('Cơ quan ban hành').inputValue(), 'SỞ NGOẠI VỤ');
  await context.close();
});

test('insert next item and renumber', async () => {
  const { context, page, editor } = await open();
  await paste(page, editor, 'KẾ HOẠCH\nCông tác năm 2024\nI. NỘI DUNG\n1. Một\na) Một.\nc) Ba.\n');
  await editor.focus();
  await page.evaluate(() => {
    const el = document.getElementById('plan-text');
    const at = el.value.indexOf('a) Một.') + 3;
    el.setSelectionRange(at, at);
  });
  await page.getByRole('button', { name: 'Chèn mục tiếp theo' }).click();
  assert.match(await editor.inputValue(), /a\) Một\.\nb\) \nc\) Ba\./);
  await page.getByRole('button', { name: 'Đánh số lại' }).click();
  assert.match(await editor.inputValue(), /a\) Một\.\nb\) \nc\) Ba\./);
  await paste(page, editor, 'KẾ HOẠCH\nCông tác năm 2024\nI. NỘI DUNG\n1. Một\na) Một.\nc) Ba.\nj) Chín.\n');
  await page.getByRole('button', { name: 'Đánh số lại' }).click();
  assert.match(await editor.inputValue(), /a\) Một\.\nb\) Ba\.\nc\) Chín\./);
  await context.close();
});

test('outline jumps to a section; tasks sort and download as CSV', async () => {
  const { context, page, editor } = await open();
  await paste(page, editor, seed('002_'));
  await page.getByRole('tab', { name: 'Dàn ý' }).click();
  await page.getByRole('button', { name: /^IV\. TỔ CHỨC THỰC HIỆN/ }).click();
  assert.equal(await selected(page), 'IV.');

  await page.getByRole('tab', { name: 'Nhiệm vụ' }).click();
  const rows = page.locator('table.tasks tbody tr');
  assert.ok((await rows.count()) >= 10);
  await page.getByRole('button', { name: 'Sắp theo thời hạn' }).click();
  assert.match(await rows.first().innerText(), /Quý III\/2023/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải CSV' }).click(),
  ]);
  const file = await download.path();
  const csv = fs.readFileSync(file, 'utf8');
  assert.match(csv, /^\uFEFFNhiệm vụ,Nội dung,Đơn vị chủ trì/);
  assert.match(csv, /"Sở Thông tin và Truyền thông;?"/);
  await context.close();
});

test('a long outline is built 500 items at a time, each counting its own findings', async () => {
  const { context, page, editor } = await open();
  // 1,200 items numbered 1 under one section: a finding on each but the first.
  await paste(page, editor, 'KẾ HOẠCH\nCông tác năm 2024\n\nI. MỤC ĐÍCH\n' + '1. Nội dung\n'.repeat(1200));
  await page.locator('.status.checking').waitFor({ state: 'detached', timeout: 30_000 });
  await page.getByRole('tab', { name: 'Dàn ý' }).click();
  const outline = page.getByRole('list', { name: 'Dàn ý' });
  const items = outline.locator('button.outline-item');
  await items.first().waitFor();
  assert.equal(await items.count(), 500);
  // Each item's badge counts the findings inside it: one on each repeated `1.`,
  // none on the section or the first item (498 of the 500 built).
  const badges = await outline.locator('ul li .badge').allInnerTexts();
  assert.equal(badges.length, 498);
  assert.ok(badges.every((b) => b === '1'), badges.join());
  await page.getByRole('button', { name: 'Hiện thêm mục (701)' }).click();
  await page.getByRole('button', { name: 'Hiện thêm mục (201)' }).click();
  await page.getByRole('button', { name: /^Hiện thêm mục/ }).waitFor({ state: 'detached' });
  assert.equal(await items.count(), 1201);
  await context.close();
});

test('English on request, remembered across reloads', async () => {
  const { context, page, editor, findings } = await open();
  await paste(page, editor, seed('001_'));
  await findings.locator('li[data-code="KH101"]').waitFor();
  assert.match(await findings.locator('li[data-code="KH101"]').innerText(), /Thiếu Quốc hiệu/);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Fix all safe issues' }).waitFor();
  assert.match(await findings.locator('li[data-code="KH101"]').innerText(), /national title .* is missing/);
  await page.reload();
  await page.getByRole('button', { name: 'Tiếng Việt' }).waitFor({ timeout: 30_000 });
  assert.match(await findings.locator('li[data-code="KH101"]').innerText(), /is missing/);
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await page.getByRole('button', { name: 'English' }).waitFor();
  await context.close();
});

test('no serious or critical accessibility violation (axe-core); screenshot kept', async () => {
  // The page's Content-Security-Policy would block the injected axe-core script.
  const { context, page, editor, findings } = await open({ bypassCSP: true });
  await paste(page, editor, seed('003_'));
  await findings.locator('li[data-code="KH401"]').waitFor();
  // A snapshot and a trashed draft, so the drafts tab shows all its parts.
  await editor.press('Control+s');
  await page.getByRole('tab', { name: 'Bản nháp', exact: true }).click();
  await page.getByRole('button', { name: 'Bản nháp mới' }).click();
  await editor.fill('KẾ HOẠCH\nThử\n');
  await page.getByRole('list', { name: 'Bản nháp', exact: true }).getByRole('listitem').filter({ hasText: 'Thử' }).getByRole('button', { name: 'Xóa', exact: true }).click();
  await page.getByRole('list', { name: 'Thùng rác' }).waitFor();
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  for (const tab of ['Bản nháp', 'Kết quả', 'Dàn ý', 'Nhiệm vụ', 'Thông tin văn bản', 'Quy tắc']) {
    await page.getByRole('tab', { name: tab, exact: true }).click();
    const result = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
    });
    assert.deepEqual(result, [], `tab ${tab}`);
  }
  await page.getByRole('tab', { name: 'Kết quả', exact: true }).click();
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, 'main-view.png') });
  await context.close();
});
