//! Recognising a dropped file and reading it into a [`LoadedReport`](crate::dataset::LoadedReport).

mod kind;

pub use kind::{ReportKind, Topic};
