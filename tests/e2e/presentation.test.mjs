// A Word file's presentation (issue 15): opened, its page setup, margins, fonts and
// sizes are checked beside its text and listed as "Thể thức trình bày"; once the text
// is edited away from the file they are not checked any more, and the list says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
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
