//! The editor: the textarea under a highlight layer that underlines the findings,
//! the banners above it, and the status lines below (the finding at the caret, the
//! check in progress, the save state).
//!
//! The textarea and the layer share one box (font, padding, `pre-wrap`, scrollbar
//! gutter), so each character sits at the same place in both; the layer lies above
//! with pointer events off except on the underline marks.

use crate::analysis::LayerLine;
use crate::banners::Banners;
use crate::dom::clock;
use crate::i18n::{self, t, Key};
use crate::layer::{self, plain_text, Row};
use crate::state::{use_app, AppState};
use leptos::ev;
use leptos::prelude::*;

#[component]
pub fn Editor() -> impl IntoView {
    let app = use_app();
    let (lang, text, analysis, session) = (app.lang, app.text, app.analysis, app.session);
    let (area_ref, layer_ref, cursor) = (app.area_ref, app.layer_ref, app.cursor);

    let track_cursor = move || {
        if let Some(a) = area_ref.get() {
            cursor.set(a.selection_start().ok().flatten().unwrap_or(0));
        }
    };
    let on_input = move |_: ev::Event| {
        app.read_editor();
        app.check.request();
        track_cursor();
    };
    // The layer scrolls with the textarea; the lines it renders follow the next frame.
    let frame_asked = StoredValue::new(false);
    let sync_scroll = move |_| {
        if let (Some(a), Some(l)) = (area_ref.get(), layer_ref.get_untracked()) {
            l.set_scroll_top(a.scroll_top());
            l.set_scroll_left(a.scroll_left());
        }
        if !frame_asked.get_value() {
            frame_asked.set_value(true);
            request_animation_frame(move || {
                frame_asked.set_value(false);
                follow_view(app);
            });
        }
    };
    // The finding under the caret, for keyboard users (announced politely), which
    // "Bỏ qua" beside it dismisses (a click on an underline puts the caret there).
    let at_caret = Memo::new(move |_| {
        let c = cursor.get();
        app.checked.with(|a| {
            a.findings
                .iter()
                .filter(|f| f.start16 <= c && c <= f.end16.max(f.start16 + 1))
                .min_by_key(|f| f.out.severity)
                .map(|f| f.index)
        })
    });
    let at_cursor = move || {
        app.checked.with(|a| {
            at_caret
                .get()
                .and_then(|i| a.findings.get(i))
                .map(|f| {
                    format!(
                        "{}: {} ({})",
                        t(lang.get(), Key::AtCursor),
                        f.out.message,
                        f.out.code
                    )
                })
                .unwrap_or_default()
        })
    };
    let save_state = move || {
        let l = lang.get();
        if session.conflict.with(Option::is_some) {
            t(l, Key::NotSavedConflict).to_string()
        } else if session.memory_mode.with(Option::is_some) {
            t(l, Key::InMemoryOnly).to_string()
        } else if session.fault.with(Option::is_some) {
            t(l, Key::NotSaved).to_string()
        } else {
            match session.saved_at.get() {
                Some(at) => format!("{} {}", t(l, Key::SavedAt), clock(at)),
                None => t(l, Key::Saved).to_string(),
            }
        }
    };

    view! {
        <section class="editor">
            <Banners />
            <div class="frame" on:dragover=|ev: ev::DragEvent| ev.prevent_default() on:drop=move |ev| app.drop_file(ev)>
                <textarea
                    id="plan-text"
                    node_ref=area_ref
                    aria-label=i18n::EDITOR_LABEL
                    aria-describedby="cursor-finding"
                    spellcheck="false"
                    // The textarea is the source of its text: set once here; every
                    // later change (typing, or an app edit through execCommand) is
                    // already in it, so writing the value back on each keystroke
                    // would only cost a full relayout and the undo history.
                    prop:value=text.get_untracked()
                    on:input=on_input
                    on:compositionstart=move |_| {
                        let start = area_ref.get_untracked().and_then(|a| a.selection_start().ok().flatten());
                        app.composition_start.set_value(start);
                    }
                    on:scroll=sync_scroll
                    on:keyup=move |_| track_cursor()
                    on:click=move |_| track_cursor()
                    on:paste=move |_| app.pasted.set(true)
                    on:keydown=move |ev: ev::KeyboardEvent| {
                        // The app's own history of edits too large for the browser's.
                        if (ev.ctrl_key() || ev.meta_key()) && !ev.alt_key() {
                            let key = ev.key();
                            let redo = key.eq_ignore_ascii_case("y") || (ev.shift_key() && key.eq_ignore_ascii_case("z"));
                            let undo = !ev.shift_key() && key.eq_ignore_ascii_case("z");
                            if (undo || redo) && app.undo_app_edit(redo) {
                                ev.prevent_default();
                            }
                        }
                    }
                ></textarea>
                <HighlightLayer />
            </div>
            <p class="status" id="cursor-finding" role="status" aria-live="polite">{at_cursor}</p>
            <Show when=move || at_caret.get().is_some()>
                <button
                    type="button"
                    class="dismiss at-caret"
                    aria-label=move || t(lang.get(), Key::DismissAtCaret)
                    on:click=move |_| {
                        if let Some(i) = at_caret.get_untracked() {
                            app.dismiss(i);
                        }
                    }
                >
                    {move || t(lang.get(), Key::Dismiss)}
                </button>
            </Show>
            <Show when=move || analysis.with(|a| a.stale)>
                <p class="status checking" role="status">{move || t(lang.get(), Key::Checking)}</p>
            </Show>
            <p class="status save" role="status">
                {save_state}
                " · "
                {move || t(lang.get(), Key::Shortcuts)}
            </p>
        </section>
    }
}

/// The text again, line by line, with each finding's characters in a `<mark>`
/// (clicking one selects its finding). A line's element is kept by its place and its
/// content compared by value (`LayerLine`), so typing renders again only the content
/// of the lines it changed. Of a long text
/// only the lines around the view are elements (`layer.rs`); the others are blocks of
/// plain text that keep every line in its place.
#[component]
fn HighlightLayer() -> impl IntoView {
    let app = use_app();
    let analysis = app.analysis;
    let count = Memo::new(move |_| analysis.with(|a| a.layer.len()));
    let shown = Memo::new(move |_| app.window.get().clamped(count.get()));
    // A new text can move the lines in view (a paste above them): the window follows.
    Effect::new(move |_| {
        analysis.track();
        request_animation_frame(move || follow_view(app));
    });
    // A line's content, rendered again when the line at its place changes (the row's
    // element stays: see `RowKey`).
    let line_parts = move |line: &LayerLine| {
        let key = line.key;
        line.parts
            .iter()
            .map(|(text, sev, title, from_line)| match sev {
                Some(sev) => {
                    let from_line = *from_line;
                    view! {
                        <mark class=sev.as_str() title=title.clone() on:click=move |_| app.go_to_layer_mark(key, from_line)>
                            {text.clone()}
                        </mark>
                    }
                    .into_any()
                }
                None => text.clone().into_any(),
            })
            .collect_view()
    };
    let line_view = move |index: usize| {
        let line = Memo::new(move |_| analysis.with(|a| a.layer.get(index).cloned()));
        view! { <div class="ln">{move || line.with(|l| l.as_deref().map(line_parts))}</div> }
            .into_any()
    };
    view! {
        <div class="layer" node_ref=app.layer_ref aria-hidden="true" style:counter-reset=move || format!("ln {}", shown.get().first)>
            <For
                each=move || {
                    let w = shown.get();
                    analysis.with(|a| layer::rows(&a.layer, w))
                }
                key=Row::key
                children=move |row| match row {
                    Row::Plain { lines, .. } => view! { <div class="plain">{plain_text(&lines)}</div> }.into_any(),
                    Row::Line(index) => line_view(index),
                }
            />
        </div>
    }
}

/// Moves the layer's window to the lines in view, if they are not rendered.
pub fn follow_view(app: AppState) {
    let (Some(area), Some(layer)) = (app.area_ref.get_untracked(), app.layer_ref.get_untracked())
    else {
        return;
    };
    let (shown, next) = app.analysis.with_untracked(|a| {
        let shown = app.window.get_untracked().clamped(a.layer.len());
        (shown, layer::for_view(&area, &layer, shown, &a.layer))
    });
    if next != shown {
        app.window.set(next);
    }
}
