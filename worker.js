// The check worker: runs kehoach's check on large texts off the page's thread, so
// typing never waits for it. It loads the check's own module, built for speed
// (crates/kehoach-check: opt-level 3 and SIMD), or, where that cannot load (a
// browser without wasm SIMD, a build without it), the page's own wasm (the same
// files, from the browser's cache); both export `check_in_worker`.
//
// Messages in: first {glue, wasm, check?: {glue, wasm}} (the URLs of the page's JS
// glue and wasm, and of the check module's), then {version, text, lang, settings}
// for each text (settings: the rules' JSON). Out: the result as JSON
// (`WorkerResult`: findings and summary, not the plan), or {failed: message} if no wasm
// can load here. Only the newest text waiting is checked: a text replaced before its
// turn is skipped.
let ready = null;
let waiting = null;
let running = false;

async function load({ glue, wasm }) {
  const module = await import(glue);
  await module.default({ module_or_path: wasm });
  return module;
}

self.onmessage = (event) => {
  const m = event.data;
  if (m.glue) {
    const page = { glue: m.glue, wasm: m.wasm };
    ready = m.check ? load(m.check).catch(() => load(page)) : load(page);
    ready.catch((e) => self.postMessage({ failed: String(e) }));
    return;
  }
  waiting = m;
  if (!running) run();
};

async function run() {
  running = true;
  try {
    const glue = await ready;
    while (waiting) {
      const m = waiting;
      waiting = null;
      self.postMessage(glue.check_in_worker(m.version, m.text, m.lang, m.settings ?? '{}'));
      // Let newer messages in before the next check.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } catch (e) {
    self.postMessage({ failed: String(e) });
  } finally {
    running = false;
  }
}
