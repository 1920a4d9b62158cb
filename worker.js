// The check worker: runs kehoach's check on large texts off the page's thread, so
// typing never waits for it. It loads the page's own wasm (the same files, from the
// browser's cache) and calls its `check_in_worker` export.
//
// Messages in: first {glue, wasm} (the URLs of the page's JS glue and wasm), then
// {version, text, lang, settings, plan} for each text (settings: the rules' JSON;
// plan: whether the page shows the plan). Out: the result as JSON (`WorkerResult`),
// or {failed: message} if the wasm cannot load here. Only the newest text waiting is
// checked: a text replaced before its turn is skipped.
let ready = null;
let waiting = null;
let running = false;

self.onmessage = (event) => {
  const m = event.data;
  if (m.glue) {
    ready = import(m.glue).then(async (glue) => {
      await glue.default({ module_or_path: m.wasm });
      return glue;
    });
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
      self.postMessage(glue.check_in_worker(m.version, m.text, m.lang, m.settings ?? '{}', m.plan === true));
      // Let newer messages in before the next check.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } catch (e) {
    self.postMessage({ failed: String(e) });
  } finally {
    running = false;
  }
}
