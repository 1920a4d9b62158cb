//! Renderers: the plan as JSON, as clean text, and as a .docx.

pub mod docx;
pub mod json;
pub mod text;
