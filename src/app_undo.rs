//! Undo and redo of the app's large edits, which the browser's history cannot hold.
//!
//! An app edit (fix-all, renumbering, the paste clean-up, the header form) reaches
//! the textarea as a user edit (`insertText`) where that is cheap, and the browser's
//! Ctrl+Z undoes it. Chromium inserts a text's line breaks one at a time, each at a
//! cost that grows with the whole text (45 ms a line break at 1 MB, 2 ms at 20 KB):
//! fix-all over a 20 KB plan took half a second, over 10 MB more than a minute. Such
//! an edit is written outright (`setRangeText`, which clears the browser's history)
//! and kept here; Ctrl+Z and Ctrl+Shift+Z (or Ctrl+Y) in the editor take it back and
//! forth while the text is the one it left (compared by hash: typing since then is
//! the browser's to undo first, and once it is undone, the text is that again).
//! Pure, and unit-tested natively.

use kehoach_core::hash::FxHasher;
use std::hash::Hasher;

/// How many bytes of edits are kept (the oldest go first; the last is always kept).
const KEPT_BYTES: usize = 64 << 20;

/// An app edit written outright: `removed` became `inserted` at `start16` (UTF-16).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppEdit {
    pub start16: u32,
    pub removed: String,
    pub inserted: String,
    /// Hashes of the whole text before and after the edit.
    pub before: u64,
    pub after: u64,
}

/// What to write into the textarea to undo or redo an edit: `text` replaces the
/// UTF-16 range `start16..end16`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Swap {
    pub start16: u32,
    pub end16: u32,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct AppHistory {
    done: Vec<AppEdit>,
    undone: Vec<AppEdit>,
}

/// The hash the history compares texts by.
pub fn text_hash(text: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(text.as_bytes());
    h.write_usize(text.len());
    h.finish()
}

fn len16(s: &str) -> u32 {
    s.encode_utf16().count() as u32
}

impl AppHistory {
    /// Keeps an edit just written; what was undone can no longer be redone.
    pub fn record(&mut self, edit: AppEdit) {
        self.undone.clear();
        self.done.push(edit);
        let mut bytes: usize = self
            .done
            .iter()
            .map(|e| e.removed.len() + e.inserted.len())
            .sum();
        let mut drop = 0;
        while bytes > KEPT_BYTES && drop + 1 < self.done.len() {
            bytes -= self.done[drop].removed.len() + self.done[drop].inserted.len();
            drop += 1;
        }
        self.done.drain(..drop);
    }

    /// The swap that undoes the last edit, when the text (hashed `now`) is the one
    /// that edit left.
    pub fn undo(&mut self, now: u64) -> Option<Swap> {
        take_last(&mut self.done, &mut self.undone, now, true)
    }

    /// The swap that redoes the last undone edit, when the text is the one it
    /// was undone to.
    pub fn redo(&mut self, now: u64) -> Option<Swap> {
        take_last(&mut self.undone, &mut self.done, now, false)
    }

    /// Nothing to undo or redo.
    pub fn is_empty(&self) -> bool {
        self.done.is_empty() && self.undone.is_empty()
    }

    /// Another draft is shown: its history starts empty.
    pub fn clear(&mut self) {
        self.done.clear();
        self.undone.clear();
    }
}

/// Moves the last edit of `from` to `to` when the text (hashed `now`) is the one
/// the move starts from, and returns the swap that writes it: back to what the edit
/// removed (`undo`) or again to what it inserted.
fn take_last(from: &mut Vec<AppEdit>, to: &mut Vec<AppEdit>, now: u64, undo: bool) -> Option<Swap> {
    let edit = from.last()?;
    let (starts_from, written, writes) = if undo {
        (edit.after, &edit.inserted, &edit.removed)
    } else {
        (edit.before, &edit.removed, &edit.inserted)
    };
    if starts_from != now {
        return None;
    }
    let swap = Swap {
        start16: edit.start16,
        end16: edit.start16 + len16(written),
        text: writes.clone(),
    };
    to.extend(from.pop());
    Some(swap)
}

/// Whether inserting `inserted` into a text of `text_len` bytes as a user edit is
/// cheap enough for the browser (its cost: line breaks inserted × the text's size).
pub fn cheap_as_user_edit(text_len: usize, inserted: &str) -> bool {
    let breaks = inserted.bytes().filter(|&b| b == b'\n').count();
    breaks.saturating_mul(text_len) <= 500_000
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies a swap to a text by UTF-16 offsets, as the textarea does.
    fn apply(text: &str, swap: &Swap) -> String {
        let units: Vec<u16> = text.encode_utf16().collect();
        let mut out: Vec<u16> = units[..swap.start16 as usize].to_vec();
        out.extend(swap.text.encode_utf16());
        out.extend(&units[swap.end16 as usize..]);
        String::from_utf16(&out).expect("whole characters")
    }

    fn edit(before: &str, after: &str, start16: u32, removed: &str, inserted: &str) -> AppEdit {
        AppEdit {
            start16,
            removed: removed.into(),
            inserted: inserted.into(),
            before: text_hash(before),
            after: text_hash(after),
        }
    }

    #[test]
    fn an_edit_is_undone_and_redone_while_the_text_is_the_one_it_left() {
        let (a, b) = ("Tăng  cường\nBáo  cáo\n", "Tăng cường\nBáo cáo\n");
        let mut h = AppHistory::default();
        h.record(edit(a, b, 4, "  cường\nBáo  ", " cường\nBáo "));
        // Typing since: the browser's to undo first.
        assert_eq!(h.undo(text_hash("Tăng cường\nBáo cáo\nx")), None);
        let undo = h.undo(text_hash(b)).expect("undone");
        assert_eq!(apply(b, &undo), a);
        assert_eq!(h.undo(text_hash(a)), None, "nothing more to undo");
        let redo = h.redo(text_hash(a)).expect("redone");
        assert_eq!(apply(a, &redo), b);
        assert_eq!(h.redo(text_hash(b)), None);
        assert!(h.undo(text_hash(b)).is_some());
    }

    #[test]
    fn a_new_edit_drops_what_was_undone() {
        let mut h = AppHistory::default();
        h.record(edit("a", "b", 0, "a", "b"));
        assert!(h.undo(text_hash("b")).is_some());
        h.record(edit("a", "c", 0, "a", "c"));
        assert_eq!(h.redo(text_hash("a")), None);
        assert_eq!(h.redo(text_hash("c")), None);
    }

    #[test]
    fn edits_chain_back_in_order() {
        let mut h = AppHistory::default();
        h.record(edit("1\n2", "1.\n2", 1, "", "."));
        h.record(edit("1.\n2", "1.\n2.", 4, "", "."));
        let first = h.undo(text_hash("1.\n2.")).expect("the second edit");
        assert_eq!(apply("1.\n2.", &first), "1.\n2");
        let second = h.undo(text_hash("1.\n2")).expect("the first edit");
        assert_eq!(apply("1.\n2", &second), "1\n2");
    }

    #[test]
    fn the_oldest_edits_go_past_the_budget_and_the_last_stays() {
        let mut h = AppHistory::default();
        let big = "x".repeat(KEPT_BYTES / 2 + 1);
        h.record(edit("0", "1", 0, &big, ""));
        h.record(edit("1", "2", 0, &big, ""));
        assert_eq!(h.done.len(), 1);
        h.record(edit("2", "3", 0, &"y".repeat(KEPT_BYTES * 2), ""));
        assert_eq!(h.done.len(), 1, "the last edit is kept whatever its size");
        assert!(h.undo(text_hash("3")).is_some());
    }

    #[test]
    fn line_breaks_in_a_large_text_are_not_a_user_edit() {
        assert!(cheap_as_user_edit(10_000_000, "một từ"));
        assert!(cheap_as_user_edit(20_000, "a\nb\nc"));
        assert!(!cheap_as_user_edit(20_000, &"dòng\n".repeat(300)));
        assert!(!cheap_as_user_edit(1_000_000, "a\nb"));
    }
}
