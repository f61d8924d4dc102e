//! Thin adapters over browser APIs, one capability per file. Each returns typed errors to the
//! caller instead of panicking, so the UI can say what went wrong and keep the previous data.

pub mod clipboard;
pub mod clock;
pub mod download;
pub mod files;
pub mod ingest_worker;
pub mod offline;
pub mod storage;
