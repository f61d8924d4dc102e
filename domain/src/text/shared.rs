//! [`SharedStr`]: text that many aggregated rows repeat (a campaign name, an ad group, a match
//! type), stored once and shared by every row that carries it.
//!
//! A search term report aggregated to a million keys names only a few hundred campaigns: as
//! `String`s, every row would own a copy of each name, and the rows would weigh several times
//! what their text does. A `SharedStr` is one pointer; equal cells read from one file share one
//! allocation, and the empty string allocates nothing.
//!
//! The same sharing can carry over a message: inside [`with_string_table`], a `SharedStr` is
//! written once and referred to by number afterwards, and the reader gets back one allocation per
//! distinct text. The import worker's messages use it (an ads report's rows themselves travel in
//! the aggregator's compact form, `report::CompactAdsRows`, which shares its texts the same way).
//! Outside it (JSON, storage) a `SharedStr` is an ordinary string.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

use rustc_hash::FxHashMap;
use serde::de::{self, SeqAccess, Visitor};
use serde::ser::SerializeTuple;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Shared, immutable text; `None` is the empty string.
///
/// `Arc<Box<str>>` rather than `Arc<str>` keeps the handle one pointer wide: rows hold seven of
/// them. Reading the text costs one more indirection, which nothing hot does.
#[derive(Clone, Default)]
pub struct SharedStr(Option<Arc<Box<str>>>);

impl SharedStr {
    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Some(text) => text,
            None => "",
        }
    }

    /// Identifies the allocation, so an encoder can recognise text it has already written.
    fn address(&self) -> usize {
        self.0.as_ref().map_or(0, |text| Arc::as_ptr(text) as usize)
    }
}

impl From<&str> for SharedStr {
    fn from(text: &str) -> SharedStr {
        if text.is_empty() { SharedStr(None) } else { SharedStr(Some(Arc::new(Box::from(text)))) }
    }
}

impl From<String> for SharedStr {
    fn from(text: String) -> SharedStr {
        if text.is_empty() { SharedStr(None) } else { SharedStr(Some(Arc::new(text.into_boxed_str()))) }
    }
}

impl From<&String> for SharedStr {
    fn from(text: &String) -> SharedStr {
        SharedStr::from(text.as_str())
    }
}

impl From<SharedStr> for String {
    fn from(text: SharedStr) -> String {
        text.as_str().to_string()
    }
}

impl Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for SharedStr {
    fn eq(&self, other: &SharedStr) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedStr {}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<SharedStr> for &str {
    fn eq(&self, other: &SharedStr) -> bool {
        *self == other.as_str()
    }
}

impl PartialOrd for SharedStr {
    fn partial_cmp(&self, other: &SharedStr) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SharedStr {
    fn cmp(&self, other: &SharedStr) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for SharedStr {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

/// The string table of one message being written or read; see [`with_string_table`].
#[derive(Default)]
struct StringTable {
    /// While writing: the number given to each allocation already written.
    written: FxHashMap<usize, u32>,
    /// While reading: the texts read so far, by number.
    read: Vec<SharedStr>,
}

thread_local! {
    static TABLE: RefCell<Option<StringTable>> = const { RefCell::new(None) };
}

/// In a table message, the marker for "the text follows"; then 1 is the empty string and `n + 2`
/// the `n`th text written before.
const NEW_TEXT: u32 = 0;
const EMPTY_TEXT: u32 = 1;

/// Runs `f` (a postcard encode or decode) with a string table, so that each [`SharedStr`] is written
/// once and referred to by number afterwards.
///
/// Only for formats that write a tuple as its elements, one after the other, with no count and no
/// names (postcard, bincode): a known text is then written as one number, a new one as a number
/// and the text. The writer and the reader must both use it. Nested calls share the outer table.
pub fn with_string_table<T>(f: impl FnOnce() -> T) -> T {
    let outer = TABLE.with(|table| table.borrow().is_some());
    if outer {
        return f();
    }
    TABLE.with(|table| *table.borrow_mut() = Some(StringTable::default()));
    // Cleared even if `f` unwinds, so a later message is not read against a stale table.
    struct Clear;
    impl Drop for Clear {
        fn drop(&mut self) {
            TABLE.with(|table| *table.borrow_mut() = None);
        }
    }
    let _clear = Clear;
    f()
}

impl Serialize for SharedStr {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        enum Written {
            Plain,
            Empty,
            Known(u32),
            New,
        }
        let written = TABLE.with(|table| {
            let mut table = table.borrow_mut();
            let Some(table) = table.as_mut() else {
                return Written::Plain;
            };
            if self.0.is_none() {
                return Written::Empty;
            }
            let next = table.written.len() as u32;
            match table.written.entry(self.address()) {
                std::collections::hash_map::Entry::Occupied(known) => Written::Known(*known.get()),
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(next);
                    Written::New
                }
            }
        });
        match written {
            Written::Plain => serializer.serialize_str(self.as_str()),
            Written::Empty => single(serializer, EMPTY_TEXT),
            Written::Known(number) => single(serializer, number + 2),
            Written::New => {
                let mut tuple = serializer.serialize_tuple(2)?;
                tuple.serialize_element(&NEW_TEXT)?;
                tuple.serialize_element(self.as_str())?;
                tuple.end()
            }
        }
    }
}

/// Writes one number as the tuple's only element (see [`with_string_table`] for why that is
/// readable).
fn single<S: Serializer>(serializer: S, number: u32) -> Result<S::Ok, S::Error> {
    let mut tuple = serializer.serialize_tuple(2)?;
    tuple.serialize_element(&number)?;
    tuple.end()
}

impl<'de> Deserialize<'de> for SharedStr {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<SharedStr, D::Error> {
        let in_table = TABLE.with(|table| table.borrow().is_some());
        if in_table {
            deserializer.deserialize_tuple(2, TableVisitor)
        } else {
            deserializer.deserialize_str(PlainVisitor)
        }
    }
}

struct PlainVisitor;

impl<'de> Visitor<'de> for PlainVisitor {
    type Value = SharedStr;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<SharedStr, E> {
        Ok(SharedStr::from(text))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<SharedStr, E> {
        Ok(SharedStr::from(text))
    }
}

struct TableVisitor;

impl<'de> Visitor<'de> for TableVisitor {
    type Value = SharedStr;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string table entry")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<SharedStr, A::Error> {
        let number: u32 = seq.next_element()?.ok_or_else(|| de::Error::invalid_length(0, &self))?;
        match number {
            NEW_TEXT => {
                let text: &str = seq.next_element()?.ok_or_else(|| de::Error::invalid_length(1, &self))?;
                let text = SharedStr::from(text);
                TABLE.with(|table| {
                    if let Some(table) = table.borrow_mut().as_mut() {
                        table.read.push(text.clone());
                    }
                });
                Ok(text)
            }
            EMPTY_TEXT => Ok(SharedStr::default()),
            n => TABLE.with(|table| {
                let table = table.borrow();
                table
                    .as_ref()
                    .and_then(|t| t.read.get((n - 2) as usize).cloned())
                    .ok_or_else(|| de::Error::custom(format!("string table entry {n} was never written")))
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_text_reads_as_its_string() {
        let a = SharedStr::from("SP - Auto");
        assert_eq!(a, "SP - Auto");
        assert_eq!(a.as_str(), "SP - Auto");
        assert_eq!(SharedStr::from(""), SharedStr::default());
        assert!(SharedStr::default().is_empty());
        assert_eq!(std::mem::size_of::<SharedStr>(), std::mem::size_of::<usize>());
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"SP - Auto\"");
        assert_eq!(serde_json::from_str::<SharedStr>("\"x\"").unwrap(), "x");
    }

    #[test]
    fn a_string_table_message_writes_each_text_once_and_reads_back_equal() {
        let campaign = SharedStr::from("SP - Manual - fishing pliers - 1001");
        let rows: Vec<(SharedStr, SharedStr, u32)> =
            (0..100).map(|i| (campaign.clone(), SharedStr::from(if i % 2 == 0 { "" } else { "term" }), i)).collect();
        let plain = postcard::to_allocvec(&rows).unwrap();
        let tabled = with_string_table(|| postcard::to_allocvec(&rows)).unwrap();
        assert!(tabled.len() * 3 < plain.len(), "{} vs {}", tabled.len(), plain.len());
        let back: Vec<(SharedStr, SharedStr, u32)> = with_string_table(|| postcard::from_bytes(&tabled)).unwrap();
        assert_eq!(back, rows);
        let plain_back: Vec<(SharedStr, SharedStr, u32)> = postcard::from_bytes(&plain).unwrap();
        assert_eq!(plain_back, rows);
        // Outside a table the same bytes are not a valid message of that shape.
        assert!(postcard::from_bytes::<Vec<(SharedStr, SharedStr, u32)>>(&tabled).map(|r| r != rows).unwrap_or(true));
    }
}
