//! Long lists built a step at a time: the findings and the outline.

use crate::state::use_app;
use leptos::prelude::*;

/// A long list builds this many items, and this many more on each "Hiện thêm": a
/// text with tens of thousands of findings (a numbered line repeated) built as many
/// items, hundreds of thousands of elements, and froze the tab for seconds on each
/// check; its outline took 4 s to open. F8 still goes through every finding in the
/// editor.
pub const LISTED_STEP: usize = 500;

/// How many items a long list builds: one step, and one step again when another
/// draft opens.
pub fn listed_in_steps() -> RwSignal<usize> {
    let app = use_app();
    let listed = RwSignal::new(LISTED_STEP);
    Effect::new(move |_| {
        app.session.open_id.track();
        listed.set(LISTED_STEP);
    });
    listed
}

/// The list's "Hiện thêm" button: one step more. `label` says what, and how many
/// are left.
pub fn show_more(
    listed: RwSignal<usize>,
    label: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <button type="button" class="more" on:click=move |_| listed.update(|n| *n += LISTED_STEP)>
            {label}
        </button>
    }
}
