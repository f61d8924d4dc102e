//! The storage schema (work in progress).
