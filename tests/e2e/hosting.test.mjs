// The same dist/ works from any folder of a static server: every URL in the page is
// relative (Trunk's public_url "./"; the check worker is "worker.js" beside it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, seed } from './harness.mjs';

test('the app served under /ung-dung/kehoach/ checks a plan, in the page and in the worker', async () => {
  const prefix = '/ung-dung/kehoach/';
  const server = await serveDist({ prefix });
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const { page, errors } = await openApp(context, server.url);
    const findings = page.getByRole('list', { name: 'Kết quả kiểm tra' });
    const put = (t) => page.evaluate((text) => {
      const el = document.getElementById('plan-text');
      el.value = text;
      el.dispatchEvent(new InputEvent('input', { bubbles: true }));
    }, t);
    // A seed, checked in the page.
    await put(seed('003_'));
    await findings.locator('li[data-code="KH401"]').first().waitFor({ timeout: 10_000 });
    // A large plan, checked in the worker loaded from the same folder.
    let big = seed('003_');
    while (big.length < 300_000) big += '\n' + seed('003_');
    await put(big);
    await page.locator('.status.checking').waitFor({ state: 'detached', timeout: 30_000 });
    await findings.locator('li[data-code="KH401"]').first().waitFor({ timeout: 10_000 });
    const outside = server.requests.filter((p) => !p.startsWith(prefix));
    assert.deepEqual(outside, [], 'every request stays in the app\'s folder');
    assert.ok(server.requests.includes(`${prefix}worker.js`), `the worker came from the folder: ${server.requests}`);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
});
