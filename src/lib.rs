//! OpsBrief's user interface: Leptos components over the domain crate `opsbrief-domain`.
//!
//! The split is deliberate. Everything that decides a number or a rule lives in the domain crate
//! and is tested natively; this crate only renders it, wires browser capabilities (files, storage,
//! language) to it, and holds no business logic.
//! - [`app`]: the components, one page or panel per file.
//! - [`browser`]: thin adapters over browser APIs, one capability per file, with typed errors.
//! - [`i18n`]: every string the UI shows, in English and Simplified Chinese.
//! - [`worker`]: the import worker that reads files off the main thread.

pub mod app;
pub mod browser;
pub mod i18n;
pub mod worker;
