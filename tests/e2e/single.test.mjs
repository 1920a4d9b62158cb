// One file (issue 14): `make single`'s kehoach.html, opened from disk (file://),
// checks a pasted seed, keeps its draft across a reload and writes and reads a .docx,
// with nothing fetched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, dist, artifacts, launch, openApp, putText, seed } from './harness.mjs';


test('kehoach.html from file:// checks a pasted seed and keeps the draft across a reload', async () => {
  // The same script as `make single`, from the dist/ under test.
  const out = path.join(artifacts, 'single', 'kehoach.html');
  execFileSync('node', [path.join(root, 'scripts/single.mjs'), dist, out], { stdio: 'pipe' });
  const html = fs.readFileSync(out, 'utf8');
  assert.doesNotMatch(html, /(src|href)="\.?\/?[^"#:]+\.(js|wasm|css)"/, 'no file beside it is referenced');

  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    await context.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const url = pathToFileURL(out).href;
    const { page, editor, errors } = await openApp(context, url);
    const plan = seed('002_');
    await editor.fill(plan);
    const findings = page.getByRole('list', { name: 'Kết quả kiểm tra' });
    await findings.locator('li').first().waitFor({ timeout: 10_000 });
    const codes = await findings.locator('li[data-code]').evaluateAll((els) => els.map((e) => e.dataset.code));
    assert.ok(codes.length > 0, 'the seed has findings');
    await page.waitForFunction((t) => Object.keys(localStorage)
      .filter((k) => k.startsWith('kehoach.v2.draft.'))
      .some((k) => JSON.parse(localStorage.getItem(k)).text === t), plan);

    await page.reload();
    await editor.waitFor({ timeout: 30_000 });
    assert.equal(await editor.inputValue(), plan, 'the draft is kept across a reload');
    await findings.locator('li[data-code]').first().waitFor({ timeout: 10_000 });
    const again = await findings.locator('li[data-code]').evaluateAll((els) => els.map((e) => e.dataset.code));
    assert.deepEqual(again, codes, 'the same findings after the reload');

    // The .docx module is inline too: the plan downloads as a Word file, which opens
    // back into a new draft.
    const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải .docx', exact: true }).click()]);
    const docx = path.join(artifacts, 'single', saved.suggestedFilename());
    await saved.saveAs(docx);
    assert.match(path.basename(docx), /\.docx$/);
    assert.equal(fs.readFileSync(docx).subarray(0, 4).toString('latin1'), 'PK\x03\x04');
    await page.locator('input[type="file"]').setInputFiles(docx);
    await page.waitForFunction((t) => {
      const now = document.getElementById('plan-text').value;
      return now !== t && now.includes('KẾ HOẠCH');
    }, plan);

    // A text above the worker's threshold is checked on the page's thread here.
    let big = plan;
    while (big.length < 300_000) big += '\n' + plan;
    await putText(page, big);
    await page.waitForFunction(() => document.querySelectorAll('li[data-code]').length > 0 && !document.querySelector('.status.checking'));

    assert.deepEqual(requests.filter((u) => u !== url && !u.startsWith('data:') && !u.startsWith('blob:')), [], 'nothing is fetched');
    assert.deepEqual(await page.evaluate(() => window.__violations), [], 'the policy blocks nothing the app does');
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await browser.close();
  }
});
