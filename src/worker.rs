//! The import worker: reads dropped files in slices off the main thread and aggregates them as
//! they stream, so the page stays responsive and memory grows with distinct keys, not file size.
//!
//! The main thread posts `{type: "start", id, file, mappings}` (a `File` is structured-cloneable, so
//! no byte is copied through JavaScript; `mappings` is the JSON of the user's saved column mappings,
//! tried for a header no known report has) and `{type: "cancel", id}`. The worker answers with
//! [`WorkerEvent`]s encoded with postcard in a transferred `ArrayBuffer`: a search term report with
//! half a million distinct keys is tens of MB that way, against hundreds as JSON, and moving
//! the buffer copies nothing. Jobs run one after the other, in the order they arrived.
//! This module runs only inside the worker (`src/bin/worker.rs`); the main thread's side is
//! [`crate::browser::ingest_worker`].

use std::cell::{Cell, RefCell};
use std::collections::{HashSet, VecDeque};

use js_sys::{ArrayBuffer, Reflect, Uint8Array};
use opsbrief_domain::dataset::LoadedReport;
use opsbrief_domain::mapping::ColumnMapping;
use opsbrief_domain::report::{AdsRowsMessage, ImportError, ImportErrorKind, Ingest, Preview, preview};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    DedicatedWorkerGlobalScope, File, MessageEvent, ReadableStreamByobReader, ReadableStreamGetReaderOptions, ReadableStreamReadResult,
    ReadableStreamReaderMode,
};

/// How much of a file is parsed at a time. Large enough that per-chunk overhead (a few promises,
/// a copy into Wasm memory) is negligible; small enough that the browser's read-ahead (the
/// stream's pipe holds about a MiB) is not left full and idle while a chunk is parsed: with 4 MiB
/// the parser waited about 0.16 s in all on the 200 MB file, with 1 MiB 0.06 s.
pub const CHUNK_BYTES: f64 = 1024.0 * 1024.0;

/// The least time between two progress messages of a job.
const PROGRESS_INTERVAL_MS: f64 = 100.0;

/// What the worker tells the main thread. Externally tagged (serde's default), as postcard needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum WorkerEvent {
    /// The worker has started and takes jobs.
    Ready,
    /// Bytes and data rows read so far for job `id`.
    Progress { id: u32, bytes: u64, total: u64, rows: u64 },
    /// Job `id` finished; `parse_ms` is the time spent reading and aggregating. An ads report's
    /// rows travel apart, in their compact form (`ads_rows`); the page puts them back.
    Done { id: u32, report: Box<LoadedReport>, ads_rows: Option<AdsRowsMessage>, parse_ms: f64 },
    /// Job `id` could not be read as a report.
    Failed { id: u32, error: ImportError },
    /// The browser could not read job `id`'s file (it was moved or deleted meanwhile).
    ReadFailed { id: u32, file_name: String, message: String },
    /// Job `id` was cancelled by the user.
    Cancelled { id: u32 },
    /// The first rows of an unknown file, for the column-mapping dialog (preview job `id`).
    /// Last, so the variant numbers above keep their values.
    Preview { id: u32, result: Result<Preview, ImportError> },
}

thread_local! {
    static QUEUE: RefCell<VecDeque<(u32, File, Vec<ColumnMapping>)>> = const { RefCell::new(VecDeque::new()) };
    static CANCELLED: RefCell<HashSet<u32>> = RefCell::new(HashSet::new());
    static RUNNING: Cell<bool> = const { Cell::new(false) };
}

/// Starts the worker's message loop. Called once by the worker binary.
pub fn run() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(on_message);
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker does.
    on_message.forget();
    post(&WorkerEvent::Ready);
}

fn on_message(event: MessageEvent) {
    let data = event.data();
    let field = |name: &str| Reflect::get(&data, &JsValue::from_str(name)).ok();
    let id = field("id").and_then(|v| v.as_f64()).unwrap_or(0.0) as u32;
    match field("type").and_then(|v| v.as_string()).as_deref() {
        Some("start") => {
            if let Some(file) = field("file").and_then(|f| f.dyn_into::<File>().ok()) {
                // Mappings that cannot be read are ignored: the file then fails as unknown and
                // the page offers the mapping dialog again, which is better than not reading it.
                let mappings: Vec<ColumnMapping> = field("mappings")
                    .and_then(|m| m.as_string())
                    .and_then(|json| serde_json::from_str(&json).ok())
                    .unwrap_or_default();
                QUEUE.with(|q| q.borrow_mut().push_back((id, file, mappings)));
                if !RUNNING.get() {
                    wasm_bindgen_futures::spawn_local(drain_queue());
                }
            }
        }
        Some("cancel") => {
            CANCELLED.with(|c| c.borrow_mut().insert(id));
        }
        // Previews run beside the queue: they read a few hundred KB, and the user waits for them.
        Some("preview") => {
            if let Some(file) = field("file").and_then(|f| f.dyn_into::<File>().ok()) {
                wasm_bindgen_futures::spawn_local(async move {
                    let result = preview_file(&file).await;
                    post_last(WorkerEvent::Preview { id, result });
                });
            }
        }
        _ => {}
    }
}

async fn drain_queue() {
    RUNNING.set(true);
    while let Some((id, file, mappings)) = QUEUE.with(|q| q.borrow_mut().pop_front()) {
        let event = read_file(id, &file, mappings).await;
        CANCELLED.with(|c| c.borrow_mut().remove(&id));
        post_last(event);
    }
    RUNNING.set(false);
}

fn is_cancelled(id: u32) -> bool {
    CANCELLED.with(|c| c.borrow().contains(&id))
}

/// How much of a delimited file a preview reads: plenty for a header and a few rows.
const PREVIEW_BYTES: f64 = 256.0 * 1024.0;

/// The bytes of `blob`.
async fn blob_bytes(blob: &web_sys::Blob) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(blob.array_buffer()).await.map_err(|e| format!("{e:?}"))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// The header and first rows of `file`: the whole of a workbook (a zip cannot be read in part),
/// else its first [`PREVIEW_BYTES`].
async fn preview_file(file: &File) -> Result<Preview, ImportError> {
    let name = file.name();
    let unreadable = |detail: String| ImportError::new(ImportErrorKind::Malformed { detail }, &name);
    let head = file.slice_with_f64_and_f64(0.0, 4.0).map_err(|e| unreadable(format!("{e:?}")))?;
    let magic = blob_bytes(&head).await.map_err(unreadable)?;
    let blob = if magic.starts_with(b"PK") {
        file.slice()
    } else {
        file.slice_with_f64_and_f64(0.0, PREVIEW_BYTES)
    }
    .map_err(|e| unreadable(format!("{e:?}")))?;
    let bytes = blob_bytes(&blob).await.map_err(unreadable)?;
    preview(&name, &bytes, PREVIEW_ROWS)
}

/// Data rows a preview shows under the header.
const PREVIEW_ROWS: usize = 5;

/// Reads `file` into the streaming reader, [`CHUNK_BYTES`] at a time, and returns the job's last
/// event.
///
/// The file is read as a byte stream into one reused buffer (a BYOB reader): the browser keeps
/// reading ahead into the stream's queue while a chunk is parsed, and no new `ArrayBuffer` is
/// made per chunk. Reading `Blob.slice()`s instead, even four ahead, left the parser waiting
/// about twice as long in all, on two cores.
async fn read_file(id: u32, file: &File, mappings: Vec<ColumnMapping>) -> WorkerEvent {
    let started = js_sys::Date::now();
    let name = file.name();
    let total = file.size();
    let mut ingest = Ingest::with_mappings(&name, mappings);
    let read_failed = |message: String| WorkerEvent::ReadFailed { id, file_name: name.clone(), message };
    let mut reader = match ChunkReader::new(file) {
        Ok(reader) => reader,
        Err(e) => return read_failed(e),
    };
    let mut buffer = Vec::new();
    let mut offset = 0.0;
    let mut last_progress = started;
    loop {
        if is_cancelled(id) {
            reader.cancel();
            return WorkerEvent::Cancelled { id };
        }
        let filled = match reader.next_chunk().await {
            Ok(filled) => filled,
            Err(e) => return read_failed(e),
        };
        if filled == 0 {
            break;
        }
        reader.copy_to(filled, &mut buffer);
        if let Err(error) = ingest.push(&buffer) {
            reader.cancel();
            return WorkerEvent::Failed { id, error };
        }
        offset += filled as f64;
        // Ten updates a second are enough for a progress bar; each one costs the page a render,
        // on a main thread that shares the machine's cores with this worker and the file reads.
        let now = js_sys::Date::now();
        if now - last_progress >= PROGRESS_INTERVAL_MS || offset >= total {
            last_progress = now;
            post(&WorkerEvent::Progress { id, bytes: offset as u64, total: total as u64, rows: ingest.rows_read() });
        }
    }
    drop(buffer);
    match ingest.finish_compact() {
        Ok((report, compact)) => WorkerEvent::Done {
            id,
            report: Box::new(report),
            ads_rows: compact.map(AdsRowsMessage::Written),
            parse_ms: js_sys::Date::now() - started,
        },
        Err(error) => WorkerEvent::Failed { id, error },
    }
}

/// A file read as a byte stream into one reused `ArrayBuffer`, a chunk at a time.
struct ChunkReader {
    reader: ReadableStreamByobReader,
    /// The buffer each read fills; the stream hands it back (transferred) with every read.
    chunk: ArrayBuffer,
    done: bool,
}

impl ChunkReader {
    fn new(file: &File) -> Result<ChunkReader, String> {
        let options = ReadableStreamGetReaderOptions::new();
        options.set_mode(ReadableStreamReaderMode::Byob);
        let reader = file.stream().get_reader_with_options(&options).dyn_into::<ReadableStreamByobReader>().map_err(|e| format!("{e:?}"))?;
        Ok(ChunkReader { reader, chunk: ArrayBuffer::new(CHUNK_BYTES as u32), done: false })
    }

    /// Fills the buffer (less at the end of the file) and returns how many bytes it holds; 0
    /// once the file is read.
    async fn next_chunk(&mut self) -> Result<usize, String> {
        let capacity = CHUNK_BYTES as u32;
        let mut filled = 0;
        while filled < capacity && !self.done {
            let view = Uint8Array::new_with_byte_offset_and_length(&self.chunk, filled, capacity - filled);
            let result: ReadableStreamReadResult =
                JsFuture::from(self.reader.read_with_array_buffer_view(&view)).await.map_err(|e| format!("{e:?}"))?.unchecked_into();
            self.done = result.get_done().unwrap_or(true);
            if let Ok(value) = result.get_value().dyn_into::<Uint8Array>() {
                self.chunk = value.buffer();
                filled += value.byte_length();
            }
        }
        Ok(filled as usize)
    }

    /// Copies the first `filled` bytes of the buffer into `buffer`.
    fn copy_to(&self, filled: usize, buffer: &mut Vec<u8>) {
        buffer.resize(filled, 0);
        Uint8Array::new_with_byte_offset_and_length(&self.chunk, 0, filled as u32).copy_to(buffer);
    }

    /// Stops reading (a cancelled or failed job).
    fn cancel(&self) {
        let _ = self.reader.cancel();
    }
}

fn post(event: &WorkerEvent) {
    if let Some(bytes) = encode(event) {
        send(&bytes);
    }
}

/// Posts a job's last event, freeing the report before the message is copied out: the worker's
/// memory peaks at the end of a large file, and the report, its encoding and the copy handed to
/// JavaScript need not all exist at once.
fn post_last(event: WorkerEvent) {
    let bytes = encode(&event);
    drop(event);
    if let Some(bytes) = bytes {
        send(&bytes);
    }
}

/// The event as postcard bytes, with a string table (see
/// [`opsbrief_domain::dataset::SharedStr`]): a report's campaign and ad group names, repeated on
/// hundreds of thousands of rows, are written once each. The page reads with the same table.
///
/// The size is worked out first and the buffer allocated once: a vector grown by doubling to the
/// tens of MB of a large report would hold its old and new copies at once, at the moment the
/// worker's memory peaks.
fn encode(event: &WorkerEvent) -> Option<Vec<u8>> {
    use opsbrief_domain::text::shared::with_string_table;
    let encoded = with_string_table(|| postcard::serialize_with_flavor(event, postcard::ser_flavors::Size::default())).and_then(|size| {
        let mut bytes = vec![0; size];
        let written = with_string_table(|| postcard::to_slice(event, &mut bytes).map(|written| written.len()))?;
        bytes.truncate(written);
        Ok(bytes)
    });
    match encoded {
        Ok(bytes) => Some(bytes),
        Err(e) => {
            web_sys::console::error_1(&format!("could not encode a worker event: {e}").into());
            None
        }
    }
}

fn send(bytes: &[u8]) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let array = Uint8Array::from(bytes);
    let transfer = js_sys::Array::of1(&array.buffer());
    let _ = scope.post_message_with_transfer(&array, &transfer);
}

/// Whether an event with this postcard variant number is the last one of its job ([`WorkerEvent`]'s
/// `Done`, `Failed`, `ReadFailed`, `Cancelled` or `Preview`). The page reads the variant number and job id
/// before the rest of a message, to end the worker before it decodes a large report.
pub fn ends_job(variant: u32) -> bool {
    matches!(variant, 2..=6)
}
