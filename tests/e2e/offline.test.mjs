// Offline, installable, any folder, one origin, and updates (issue 14), against the
// release build: the service worker (sw.js, written by scripts/finish-dist.mjs)
// keeps one whole version of the app; a new build is announced and taken only on
// the user's "Tải lại", never mixed with the old one's files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dist, serveDist, launch, launchProfile, openApp, putText, seed } from './harness.mjs';
import { finish, integrity, shortHash } from '../../scripts/finish-dist.mjs';

const PREFIX = '/a/b/';

/** Records every request of `context` (pages, workers, service worker) and every
 *  Content-Security-Policy violation its pages report (window.__violations). */
async function watch(context) {
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return requests;
}

/** Resolves once a service worker controls the page (the first version claims it). */
const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });

async function typeDraft(page, editor, text) {
  await editor.fill(text);
  await page.waitForFunction((t) => Object.keys(localStorage)
    .filter((k) => k.startsWith('kehoach.v2.draft.'))
    .some((k) => JSON.parse(localStorage.getItem(k)).text === t), text);
}


test('installed from /a/b/, the app reloads and works with the server gone: editor, checks, draft, exports', async () => {
  const server = await serveDist({ prefix: PREFIX });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kehoach-profile-'));
  // A profile on disk: Chromium offers no install in an incognito context.
  const context = await launchProfile(profile, { viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  let serverUp = true;
  try {
    const requests = await watch(context);
    const { page, editor, errors } = await openApp(context, server.url);
    await controlled(page);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(new URL(scope).pathname, PREFIX, 'the service worker\'s scope is the app\'s folder');

    // Installable: Chromium finds the manifest, its icons and the service worker.
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, [], 'Chromium would offer to install the app');
    const manifest = await page.evaluate(async () => (await fetch('manifest.webmanifest')).json());
    assert.equal(manifest.short_name, 'Kế hoạch');
    assert.equal(manifest.display, 'standalone');

    const plan = seed('003_');
    await typeDraft(page, editor, plan);

    await server.close();
    serverUp = false;
    await page.reload();
    await editor.waitFor({ timeout: 30_000 });
    assert.equal(await editor.inputValue(), plan, 'the draft typed before is there');
    const findings = page.getByRole('list', { name: 'Kết quả kiểm tra' });
    await findings.locator('li[data-code="KH401"]').first().waitFor({ timeout: 10_000 });

    // Exports work offline: they are made in the page.
    for (const [button, name] of [['Tải .docx', /\.docx$/], ['Tải JSON', /\.json$/], ['Tải văn bản sạch', /\.txt$/]]) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: button, exact: true }).click(),
      ]);
      assert.match(download.suggestedFilename(), name);
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kehoach-')), download.suggestedFilename());
      await download.saveAs(file);
      assert.ok(fs.statSync(file).size > 1000, `${button}: a whole file`);
    }
    // A large text still goes to the check worker, whose files come from the cache.
    let big = plan;
    while (big.length < 300_000) big += '\n' + plan;
    await putText(page, big);
    await page.locator('.status.checking').waitFor({ state: 'detached', timeout: 30_000 });
    await findings.locator('li[data-code="KH401"]').first().waitFor({ timeout: 10_000 });

    const origin = new URL(server.url).origin;
    const outside = requests.filter((u) => !u.startsWith(`${origin}${PREFIX}`) && !u.startsWith('blob:') && !u.startsWith('data:'));
    assert.deepEqual(outside, [], 'no request leaves the app\'s folder on its origin');
    assert.deepEqual(await page.evaluate(() => window.__violations), [], 'the policy blocks nothing the app does');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    if (serverUp) await server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

/** A copy of dist/ as the next build would be: a changed stylesheet, under a new
 *  hashed name, and the folder finished again (new sw.js version). */
function nextBuild() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehoach-next-'));
  fs.cpSync(dist, dir, { recursive: true });
  const old = fs.readdirSync(dir).find((f) => /^main-.*\.css$/.test(f));
  const css = fs.readFileSync(path.join(dir, old), 'utf8') + '\nbody { --next-build: 1; }\n';
  const name = `main-${shortHash(css)}.css`;
  fs.rmSync(path.join(dir, old));
  fs.writeFileSync(path.join(dir, name), css);
  const index = path.join(dir, 'index.html');
  fs.writeFileSync(index, fs.readFileSync(index, 'utf8')
    .replace(old, name)
    .replace(/(href="\.\/main-[^"]+" integrity=")[^"]+"/, `$1${integrity(css)}"`));
  const build = finish(dir);
  return { dir, css: name, version: build.version };
}

test('a new build is announced, taken on "Tải lại", and never mixed with the old one', async () => {
  let folder = dist;
  const server = await serveDist({ prefix: PREFIX, folder: () => folder });
  const browser = await launch();
  const next = nextBuild();
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const { page, editor, errors } = await openApp(context, server.url);
    await controlled(page);
    await typeDraft(page, editor, seed('001_'));
    const marker = () => page.evaluate(() => getComputedStyle(document.body).getPropertyValue('--next-build').trim());
    const loadedFiles = () => page.evaluate(() => performance.getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname.split('/').pop())
      .filter((f) => /\.(css|js|wasm)$/.test(f)));

    folder = next.dir; // the office publishes the new build
    await page.reload(); // the browser checks sw.js on navigation
    await editor.waitFor({ timeout: 30_000 });
    const notice = page.getByRole('button', { name: 'Tải lại', exact: true });
    await notice.waitFor({ timeout: 30_000 });
    await page.getByText('Đã có phiên bản mới').waitFor();
    assert.equal(await marker(), '', 'until the reload, the page is the old version');
    assert.ok(!(await loadedFiles()).includes(next.css), 'no file of the new version in the old page');

    await Promise.all([page.waitForEvent('load'), notice.click()]);
    await editor.waitFor({ timeout: 30_000 });
    assert.equal(await marker(), '1', 'after the reload, the page is the new version');
    const files = await loadedFiles();
    assert.ok(files.includes(next.css), `the new stylesheet: ${files}`);
    assert.ok(files.every((f) => f === 'worker.js' || fs.existsSync(path.join(next.dir, f))), `only the new build's files: ${files}`);
    assert.equal(await editor.inputValue(), seed('001_'), 'the draft came through the update');
    const caches = await page.evaluate(() => caches.keys());
    assert.deepEqual(caches, [`kehoach-${next.version}`], 'the old version\'s cache is gone');
    assert.equal(await notice.count(), 0, 'no notice after the update');
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(next.dir, { recursive: true, force: true });
  }
});
