// Shared by the end-to-end tests: serve dist/ on loopback and launch Debian's
// Chromium through playwright-core (no browser download).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { serveFolder } from '../../scripts/static-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
export const dist = path.join(root, 'dist');
export const artifacts = path.join(root, 'tests/e2e/artifacts');

/**
 * Serves dist/ on 127.0.0.1 at a free port, under `prefix` (a folder such as
 * `/ung-dung/kehoach/`; requests outside it get 404, as on a portal that hosts the
 * app in one of its folders); resolves to { url, close, requests }. `folder`
 * (a function) serves another build instead.
 */
export function serveDist({ prefix = '/', folder = () => dist } = {}) {
  if (!fs.existsSync(path.join(folder(), 'index.html'))) {
    throw new Error(`${folder()}/index.html is missing: run \`make dist\` first`);
  }
  return serveFolder(folder, { prefix });
}

const CHROMIUM = {
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--no-first-run',
  ],
};

export async function launch() {
  return chromium.launch(CHROMIUM);
}

/**
 * A browser with a profile on disk (`userDataDir`), as a user's is: needed where
 * Chromium treats the default (incognito) contexts differently, as for installing
 * an app. Resolves to the browser context; closing it closes the browser.
 */
export async function launchProfile(userDataDir, options = {}) {
  return chromium.launchPersistentContext(userDataDir, { ...CHROMIUM, ...options });
}

/**
 * A new page of `context` with the app loaded and its editor ready. Uncaught page
 * errors are collected in `errors` (a test asserts it stays empty).
 */
export async function openApp(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  const editor = page.getByRole('textbox', { name: 'Nội dung kế hoạch' });
  await editor.waitFor({ timeout: 30_000 });
  return { page, editor, errors };
}

/** The text of a seed plan, as stored (vendored copy of shared/corpus/seeds). */
export function seed(prefix) {
  const dir = path.join(root, 'crates/kehoach-core/tests/seeds');
  const name = fs.readdirSync(dir).find((f) => f.startsWith(prefix));
  return fs.readFileSync(path.join(dir, name), 'utf8');
}

/** The text of a real fixture, as stored (crates/kehoach-core/tests/fixtures/real). */
export function fixture(prefix) {
  const dir = path.join(root, 'crates/kehoach-core/tests/fixtures/real');
  const name = fs.readdirSync(dir).find((f) => f.startsWith(prefix) && f.endsWith('.txt'));
  return fs.readFileSync(path.join(dir, name), 'utf8');
}

/**
 * Real plans as pasted, for the speed scripts (perf.mjs, profile.mjs): the seeds and
 * the real fixtures one after the other, again and again to `bytes` (as the
 * criterion benchmark's real text, crates/kehoach-core/tests/common/real_text.rs).
 * Many plans, many findings, and each plan's foot followed by the next plan.
 */
export function realPlans(bytes) {
  const docs = [];
  for (const dir of ['crates/kehoach-core/tests/seeds', 'crates/kehoach-core/tests/fixtures/real']) {
    const full = path.join(root, dir);
    for (const f of fs.readdirSync(full).filter((f) => f.endsWith('.txt')).sort()) docs.push(fs.readFileSync(path.join(full, f), 'utf8'));
  }
  let s = '';
  for (let i = 0; Buffer.byteLength(s) < bytes; i++) s += docs[i % docs.length] + '\n';
  return s;
}

/**
 * For a test file: serve dist/ and launch Chromium before its tests, close both
 * after. Returns an object whose `server` and `browser` are set once started.
 */
export function useApp() {
  const app = { server: null, browser: null };
  before(async () => {
    app.server = await serveDist();
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}

/** Puts `text` in the editor as one input, as a paste does (Playwright's fill types
 *  it through Chromium's editing commands: 18 s for 300 KB in a bare textarea). */
export function putText(page, text) {
  return page.evaluate((t) => {
    const el = document.getElementById('plan-text');
    el.value = t;
    el.dispatchEvent(new InputEvent('input', { bubbles: true }));
  }, text);
}

/** Downloads a backup of every draft from `page` ("Tải bản sao lưu") and imports it
 *  into a fresh browser context ("Tệp sao lưu"), waiting for the import's report.
 *  Returns the fresh `{ context, page, editor, errors }`; the caller closes it. */
export async function backupIntoFreshBrowser(app, page) {
  await page.getByRole('tab', { name: 'Bản nháp', exact: true }).click();
  const [backup] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải bản sao lưu' }).click(),
  ]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kehoach-')), backup.suggestedFilename());
  await backup.saveAs(file);
  const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const fresh = await openApp(context, app.server.url);
  await fresh.page.getByRole('tab', { name: 'Bản nháp', exact: true }).click();
  await fresh.page.getByLabel('Tệp sao lưu').setInputFiles(file);
  await fresh.page.getByText(/thêm \d+ bản nháp/).waitFor();
  return { context, ...fresh };
}
