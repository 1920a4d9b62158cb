// A Word file's presentation (issue 15): opened, its page setup, margins, fonts and
// sizes are checked beside its text and listed as "Thể thức trình bày"; once the text
// is edited away from the file they are not checked any more, and the list says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useApp, openApp, root } from './harness.mjs';

const app = useApp();

test('a real Word draft: its margins are reported until the text is edited', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const { page, editor, errors } = await openApp(context, app.server.url);
  const file = path.join(root, 'crates/kehoach-core/tests/fixtures/real/163_kh-tuyen-truyen-cchc-2026-lam-dong.docx');
  await page.getByLabel('Mở tệp').setInputFiles(file);
  const findings = page.getByRole('list', { name: 'Kết quả kiểm tra' });
  const margins = findings.locator('li[data-code="KH903"]');
  await margins.waitFor();
  assert.match(await margins.innerText(), /Thể thức trình bày \(1\)/, 'its own group');
  assert.match(await margins.innerText(), /lề trên 18 mm/);
  // Text findings come before the presentation group.
  const codes = await findings.locator('li[data-code]').evaluateAll((els) => els.map((e) => e.dataset.code));
  assert.equal(codes[codes.length - 1], 'KH903');

  await editor.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' ');
  await page.waitForFunction(() => !document.querySelector('li[data-code="KH903"]'));
  await page.getByText('chỉ kiểm tra được trên tệp Word vừa mở').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('"Tải .docx đã sửa" writes the ticked fixes into the file, and the file reopens clean', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const { page, errors } = await openApp(context, app.server.url);
  const file = path.join(root, 'crates/kehoach-core/tests/fixtures/real/163_kh-tuyen-truyen-cchc-2026-lam-dong.docx');
  await page.getByLabel('Mở tệp').setInputFiles(file);
  const fixes = page.getByRole('region', { name: 'Sửa thể thức trong tệp Word' });
  const margins = fixes.locator('li[data-code="KH903"]');
  await margins.waitFor();
  assert.match(await margins.innerText(), /lề trái 30 mm/, 'the fix says what it does');
  const tick = margins.getByRole('checkbox');
  assert.equal(await tick.isChecked(), true, 'ticked by default');

  // Unticked, the file comes back as it was: its margins still reported.
  await tick.uncheck();
  const download = async () => {
    const [d] = await Promise.all([
      page.waitForEvent('download'),
      fixes.getByRole('button', { name: 'Tải .docx đã sửa' }).click(),
    ]);
    assert.equal(d.suggestedFilename(), '163_kh-tuyen-truyen-cchc-2026-lam-dong-da-sua.docx');
    const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kehoach-')), d.suggestedFilename());
    await d.saveAs(saved);
    return saved;
  };
  const untouched = await download();
  await tick.check();
  const fixed = await download();

  const findings = page.getByRole('list', { name: 'Kết quả kiểm tra' });
  await page.getByLabel('Mở tệp').setInputFiles(untouched);
  await findings.locator('li[data-code="KH903"]').waitFor();
  await page.getByLabel('Mở tệp').setInputFiles(fixed);
  await page.waitForFunction(() => !document.querySelector('li[data-code="KH903"]'));
  // Fixed, nothing is left to offer.
  assert.equal(await fixes.count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
