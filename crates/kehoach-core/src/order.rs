//! One sort for the whole program, small in the wasm.
//!
//! std's sorts are fast, but every element type and comparison gets its own copy of
//! driftsort or ipnsort (2–5 KB of wasm each): the app's 37 sorts weighed 117 KB
//! before optimization, about a twelfth of its code. Here a single merge sort orders
//! *indices* through a `dyn` comparison, and a few lines per use move the elements.
//! It is stable and O(n log n); a dozen items or fewer are sorted in place. The
//! lists sorted (tables, references, findings, drafts) hold up to thousands of
//! items, where the indirect call costs nothing measurable. `clippy.toml` keeps
//! std's slice sorts out of the code.

/// Up to this many items are sorted in place by insertion (a header line's few
/// pieces, sorted thousands of times on a PDF's pages): no allocation, and a few
/// dozen bytes of code per use.
const SMALL: usize = 12;

/// Sorts `items` by `key`, stably (equal keys keep their order). Above [`SMALL`]
/// items each key is computed once, so a key may allocate (a lower-cased name).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    if items.len() <= SMALL {
        return insertion_sort(items, |a, b| key(a) < key(b));
    }
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = stable_order(keys.len(), &mut |a, b| keys[a] < keys[b]);
    permute(items, order);
}

/// Sorts `items` stably by a comparison: `before(a, b)` says `a` must come before `b`.
pub fn sort_by<T>(items: &mut [T], mut before: impl FnMut(&T, &T) -> bool) {
    if items.len() <= SMALL {
        return insertion_sort(items, before);
    }
    let order = stable_order(items.len(), &mut |a, b| before(&items[a], &items[b]));
    permute(items, order);
}

/// Sorts `items` in ascending order (numbers, strings).
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, |a, b| a < b);
}

/// A few items, sorted in place: each moves left past those it must come before
/// (stable: never past an equal one).
fn insertion_sort<T>(items: &mut [T], mut before: impl FnMut(&T, &T) -> bool) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && before(&items[j], &items[j - 1]) {
            items.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// Positions `0..n` in sorted order: a natural merge sort. The runs already in order
/// are found first (lists built from a few sorted lists, or found in reading order,
/// arrive as a few runs), then neighbours are merged until one is left. Stable: an
/// item of the right run goes first only when strictly before.
fn stable_order(n: usize, before: &mut dyn FnMut(usize, usize) -> bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut bounds: Vec<usize> = (1..n).filter(|&i| before(i, i - 1)).collect();
    if bounds.is_empty() {
        return order;
    }
    bounds.insert(0, 0);
    bounds.push(n);
    let mut buffer = vec![0; n];
    while bounds.len() > 2 {
        let runs = bounds.len() - 1;
        let mut merged = Vec::with_capacity(runs / 2 + 2);
        for r in (0..runs).step_by(2) {
            let (start, mid) = (bounds[r], bounds[r + 1]);
            let end = bounds.get(r + 2).copied().unwrap_or(mid);
            let (mut left, mut right) = (start, mid);
            for slot in &mut buffer[start..end] {
                let take_right = right < end && (left == mid || before(order[right], order[left]));
                if take_right {
                    *slot = order[right];
                    right += 1;
                } else {
                    *slot = order[left];
                    left += 1;
                }
            }
            merged.push(start);
        }
        merged.push(n);
        std::mem::swap(&mut order, &mut buffer);
        bounds = merged;
    }
    order
}

/// Moves `items[order[i]]` to position `i`, following each cycle of the permutation.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // std's sorts are the oracle
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_as_std_stable_sort_does(items in proptest::collection::vec((0u8..6, any::<u16>()), 0..300)) {
            let mut ours = items.clone();
            let mut std_sorted = items;
            sort_by_key(&mut ours, |&(key, _)| key);
            std_sorted.sort_by_key(|&(key, _)| key);
            prop_assert_eq!(&ours, &std_sorted);
            sort_by(&mut ours, |a, b| a.1 > b.1);
            std_sorted.sort_by_key(|a| std::cmp::Reverse(a.1));
            prop_assert_eq!(&ours, &std_sorted);
            sort(&mut ours);
            std_sorted.sort();
            prop_assert_eq!(ours, std_sorted);
        }
    }

    #[test]
    fn sorted_and_reversed_lists() {
        let mut up: Vec<u32> = (0..1000).collect();
        sort(&mut up);
        assert!(up.windows(2).all(|w| w[0] <= w[1]));
        let mut down: Vec<u32> = (0..1000).rev().collect();
        sort(&mut down);
        assert_eq!(down, up);
        let mut names = vec![
            "Sở Y tế".to_string(),
            "Sở Tài chính".into(),
            "Sở Nội vụ".into(),
        ];
        sort(&mut names);
        assert_eq!(names, ["Sở Nội vụ", "Sở Tài chính", "Sở Y tế"]);
    }
}
