// Typing reads only what a keystroke changed into the app's text (src/typing.rs):
// after each kind of edit a user makes (typing mid-line, Backspace, a selection
// typed over, Enter, an emoji, undo, a paste at the caret, an IME composing a word
// or composing over a selection), the text the app checks is the editor's, line
// for line, and the save never had to correct it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, seed, putText } from './harness.mjs';

const app = useApp();

/** The editor's lines and the highlight layer's (built from the app's text; a text
 *  this short renders every line as an element). */
const lines = (page) =>
  page.evaluate(() => {
    const value = document.getElementById('plan-text').value.split('\n');
    const layer = [...document.querySelectorAll('.layer > .ln')].map((e) => e.textContent);
    return { value, layer };
  });

test('every kind of keystroke reaches the checked text exactly', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const { page, editor, errors } = await openApp(context, app.server.url);
  const warnings = [];
  page.on('console', (m) => {
    if (/differed from the editor/.test(m.text())) warnings.push(m.text());
  });
  await putText(page, seed('000_'));
  await editor.focus();
  const caretAt = (needle, after = 0) =>
    page.evaluate(
      ([n, a]) => {
        const el = document.getElementById('plan-text');
        const at = el.value.indexOf(n) + a;
        el.setSelectionRange(at, at);
      },
      [needle, after],
    );
  const select = (needle) =>
    page.evaluate((n) => {
      const el = document.getElementById('plan-text');
      const at = el.value.indexOf(n);
      el.setSelectionRange(at, at + n.length);
    }, needle);
  // An IME as Windows' and macOS's Vietnamese keyboards are: each key rewrites the
  // word being composed (Chromium's DevTools protocol drives the composition).
  const cdp = await context.newCDPSession(page);
  const compose = async (...states) => {
    for (const text of states) {
      await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    }
    await cdp.send('Input.insertText', { text: states[states.length - 1] });
  };
  const steps = [
    ['typing mid-line', async () => { await caretAt('Căn cứ', 3); await page.keyboard.type('ữa đổi '); }],
    ['Backspace', async () => { for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace'); }],
    ['Delete', async () => { await page.keyboard.press('Delete'); }],
    ['a selection typed over', async () => { await select('KẾ HOẠCH'); await page.keyboard.type('Kế hoạch'); }],
    ['Enter', async () => { await page.keyboard.press('Enter'); await page.keyboard.type('dòng mới'); }],
    ['an emoji (a surrogate pair)', async () => { await page.keyboard.type('😀 x'); await page.keyboard.press('Backspace'); }],
    ['undo', async () => { await page.keyboard.press('Control+z'); await page.keyboard.press('Control+z'); }],
    ['an IME composing a word', async () => { await caretAt('Căn cứ', 0); await compose('v', 'vi', 'vie', 'viê', 'viêt', 'việt', 'việt '); }],
    ['an IME composing over a selection', async () => { await select('nhận thức'); await compose('n', 'nh', 'nhâ', 'nhận', 'nhận t', 'nhận th', 'nhận thư', 'nhận thức'); }],
    ['inserted text at the caret', async () => { await caretAt('\n', 0); await page.keyboard.insertText('\nThêm\n\nhai dòng'); }],
    ['at the very start and end', async () => {
      await page.keyboard.press('Control+Home'); await page.keyboard.type('Đầu ');
      await page.keyboard.press('Control+End'); await page.keyboard.type(' cuối');
    }],
  ];
  for (const [name, step] of steps) {
    await step();
    // The layer follows the text on the next frame.
    await page.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => r(true))));
    const { value, layer } = await lines(page);
    assert.deepEqual(layer, value, `after ${name}: the checked text is the editor's`);
  }
  // A save compares the whole text with the editor's: it never had to correct it.
  await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  assert.deepEqual(warnings, []);
  assert.deepEqual(errors, []);
  await context.close();
});
