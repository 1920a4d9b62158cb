// Stock Firefox (Debian's firefox-esr) driven over WebDriver BiDi, its built-in
// remote protocol: playwright-core drives only its own patched Firefox, which cannot
// be downloaded here, and geckodriver would have to be compiled. A few commands are
// all the tests need: navigate, reload, evaluate.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

/** Starts headless Firefox with a fresh profile; resolves to a page handle. */
export async function launchFirefox() {
  if (typeof WebSocket === 'undefined') {
    throw new Error('no WebSocket in this Node: run node with --experimental-websocket (Node 20) or use Node 22+');
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kehoach-firefox-'));
  const firefox = spawn(FIREFOX, ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port', '0', 'about:blank'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  const address = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Firefox did not start its remote protocol: ${seen}`)), 60_000);
    const read = (data) => {
      seen += data;
      const m = seen.match(/WebDriver BiDi listening on (ws:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    firefox.stdout.on('data', read);
    firefox.stderr.on('data', read);
    firefox.on('exit', (code) => reject(new Error(`Firefox exited (${code}): ${seen}`)));
  });
  const socket = new WebSocket(`${address}/session`);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve);
    socket.addEventListener('error', reject);
  });
  let next = 0;
  const pending = new Map();
  const errors = [];
  socket.addEventListener('message', (event) => {
    const m = JSON.parse(event.data);
    if (m.id !== undefined && pending.has(m.id)) {
      const { resolve, reject } = pending.get(m.id);
      pending.delete(m.id);
      if (m.type === 'error') reject(new Error(`${m.error}: ${m.message}`));
      else resolve(m.result);
    } else if (m.method === 'log.entryAdded' && m.params.level === 'error') {
      errors.push(m.params.text);
    }
  });
  const send = (method, params) => new Promise((resolve, reject) => {
    const id = ++next;
    pending.set(id, { resolve, reject });
    socket.send(JSON.stringify({ id, method, params }));
  });
  await send('session.new', { capabilities: {} });
  await send('session.subscribe', { events: ['log.entryAdded'] });
  const { contexts } = await send('browsingContext.getTree', {});
  const context = contexts[0].context;

  const page = {
    /** Console and uncaught errors the page reported. */
    errors,
    goto: (url) => send('browsingContext.navigate', { context, url, wait: 'complete' }),
    reload: () => send('browsingContext.reload', { context, wait: 'complete' }),
    /** The value of `expression` (awaited when a promise), evaluated in the page. */
    async evaluate(expression) {
      const r = await send('script.evaluate', { expression, target: { context }, awaitPromise: true });
      if (r.type === 'exception') throw new Error(`in the page: ${r.exceptionDetails.text}`);
      return r.result.value;
    },
    /** Resolves when `expression` is truthy in the page (polled). */
    async waitFor(expression, timeout = 30_000) {
      const end = Date.now() + timeout;
      while (Date.now() < end) {
        if (await page.evaluate(expression).catch(() => false)) return;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`timed out waiting for: ${expression}`);
    },
    async close() {
      socket.close();
      firefox.kill();
      await new Promise((r) => (firefox.exitCode !== null ? r() : firefox.on('exit', r)));
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
  return page;
}
