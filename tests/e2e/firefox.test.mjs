// The app in Firefox (Debian's firefox-esr over WebDriver BiDi): served from a folder
// of a server, and as the one file `make single` writes, opened from disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, dist, artifacts, serveDist, seed } from './harness.mjs';
import { launchFirefox } from './firefox.mjs';

/** Puts `text` in the editor as one input, as a paste does. */
const put = (page, text) => page.evaluate(`(() => {
  const el = document.getElementById('plan-text');
  el.value = ${JSON.stringify(text)};
  el.dispatchEvent(new InputEvent('input', { bubbles: true }));
})()`);

const codes = (page) => page.evaluate("[...document.querySelectorAll('li[data-code]')].map((e) => e.dataset.code).join(' ')");
const editorReady = "!!document.getElementById('plan-text')";

test('Firefox: kehoach.html from file:// checks a seed and keeps the draft across a reload', async () => {
  const out = path.join(artifacts, 'single-firefox', 'kehoach.html');
  execFileSync('node', [path.join(root, 'scripts/single.mjs'), dist, out], { stdio: 'pipe' });
  const page = await launchFirefox();
  try {
    await page.goto(pathToFileURL(out).href);
    await page.waitFor(editorReady);
    const plan = seed('002_');
    await put(page, plan);
    await page.waitFor("document.querySelectorAll('li[data-code]').length > 0");
    const found = await codes(page);
    await page.waitFor(`Object.keys(localStorage).filter((k) => k.startsWith('kehoach.v2.draft.'))
      .some((k) => JSON.parse(localStorage.getItem(k)).text === ${JSON.stringify(plan)})`);
    await page.reload();
    await page.waitFor(editorReady);
    assert.equal(await page.evaluate("document.getElementById('plan-text').value"), plan, 'the draft is kept');
    await page.waitFor("document.querySelectorAll('li[data-code]').length > 0");
    assert.equal(await codes(page), found, 'the same findings after the reload');
    assert.deepEqual(page.errors, []);
  } finally {
    await page.close();
  }
});

test('Firefox: the app served under /a/b/ checks a seed', async () => {
  const server = await serveDist({ prefix: '/a/b/' });
  const page = await launchFirefox();
  try {
    await page.goto(server.url);
    await page.waitFor(editorReady);
    await put(page, seed('003_'));
    await page.waitFor("!!document.querySelector('li[data-code=\"KH401\"]')");
    assert.deepEqual(server.requests.filter((p) => !p.startsWith('/a/b/')), [], 'every request stays in the folder');
    assert.deepEqual(page.errors, []);
  } finally {
    await page.close();
    await server.close();
  }
});
