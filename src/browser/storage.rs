//! Reading and writing strings in `localStorage`.
//!
//! The schema (keys, versions, migrations, what a corrupt value means) belongs to the domain
//! crate; this file only moves strings and reports the browser's failures as typed errors. It
//! never panics: `gloo_storage::LocalStorage::raw()` would when storage is disabled, so the
//! storage object is probed here first.

use web_sys::Storage;

/// Why a value could not be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// The browser offers no storage to this page (private mode, sandboxed frame, blocked).
    Unavailable,
    /// The page's storage quota is used up; nothing was written.
    QuotaExceeded,
    /// Any other failure, with the browser's message.
    Other(String),
}

fn local_storage() -> Result<Storage, StorageError> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or(StorageError::Unavailable)
}

/// Whether the page can keep data at all.
pub fn available() -> bool {
    local_storage().is_ok()
}

/// The stored string under `key`, or `None` when there is none or storage is unavailable.
pub fn get(key: &str) -> Option<String> {
    local_storage().ok()?.get_item(key).ok().flatten()
}

/// Stores `value` under `key`. On failure nothing is written and the old value stays.
pub fn set(key: &str, value: &str) -> Result<(), StorageError> {
    local_storage()?.set_item(key, value).map_err(|err| {
        let name = js_sys::Reflect::get(&err, &"name".into()).ok().and_then(|n| n.as_string());
        match name.as_deref() {
            Some("QuotaExceededError") | Some("NS_ERROR_DOM_QUOTA_REACHED") => StorageError::QuotaExceeded,
            _ => StorageError::Other(format!("{err:?}")),
        }
    })
}

/// Removes `key`; a missing key or unavailable storage is not an error.
pub fn remove(key: &str) {
    if let Ok(storage) = local_storage() {
        let _ = storage.remove_item(key);
    }
}
