// Drafts that are never lost, in Chromium: two drafts survive a reload; trash and
// restore; a snapshot restored; two pages editing one draft; a backup exported and
// imported into a fresh browser profile; a refused storage works in memory; a
// large draft saved in a pause of the typing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useApp, openApp, seed } from './harness.mjs';

const app = useApp();

const openPage = (context) => openApp(context, app.server.url);

async function fresh() {
  const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  return { context, ...(await openPage(context)) };
}

const draftsList = (page) => page.getByRole('list', { name: 'Bản nháp', exact: true });
const trashList = (page) => page.getByRole('list', { name: 'Thùng rác' });
const historyList = (page) => page.getByRole('list', { name: 'Lịch sử' });

async function showDrafts(page) {
  await page.getByRole('tab', { name: 'Bản nháp' }).click();
  await draftsList(page).waitFor();
}

/** Waits until the autosave has written the editor's current text. */
async function saved(page) {
  await page.waitForFunction(() => {
    const text = document.getElementById('plan-text').value;
    return Object.keys(localStorage)
      .filter((k) => k.startsWith('kehoach.v2.draft.'))
      .some((k) => JSON.parse(localStorage.getItem(k)).text === text);
  });
}

/** Every stored draft (text, name, trash state) and its history length, by id. */
async function stored(page) {
  return page.evaluate(() => {
    const out = {};
    for (const k of Object.keys(localStorage)) {
      if (!k.startsWith('kehoach.v2.draft.')) continue;
      const d = JSON.parse(localStorage.getItem(k));
      const h = JSON.parse(localStorage.getItem(`kehoach.v2.history.${d.id}`) ?? '[]');
      out[d.id] = { text: d.text, name: d.name ?? null, deleted: d.deleted != null, history: h.map((s) => s.text) };
    }
    return out;
  });
}

/** Two pages of one browser profile showing one saved draft whose text is `text`. */
async function twoPagesOnOneDraft(text) {
  const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const a = await openPage(context);
  await a.editor.fill(text);
  await saved(a.page);
  const b = await openPage(context);
  assert.equal(await b.editor.inputValue(), text, 'the second page opens the last draft');
  return { context, a, b };
}

/** The page (of several) that shows the button `name`, once one does. */
async function whichAsks(pages, name) {
  for (let i = 0; i < 100; i++) {
    for (const p of pages) {
      if (await p.page.getByRole('button', { name }).count()) return p;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no page shows "${name}"`);
}

test('two drafts survive a reload; the last one opened comes back', async () => {
  const { context, page, editor, errors } = await fresh();
  const first = seed('000_');
  await editor.fill(first);
  await page.getByText(/Đã lưu lúc \d\d:\d\d/).waitFor();
  await showDrafts(page);
  await page.getByRole('button', { name: 'Bản nháp mới' }).click();
  assert.equal(await editor.inputValue(), '');
  await editor.fill('KẾ HOẠCH\nTổ chức hội nghị tổng kết năm 2024\n\nI. MỤC ĐÍCH\n');
  await saved(page);

  await page.reload();
  await editor.waitFor({ timeout: 30_000 });
  assert.match(await editor.inputValue(), /Tổ chức hội nghị tổng kết năm 2024/);
  await showDrafts(page);
  const items = draftsList(page).getByRole('listitem');
  assert.equal(await items.count(), 2);
  // Titles are the summaries, with each draft's error count.
  const listed = await draftsList(page).innerText();
  assert.match(listed, /Tổ chức hội nghị tổng kết năm 2024/);
  assert.match(listed, /\d+ lỗi/);
  const seedItem = items.filter({ hasNotText: 'Tổ chức hội nghị' });
  await seedItem.locator('.draft-open').click();
  assert.equal(await editor.inputValue(), first);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a deleted draft goes to the trash and comes back; emptying the trash asks first', async () => {
  const { context, page, editor } = await fresh();
  await editor.fill('KẾ HOẠCH\nGiữ lại\n');
  await saved(page);
  await showDrafts(page);
  await page.getByRole('button', { name: 'Bản nháp mới' }).click();
  await editor.fill('KẾ HOẠCH\nBỏ đi\n');
  await saved(page);

  const doomed = draftsList(page).getByRole('listitem').filter({ hasText: 'Bỏ đi' });
  await doomed.getByRole('button', { name: 'Xóa' }).click();
  // The open draft went: the other one is shown.
  assert.equal(await editor.inputValue(), 'KẾ HOẠCH\nGiữ lại\n');
  await trashList(page).getByText('Bỏ đi').waitFor();
  assert.equal(await draftsList(page).getByText('Bỏ đi').count(), 0);

  await trashList(page).getByRole('button', { name: 'Khôi phục' }).click();
  await draftsList(page).getByText('Bỏ đi').waitFor();

  await draftsList(page).getByRole('listitem').filter({ hasText: 'Bỏ đi' }).getByRole('button', { name: 'Xóa' }).click();
  await trashList(page).waitFor();
  page.once('dialog', (d) => d.dismiss());
  await page.getByRole('button', { name: 'Dọn sạch thùng rác' }).click();
  assert.equal(await trashList(page).getByText('Bỏ đi').count(), 1, 'kept when the question is declined');
  page.once('dialog', (d) => { assert.match(d.message(), /Không thể khôi phục/); d.accept(); });
  await page.getByRole('button', { name: 'Dọn sạch thùng rác' }).click();
  await page.getByText('Thùng rác trống.').waitFor();
  const all = Object.values(await stored(page)).map((d) => d.text);
  assert.deepEqual(all, ['KẾ HOẠCH\nGiữ lại\n']);
  await context.close();
});

test('rename and duplicate', async () => {
  const { context, page, editor } = await fresh();
  await editor.fill('KẾ HOẠCH\nPhòng chống thiên tai năm 2025\n');
  await saved(page);
  await showDrafts(page);
  await draftsList(page).getByRole('button', { name: 'Đổi tên' }).click();
  // The name field opens focused, with the current title selected: typing replaces it.
  await page.keyboard.type('KH thiên tai');
  await page.keyboard.press('Enter');
  await draftsList(page).getByText('KH thiên tai', { exact: true }).waitFor();
  assert.equal(await page.getByLabel('Tên bản nháp').count(), 0);
  // Escape leaves the name as it was.
  await draftsList(page).getByRole('button', { name: 'Đổi tên' }).click();
  await page.keyboard.type('Không lưu');
  await page.keyboard.press('Escape');
  await draftsList(page).getByText('KH thiên tai', { exact: true }).waitFor();
  await draftsList(page).getByRole('button', { name: 'Nhân bản' }).click();
  await draftsList(page).getByText('KH thiên tai (bản sao)').waitFor();
  const texts = Object.values(await stored(page)).map((d) => d.text);
  assert.deepEqual(texts, ['KẾ HOẠCH\nPhòng chống thiên tai năm 2025\n', 'KẾ HOẠCH\nPhòng chống thiên tai năm 2025\n']);
  await context.close();
});

test('Ctrl+S keeps a snapshot that can be viewed and restored (and the restore undone)', async () => {
  const { context, page, editor } = await fresh();
  const v1 = 'KẾ HOẠCH\nBản thứ nhất\n';
  await editor.fill(v1);
  await editor.press('Control+s');
  await page.getByText(/Đã lưu ảnh chụp vào lịch sử lúc \d\d:\d\d/).waitFor();
  const v2 = 'KẾ HOẠCH\nBản thứ hai, sửa nhiều\n';
  await editor.fill(v2);
  await saved(page);

  await showDrafts(page);
  const snaps = historyList(page).getByRole('listitem');
  assert.equal(await snaps.count(), 1);
  assert.match(await snaps.first().innerText(), /\d\d:\d\d \d\d\/\d\d\/\d{4} · 22 ký tự · lưu tay/);
  await snaps.first().getByRole('button', { name: 'Xem' }).click();
  assert.equal(await page.getByLabel('Nội dung ảnh chụp').textContent(), v1);
  await snaps.first().getByRole('button', { name: 'Khôi phục' }).click();
  assert.equal(await editor.inputValue(), v1);
  await saved(page);
  // The replaced text went into the history first.
  const [draft] = Object.values(await stored(page));
  assert.deepEqual(draft.history, [v1, v2]);
  // And the restore is one undoable edit.
  await editor.focus();
  await page.keyboard.press('Control+z');
  assert.equal(await editor.inputValue(), v2);
  await context.close();
});

test('two pages on one draft: changes follow, and a conflict overwrites nothing', async () => {
  const { context, a, b } = await twoPagesOnOneDraft('KẾ HOẠCH\nChung\n');

  // A changes, B has nothing unsaved: B shows A's version and says so.
  await a.editor.fill('KẾ HOẠCH\nChung, sửa ở A\n');
  await b.page.waitForFunction(() => document.getElementById('plan-text').value === 'KẾ HOẠCH\nChung, sửa ở A\n');
  await b.page.getByText('Bản nháp này vừa được sửa ở thẻ khác').waitFor();

  // Both change it at once: one of them is asked, and nothing is overwritten.
  await Promise.all([
    b.editor.fill('KẾ HOẠCH\nChung, bản của B\n'),
    a.editor.fill('KẾ HOẠCH\nChung, bản của A\n'),
  ]);
  const keep = 'Giữ bản của tôi thành bản sao';
  const asked = await whichAsks([a, b], keep);
  const other = asked === a ? b : a;
  const mine = await asked.editor.inputValue();
  const theirs = await other.editor.inputValue();
  assert.notEqual(mine, theirs);
  await asked.page.getByText('Chưa lưu: đang chờ bạn chọn bản nào').waitFor();
  await asked.page.getByRole('button', { name: keep }).click();
  await saved(asked.page);
  // If both wrote at the same moment, both are asked; the other keeps its own too.
  if (await other.page.getByRole('button', { name: keep }).count()) {
    await other.page.getByRole('button', { name: keep }).click();
    await saved(other.page);
  }
  const texts = Object.values(await stored(asked.page)).map((d) => d.text);
  assert.ok(texts.includes(mine) && texts.includes(theirs), JSON.stringify(texts));
  // The other page lists the copy too.
  await showDrafts(other.page);
  await draftsList(other.page).getByRole('listitem').nth(1).waitFor();
  assert.deepEqual(a.errors, []);
  assert.deepEqual(b.errors, []);
  await context.close();
});

test('"load theirs" keeps this page\'s text in the history', async () => {
  const { context, a, b } = await twoPagesOnOneDraft('KẾ HOẠCH\nGốc\n');
  await Promise.all([b.editor.fill('KẾ HOẠCH\nCủa B\n'), a.editor.fill('KẾ HOẠCH\nCủa A\n')]);
  const load = 'Tải bản của thẻ kia';
  const asked = await whichAsks([a, b], load);
  const other = asked === a ? b : a;
  const mine = await asked.editor.inputValue();
  // Until the choice is made, this page does not leave the draft (a file waits).
  await asked.page.getByLabel('Mở tệp').setInputFiles({ name: 'mo.txt', mimeType: 'text/plain', buffer: Buffer.from('KẾ HOẠCH\nTệp\n') });
  await asked.page.getByText('mo.txt: chưa mở được').waitFor();
  assert.equal(await asked.editor.inputValue(), mine);
  await asked.page.getByRole('button', { name: load }).click();
  assert.equal(await asked.editor.inputValue(), await other.editor.inputValue());
  const [draft] = Object.values(await stored(asked.page));
  assert.ok(draft.history.includes(mine), 'this page\'s version is in the history');
  await context.close();
});

test('a backup exported and imported into a fresh profile gives the same drafts', async () => {
  const one = await fresh();
  await one.editor.fill(seed('001_'));
  await one.editor.press('Control+s');
  await showDrafts(one.page);
  await one.page.getByRole('button', { name: 'Bản nháp mới' }).click();
  await one.editor.fill('KẾ HOẠCH\nBản nháp thứ hai\n');
  await saved(one.page);
  await draftsList(one.page).getByRole('listitem').filter({ hasText: 'Bản nháp thứ hai' }).getByRole('button', { name: 'Đổi tên' }).click();
  await one.page.getByLabel('Tên bản nháp').fill('Thứ hai');
  await one.page.getByLabel('Tên bản nháp').press('Enter');
  await draftsList(one.page).getByText('Thứ hai', { exact: true }).waitFor();
  const before = await stored(one.page);
  const [download] = await Promise.all([
    one.page.waitForEvent('download'),
    one.page.getByRole('button', { name: 'Tải bản sao lưu' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^kehoach-sao-luu-\d{4}-\d\d-\d\d\.json$/);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kehoach-')), download.suggestedFilename());
  await download.saveAs(file);
  await one.context.close();

  const two = await fresh();
  await showDrafts(two.page);
  await two.page.getByLabel('Tệp sao lưu').setInputFiles(file);
  await two.page.getByText('thêm 2 bản nháp, 0 đã có sẵn').waitFor();
  assert.deepEqual(await stored(two.page), before);
  // Importing it again adds nothing.
  await two.page.getByLabel('Tệp sao lưu').setInputFiles(file);
  await two.page.getByText('thêm 0 bản nháp, 2 đã có sẵn').waitFor();
  assert.deepEqual(await stored(two.page), before);
  // A plan export or a broken file is refused with a reason, changing nothing.
  await two.page.getByLabel('Tệp sao lưu').setInputFiles({ name: 'ke-hoach.json', mimeType: 'application/json', buffer: Buffer.from('{"schema_version":1,"header":{}}') });
  await two.page.getByText('ke-hoach.json: Đây không phải tệp sao lưu').waitFor();
  await two.page.getByLabel('Tệp sao lưu').setInputFiles({ name: 'hong.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"kehoach-backup","drafts":[') });
  await two.page.getByText('hong.json: Tệp sao lưu bị hỏng').waitFor();
  assert.deepEqual(await stored(two.page), before);
  await two.context.close();
});

test('a full storage: the change stays, the user is told and offered a backup that has it', async () => {
  const { context, page, editor, errors } = await fresh();
  await editor.fill('KẾ HOẠCH\nĐầu tiên\n');
  await saved(page);
  await page.evaluate(() => {
    let n = 0;
    for (const size of [1e6, 1e5, 1e4, 1e3, 100, 10]) {
      const chunk = 'x'.repeat(size);
      try { for (;;) { localStorage.setItem(`filler.${n}`, chunk); n += 1; } } catch { /* full at this size */ }
    }
  });
  const big = `KẾ HOẠCH\nĐầu tiên\n${'Nội dung thêm. '.repeat(5000)}`;
  await editor.fill(big);
  const alert = page.getByRole('alert').filter({ hasText: 'Bộ nhớ trình duyệt đã đầy' });
  await alert.waitFor();
  await page.getByText('Chưa lưu được thay đổi mới nhất').waitFor();
  assert.equal(await editor.inputValue(), big);
  const [download] = await Promise.all([page.waitForEvent('download'), alert.getByRole('button', { name: 'Tải bản sao lưu' }).click()]);
  const backup = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.ok(backup.drafts.some((e) => e.draft.text === big), 'the backup has the unsaved text');
  // Room again: the next change is saved, and the message goes.
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler.')).forEach((k) => localStorage.removeItem(k)));
  await editor.press('End');
  await page.keyboard.type('.');
  await saved(page);
  await alert.waitFor({ state: 'detached' });
  await page.getByText(/Đã lưu lúc \d\d:\d\d/).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

// A large draft (from 150 KB) is saved in a pause of the typing rather than half a
// second after its first change (a save of 1 MB takes the page's thread ~25 ms):
// typed and left alone, it is saved, and a reload brings it back.
test('a large draft is saved once typing pauses, and a reload keeps it', async () => {
  const { context, page, editor, errors } = await fresh();
  const large = `KẾ HOẠCH\nĐầu tiên\n${'Nội dung thêm của kế hoạch lớn. '.repeat(8000)}\n`;
  await page.evaluate((t) => {
    const el = document.getElementById('plan-text');
    el.value = t;
    el.dispatchEvent(new InputEvent('input', { bubbles: true }));
  }, large);
  await saved(page);
  await editor.focus();
  await page.evaluate(() => {
    const el = document.getElementById('plan-text');
    el.setSelectionRange(el.value.length, el.value.length);
  });
  // Every write of a draft, timed.
  await page.evaluate(() => {
    window.__saves = [];
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key.startsWith('kehoach.v2.draft.')) window.__saves.push(performance.now());
      return set.call(this, key, value);
    };
  });
  const typed = 'Dòng cuối, gõ thêm từng chữ một. '.repeat(3);
  const start = await page.evaluate(() => performance.now());
  await page.keyboard.type(typed, { delay: 40 });
  const end = await page.evaluate(() => performance.now());
  const during = (await page.evaluate(() => window.__saves)).filter((t) => t >= start && t <= end);
  // Half a second after each first change would be a save every 500 ms of typing;
  // in pauses, at most 3 s behind, it is one every 3 s (one more if the typing
  // itself stalled for a pause).
  const span = end - start;
  assert.ok(during.length <= Math.ceil(span / 3000) + 1, `${during.length} saves in ${span.toFixed(0)} ms of typing`);
  if (span > 3600) assert.ok(during.length >= 1, `no save in ${span.toFixed(0)} ms of typing`);
  await saved(page);
  await page.reload();
  await editor.waitFor({ timeout: 30_000 });
  assert.equal(await editor.inputValue(), `${large}${typed}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a refused storage: the app works in memory and says so', async () => {
  const context = await app.browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
    });
  });
  const { page, editor, errors } = await openPage(context);
  await page.getByText('Trình duyệt không cho lưu dữ liệu').waitFor();
  await editor.fill('KẾ HOẠCH\nChỉ trong bộ nhớ\n');
  await page.getByText('Chỉ lưu trong bộ nhớ của trang này').waitFor();
  await showDrafts(page);
  await draftsList(page).getByText('Chỉ trong bộ nhớ').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a draft from the first release (schema 1) is still there', async () => {
  const context = await app.browser.newContext();
  await context.addInitScript(() => {
    if (!localStorage.getItem('kehoach.schema')) {
      localStorage.setItem('kehoach.v1.draft', JSON.stringify('KẾ HOẠCH\nTừ phiên bản đầu\n'));
    }
  });
  const { page, editor } = await openPage(context);
  assert.equal(await editor.inputValue(), 'KẾ HOẠCH\nTừ phiên bản đầu\n');
  await page.getByText('Bản nháp cũ đã được chuyển sang cách lưu mới.').waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('kehoach.v1.draft')), null);
  await context.close();
});
