//! Renderers: the plan as JSON and as clean text.

pub mod json;
pub mod text;
