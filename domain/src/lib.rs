//! The domain of OpsBrief: everything the page knows about Amazon reports, the four meeting topics,
//! the meeting itself and how it is stored, written in plain Rust with no browser APIs.
//!
//! Keeping this crate free of `web-sys` is deliberate: every rule that decides a number the seller
//! sees can be tested natively with `cargo test -p opsbrief-domain` and benchmarked with criterion,
//! and the Leptos UI in the root crate only renders what this crate computes.
//!
//! The modules follow the data's path through the page:
//! - [`report`] recognises a dropped file and reads it into a [`dataset::LoadedReport`];
//! - [`dataset`] holds the canonical, already aggregated data that every metric is computed from.

pub mod dataset;
pub mod export;
pub mod mapping;
pub mod meeting;
pub mod metrics;
pub mod report;
pub mod store;
pub mod text;
