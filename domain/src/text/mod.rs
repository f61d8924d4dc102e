//! Reading the text inside report cells: decoding the bytes, normalising header names, and parsing
//! numbers, money and dates the way Amazon writes them in every marketplace.
//!
//! These helpers know nothing about report kinds; the [`crate::report`] module decides which
//! column means what and calls them.

pub mod date;
pub mod encoding;
pub mod header;
pub mod number;
pub mod shared;
