// A large plan is checked in a worker (`worker.js`), so typing never waits for the
// check: the page keeps the last findings until the worker's result for the text now
// in the editor arrives, and never shows a result computed for an older text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, seed } from './harness.mjs';

const app = useApp();

/** Seed 003 repeated to about 400 KB: above the size checked in the worker. */
function largePlan() {
  let t = seed('003_');
  while (t.length < 400_000) t += '\n' + seed('003_');
  return t;
}

test('a large plan is checked in the worker; a result for an older text is never shown', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const workers = [];
  context.on('page', (p) => p.on('worker', (w) => workers.push(w.url())));
  const { page, editor, errors } = await openApp(context, app.server.url);
  page.on('worker', (w) => workers.push(w.url()));
  const text = largePlan();
  await page.evaluate((t) => {
    const el = document.getElementById('plan-text');
    el.value = t;
    el.dispatchEvent(new InputEvent('input', { bubbles: true }));
  }, text);
  const findings = page.getByRole('list', { name: 'Kết quả kiểm tra' });
  await findings.locator('li[data-code="KH401"]').first().waitFor({ timeout: 30_000 });
  await page.locator('.status.checking').waitFor({ state: 'detached', timeout: 30_000 });
  assert.ok(workers.some((u) => u.endsWith('/worker.js')), `a worker ran: ${workers}`);
  assert.equal(await findings.locator('li[data-code="KH003"]').count(), 0);

  // Watch every state the page shows while a placeholder is typed at the end and
  // taken back, key by key: whenever the findings are not marked as an older
  // text's, they are this text's (a placeholder finding exactly when the text
  // ends with one).
  await page.evaluate(() => {
    const el = document.getElementById('plan-text');
    const list = document.querySelector('ul[aria-label="Kết quả kiểm tra"]');
    window.__seen = { fresh: 0, stale: 0, wrong: [] };
    const look = () => {
      if (document.querySelector('.status.checking')) {
        window.__seen.stale++;
        return;
      }
      window.__seen.fresh++;
      const want = /\[[^[\]\n]{1,80}\]\s*$/.test(el.value);
      const got = list.querySelector('li[data-code="KH003"]') !== null;
      if (want !== got) window.__seen.wrong.push(el.value.slice(-8));
    };
    new MutationObserver(look).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await editor.focus();
  await page.evaluate(() => {
    const el = document.getElementById('plan-text');
    el.setSelectionRange(el.value.length, el.value.length);
  });
  await page.keyboard.type('\n[Tên cơ quan]');
  await page.locator('.status.checking').waitFor({ state: 'detached', timeout: 30_000 });
  await findings.locator('li[data-code="KH003"]').first().waitFor({ timeout: 10_000 });
  for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace');
  await page.locator('.status.checking').waitFor({ state: 'detached', timeout: 30_000 });
  assert.equal(await findings.locator('li[data-code="KH003"]').count(), 0);

  const seen = await page.evaluate(() => window.__seen);
  assert.deepEqual(seen.wrong, [], 'findings of an older text were shown as fresh');
  assert.ok(seen.stale > 0, 'the page showed the last findings while the worker checked');
  assert.ok(seen.fresh > 0);
  // The highlight layer is the editor's text at every moment, underlines or not: its
  // line elements (one line each) and, for a long text, its blocks of plain lines
  // away from the view (each line followed by a line break).
  const same = await page.evaluate(() => {
    const el = document.getElementById('plan-text');
    const lines = [...document.querySelector('.layer').children].flatMap((row) =>
      row.classList.contains('plain') ? row.textContent.slice(0, -1).split('\n') : [row.textContent]);
    return lines.join('\n') === el.value.replaceAll('\r', '');
  });
  assert.ok(same, 'the layer holds the editor text');
  assert.deepEqual(errors, []);
  await context.close();
});

// While the worker checks the newest text, the findings shown are the last text's:
// their fixes' byte offsets are that text's. A fix clicked then does nothing (it
// would land a character off, here); once the newest text's findings are in, the
// same fix lands where it did before the character was typed, one further on.
test('a fix clicked while the worker checks does nothing; once fresh it lands in the right place', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
  // The worker's replies are held while `__hold` is set.
  await context.addInitScript(() => {
    window.__held = [];
    const Real = window.Worker;
    window.Worker = function (url, options) {
      const w = new Real(url, options);
      let handler = null;
      Object.defineProperty(w, 'onmessage', { get: () => handler, set: (f) => { handler = f; } });
      w.addEventListener('message', (e) => (window.__hold ? window.__held.push(e) : handler?.(e)));
      window.__release = () => {
        window.__hold = false;
        for (const e of window.__held.splice(0)) handler?.(e);
      };
      return w;
    };
  });
  const { page, editor, errors } = await openApp(context, app.server.url);
  const plan = largePlan();
  const load = (t) => page.evaluate((t) => {
    const el = document.getElementById('plan-text');
    el.value = t;
    el.dispatchEvent(new InputEvent('input', { bubbles: true }));
  }, t);
  const checked = () => page.locator('.status.checking').waitFor({ state: 'detached', timeout: 30_000 });
  const fix = page.getByRole('list', { name: 'Kết quả kiểm tra' }).locator('li[data-code="KH401"]').first().locator('button.fix').first();
  await load(plan);
  await checked();
  // What the fix does to the plan as loaded.
  await fix.click();
  await page.waitForFunction((t) => document.getElementById('plan-text').value !== t, plan);
  const fixed = await editor.inputValue();
  await load(plan);
  await checked();

  await page.evaluate(() => { window.__hold = true; });
  await editor.focus();
  await page.evaluate(() => document.getElementById('plan-text').setSelectionRange(0, 0));
  await page.keyboard.type('X');
  await page.locator('.status.checking').waitFor();
  await fix.click();
  await page.waitForTimeout(300);
  assert.equal(await editor.inputValue(), `X${plan}`, 'an older text\'s fix edited the newest');

  await page.evaluate(() => window.__release());
  await checked();
  await fix.click();
  await page.waitForFunction((t) => document.getElementById('plan-text').value !== t, `X${plan}`);
  assert.equal(await editor.inputValue(), `X${fixed}`);
  assert.deepEqual(errors, []);
  await context.close();
});

// A large text's plan never crosses from the worker: the page parses the text for
// it when a result arrives while a panel shows it (the outline, the tasks), or when
// such a panel opens on a result read without it, and the panel fills in.
test('a large plan\'s outline and tasks are read on the page when their panel opens', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const { page, editor, errors } = await openApp(context, app.server.url);
  await page.evaluate((t) => {
    const el = document.getElementById('plan-text');
    el.value = t;
    el.dispatchEvent(new InputEvent('input', { bubbles: true }));
  }, largePlan());
  await page.locator('.status.checking').waitFor({ state: 'detached', timeout: 30_000 });
  const outline = page.getByRole('list', { name: 'Dàn ý' });
  const section = outline.getByRole('button', { name: /^II\. / }).first();

  await page.getByRole('tab', { name: 'Dàn ý' }).click();
  await section.waitFor({ timeout: 30_000 });
  // Typing with the outline open: it stays, and follows the text.
  await editor.focus();
  await page.evaluate(() => {
    const el = document.getElementById('plan-text');
    el.setSelectionRange(0, 0);
  });
  await page.keyboard.type('1. Mục thêm\n');
  await page.locator('.status.checking').waitFor({ state: 'detached', timeout: 30_000 });
  await outline.getByRole('button', { name: '1. Mục thêm' }).waitFor({ timeout: 30_000 });

  // Typed with the findings shown, the result is read without the plan; the tasks
  // panel opened then reads it.
  await page.getByRole('tab', { name: 'Kết quả', exact: true }).click();
  await editor.focus();
  await page.keyboard.press('Backspace');
  await page.locator('.status.checking').waitFor({ state: 'detached', timeout: 30_000 });
  await page.getByRole('tab', { name: 'Nhiệm vụ' }).click();
  const rows = page.locator('table.tasks tbody tr');
  await rows.first().waitFor({ timeout: 30_000 });
  assert.ok((await rows.count()) >= 10);
  assert.deepEqual(errors, []);
  await context.close();
});

// The worker checks with the check's own module, built for speed (opt-level 3 and
// wasm SIMD, crates/kehoach-check); where that cannot load (a browser without wasm
// SIMD, a file missing), with the page's module, and the findings come all the same.
test('the worker checks with its own fast module, and with the page\'s where that cannot load', async () => {
  const loaded = async ({ missing }) => {
    const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
    if (missing) {
      // The start script's module, replaced by files that are not there.
      await context.addInitScript(() => {
        Object.defineProperty(globalThis, 'kehoachCheck', {
          get: () => ({ glue: new URL('./no-such-check.js', location.href).href, wasm: new URL('./no-such-check.wasm', location.href).href }),
          set: () => {},
        });
      });
    }
    const { page, errors } = await openApp(context, app.server.url);
    await page.evaluate((t) => {
      const el = document.getElementById('plan-text');
      el.value = t;
      el.dispatchEvent(new InputEvent('input', { bubbles: true }));
    }, largePlan());
    const findings = page.getByRole('list', { name: 'Kết quả kiểm tra' });
    await findings.locator('li[data-code="KH401"]').first().waitFor({ timeout: 30_000 });
    await page.locator('.status.checking').waitFor({ state: 'detached', timeout: 30_000 });
    const [worker] = page.workers();
    assert.ok(worker, 'a worker checked the text');
    const files = await worker.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.split('/').pop()));
    assert.deepEqual(errors, []);
    await context.close();
    return files.filter((f) => f.endsWith('.wasm'));
  };
  const fast = await loaded({ missing: false });
  assert.ok(fast.some((f) => /^kehoach-check-[0-9a-f]+_bg\.wasm$/.test(f)), `the check module: ${fast}`);
  assert.ok(!fast.some((f) => f.startsWith('kehoach-app-')), `not the page's: ${fast}`);
  const fallback = await loaded({ missing: true });
  assert.ok(fallback.some((f) => /^kehoach-app-[0-9a-f]+_bg\.wasm$/.test(f)), `the page's module: ${fallback}`);
});
