//! The files the user drops or picks, and the page's own bundled files.

use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FileList, Response};

/// Why a file's bytes could not be had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    /// The file's name (or the bundled file's path).
    pub name: String,
    /// What the browser said.
    pub message: String,
}

/// The files of a `FileList` (from a drop or an `<input type="file">`), in order.
pub fn files_of(list: &FileList) -> Vec<File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Reads a whole file into memory (a backup to restore; reports go through the import worker).
pub async fn read_file(file: &File) -> Result<Vec<u8>, FileError> {
    let fail = |e: wasm_bindgen::JsValue| FileError { name: file.name(), message: format!("{e:?}") };
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(fail)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}


/// Fetches one of the page's own files by a path relative to the page (so it works from any
/// sub-path). The CSP allows only the page's own origin, so nothing else can be fetched anyway.
pub async fn fetch_own_file(path: &str) -> Result<Vec<u8>, FileError> {
    let fail = |message: String| FileError { name: path.to_string(), message };
    let window = web_sys::window().ok_or_else(|| fail("no window".into()))?;
    let response = JsFuture::from(window.fetch_with_str(path)).await.map_err(|e| fail(format!("{e:?}")))?;
    let response: Response = response.dyn_into().map_err(|e| fail(format!("{e:?}")))?;
    if !response.ok() {
        return Err(fail(format!("HTTP {}", response.status())));
    }
    let buffer = response.array_buffer().map_err(|e| fail(format!("{e:?}")))?;
    let buffer = JsFuture::from(buffer).await.map_err(|e| fail(format!("{e:?}")))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// Wraps bytes in a `File`, so bundled samples take the same path (the import worker) as the
/// user's own files.
pub fn file_from_bytes(name: &str, bytes: &[u8]) -> Result<File, FileError> {
    let parts = js_sys::Array::of1(&Uint8Array::from(bytes));
    File::new_with_u8_array_sequence(&parts, name)
        .map_err(|e| FileError { name: name.to_string(), message: format!("{e:?}") })
}
