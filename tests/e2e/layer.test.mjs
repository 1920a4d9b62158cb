// The highlight layer of a long plan (issue 13): only the lines around the view are
// elements, the rest plain text that keeps every line in place. Scrolled anywhere,
// or sent to a finding far down, the lines in view carry their underlines, the
// layer stays as tall as the textarea, and its line numbers count from the top.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, seed } from './harness.mjs';

const app = useApp();

/** What the page shows in the textarea's view. */
const inView = (page) => page.evaluate(() => {
  const area = document.getElementById('plan-text');
  const layer = document.querySelector('.layer');
  const box = area.getBoundingClientRect();
  const visible = (e) => { const r = e.getBoundingClientRect(); return r.bottom > box.top && r.top < box.bottom; };
  const first = Number(getComputedStyle(layer).counterReset.split(' ')[1] ?? 0);
  const rows = [...layer.children];
  const lineEls = rows.filter((r) => r.classList.contains('ln'));
  const shownLines = lineEls.filter(visible);
  // The line number of the first line element, and its text against the editor's.
  const value = area.value.split('\n');
  const firstEl = lineEls[0];
  return {
    areaHeight: area.scrollHeight,
    layerHeight: layer.scrollHeight,
    scrollSynced: area.scrollTop === layer.scrollTop,
    elements: lineEls.length,
    visibleLines: shownLines.length,
    marksInView: [...layer.querySelectorAll('mark')].filter(visible).length,
    firstLineMatches: firstEl ? firstEl.textContent === value[first] : false,
    visibleTextMatches: shownLines.every((e) => value[first + lineEls.indexOf(e)] === e.textContent),
    // 1-based numbers of the lines in view.
    from: first + lineEls.indexOf(shownLines[0]) + 1,
    to: first + lineEls.indexOf(shownLines[shownLines.length - 1]) + 1,
  };
});

test('a long plan: the lines in view are underlined wherever it is scrolled, with few elements', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const { page, errors } = await openApp(context, app.server.url);
  // Seed 003 forty times: some 9,000 lines with findings all along.
  const plan = Array.from({ length: 40 }, () => seed('003_')).join('\n');
  await page.evaluate((t) => {
    const el = document.getElementById('plan-text');
    el.value = t;
    el.dispatchEvent(new InputEvent('input', { bubbles: true }));
  }, plan);
  await page.locator('.status.checking').waitFor({ state: 'detached', timeout: 60_000 });
  let checked = 0;
  for (const where of [0, 0.37, 0.5, 0.8, 1]) {
    await page.evaluate((f) => {
      const area = document.getElementById('plan-text');
      area.scrollTop = f * (area.scrollHeight - area.clientHeight);
    }, where);
    await page.waitForTimeout(300);
    const v = await inView(page);
    assert.equal(v.layerHeight, v.areaHeight, `at ${where}: the layer is as tall as the textarea`);
    assert.ok(v.scrollSynced, `at ${where}: the layer scrolls with the textarea`);
    assert.ok(v.elements < 1000, `at ${where}: ${v.elements} line elements, not one per line`);
    assert.ok(v.visibleLines > 10, `at ${where}: the lines in view are elements (${v.visibleLines})`);
    assert.ok(v.firstLineMatches && v.visibleTextMatches, `at ${where}: the line elements are the editor's lines, numbered from the top`);
    // Underlines in view exactly where the findings list has a finding in view.
    const expected = await page.evaluate(({ from, to }) =>
      [...document.querySelectorAll('li[data-code]')].some((li) => { const n = Number(li.dataset.line); return n >= from && n <= to; }), v);
    if (expected) assert.ok(v.marksInView > 0, `at ${where}: underlines in view (lines ${v.from}–${v.to})`);
    checked += expected ? 1 : 0;
  }
  assert.ok(checked > 0, 'at least one position had findings in view');
  // A finding far down, chosen in the list: its underline is rendered and in view.
  const findings = page.getByRole('list', { name: 'Kết quả kiểm tra' });
  const lines = await findings.locator('li[data-code]').evaluateAll((els) => els.map((e) => Number(e.dataset.line)));
  const line = Math.max(...lines);
  assert.ok(line > 5000, `a finding far down (line ${line})`);
  const far = findings.locator(`li[data-line="${line}"]`).first();
  await page.evaluate(() => { document.getElementById('plan-text').scrollTop = 0; });
  await page.waitForTimeout(200);
  await far.locator('button.goto').click();
  await page.waitForFunction((n) => {
    const area = document.getElementById('plan-text');
    const layer = document.querySelector('.layer');
    const first = Number(getComputedStyle(layer).counterReset.split(' ')[1] ?? 0);
    const el = [...layer.children].filter((r) => r.classList.contains('ln'))[n - 1 - first];
    if (!el) return false;
    const r = el.getBoundingClientRect(), box = area.getBoundingClientRect();
    return r.top >= box.top && r.bottom <= box.bottom && el.querySelector('mark') !== null;
  }, line, { timeout: 5_000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a very large plan (over 2 MB) keeps its underlines, checked when typing pauses', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const { page, errors } = await openApp(context, app.server.url);
  // Seed 003 ninety times: 3.2 MB, above the size checked only when typing pauses.
  const plan = Array.from({ length: 90 }, () => seed('003_')).join('\n');
  assert.ok(plan.length > 2_000_000);
  await page.evaluate((t) => {
    const el = document.getElementById('plan-text');
    el.value = t;
    el.dispatchEvent(new InputEvent('input', { bubbles: true }));
  }, plan);
  await page.getByText('Văn bản rất lớn').waitFor();
  await page.locator('.status.checking').waitFor({ state: 'detached', timeout: 120_000 });
  // Underlines in view wherever the findings list has a finding in view.
  const marksInView = async () => {
    const v = await inView(page);
    assert.ok(v.firstLineMatches && v.visibleTextMatches, 'the line elements are the editor\'s lines');
    const expected = await page.evaluate(({ from, to }) =>
      [...document.querySelectorAll('li[data-code]')].some((li) => { const n = Number(li.dataset.line); return n >= from && n <= to; }), v);
    return expected ? v.marksInView : 1;
  };
  assert.ok((await marksInView()) > 0, 'underlines at the top');
  await page.evaluate(() => {
    const area = document.getElementById('plan-text');
    area.scrollTop = 0.6 * (area.scrollHeight - area.clientHeight);
  });
  await page.waitForTimeout(300);
  assert.ok((await marksInView()) > 0, 'underlines in the middle');
  // Typing at the end: the check waits for the pause, then the underlines are the
  // new text's.
  await page.evaluate(() => {
    const area = document.getElementById('plan-text');
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
  });
  await page.keyboard.type('x');
  await page.locator('.status.checking').waitFor({ state: 'detached', timeout: 120_000 });
  assert.ok((await marksInView()) > 0, 'underlines after typing');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a click on one place of a grouped finding selects that place', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const { page, errors } = await openApp(context, app.server.url);
  // Double spaces on three lines: one KH809 finding that underlines all three.
  const text = 'KẾ HOẠCH\nCông tác năm 2024\n1. Tăng  cường.\n2. Báo  cáo.\n3. Kiểm  tra.\n4. Xong.\n';
  await page.evaluate((t) => {
    const el = document.getElementById('plan-text');
    el.value = t;
    el.dispatchEvent(new InputEvent('input', { bubbles: true }));
  }, text);
  const spacing = page.locator('.layer mark[title*="KH809"]');
  await spacing.nth(2).waitFor({ timeout: 10_000 });
  assert.equal(await spacing.count(), 3, 'each place is underlined');
  await spacing.nth(2).click();
  const third = text.indexOf('Kiểm  ') + 'Kiểm'.length;
  const selected = await page.evaluate(() => {
    const area = document.getElementById('plan-text');
    return [area.selectionStart, area.selectionEnd];
  });
  assert.deepEqual(selected, [third, third + 2], 'the clicked place is selected, not the first');
  const current = page.locator('li[aria-current="true"]');
  assert.equal(await current.getAttribute('data-code'), 'KH809', 'the finding is the current one');
  assert.deepEqual(errors, []);
  await context.close();
});
