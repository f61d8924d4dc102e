//! The main thread's side of the import worker ([`crate::worker`]): starts it once, hands it
//! files, cancels jobs and turns its messages back into [`WorkerEvent`]s.

use std::cell::RefCell;
use std::collections::HashMap;

use opsbrief_domain::report::{ImportError, Preview};

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{File, MessageEvent, Worker, WorkerOptions, WorkerType};

pub use crate::worker::WorkerEvent;

/// The worker's loader, written by Trunk next to the page (`data-loader-shim`). The URL is
/// relative, so the page works from any sub-path.
const WORKER_URL: &str = "./worker_loader.js";

/// A running import worker.
pub struct IngestWorker {
    worker: Worker,
    /// Jobs handed to the worker that have not ended yet. When the last one ends the worker is
    /// ended too: its WebAssembly memory, which grew to the size of the largest report it read
    /// and never shrinks, is given back before the page decodes that report.
    jobs: usize,
    /// Whether the worker has said [`WorkerEvent::Ready`]. Until then its WebAssembly module is
    /// still loading and has no message handler: a message posted then would be dropped, so
    /// messages wait in `pending`.
    ready: bool,
    pending: Vec<JsValue>,
    // Kept so the handler lives as long as the worker.
    _on_message: Closure<dyn FnMut(MessageEvent)>,
}

/// What to do with a preview once the worker sends it.
type PreviewDone = Box<dyn FnOnce(Result<Preview, ImportError>)>;

thread_local! {
    static WORKER: RefCell<Option<IngestWorker>> = const { RefCell::new(None) };
    /// Previews asked for and not answered yet, by job id.
    static PREVIEWS: RefCell<HashMap<u32, PreviewDone>> = RefCell::new(HashMap::new());
}

impl IngestWorker {
    /// Starts a worker that calls `on_event` for each message it sends.
    pub fn spawn(on_event: impl Fn(WorkerEvent) + 'static) -> Result<IngestWorker, String> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(WORKER_URL, &options).map_err(|e| format!("{e:?}"))?;
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let Ok(bytes) = event.data().dyn_into::<js_sys::Uint8Array>() else { return };
            // Every event but `Ready` starts with its variant number and job id: read those first,
            // so the worker is ended before a large report is copied in and decoded.
            let head = bytes.subarray(0, bytes.length().min(10)).to_vec();
            if let Ok(((variant, _id), _)) = postcard::take_from_bytes::<(u32, u32)>(&head)
                && crate::worker::ends_job(variant)
            {
                job_ended();
            }
            let decoded = {
                let copy = bytes.to_vec();
                opsbrief_domain::text::shared::with_string_table(|| postcard::from_bytes::<WorkerEvent>(&copy))
            };
            match decoded {
                Ok(WorkerEvent::Ready) => flush_pending(),
                Ok(WorkerEvent::Preview { id, result }) => {
                    if let Some(done) = PREVIEWS.with(|p| p.borrow_mut().remove(&id)) {
                        done(result);
                    }
                }
                Ok(event) => on_event(event),
                Err(e) => web_sys::console::error_1(&format!("unreadable worker message: {e}").into()),
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Ok(IngestWorker { worker, jobs: 0, ready: false, pending: Vec::new(), _on_message: on_message })
    }

    fn send(&mut self, kind: &str, id: u32, file: Option<&File>, mappings: Option<&str>) -> Result<(), String> {
        let message = Object::new();
        let set = |key: &str, value: &JsValue| Reflect::set(&message, &JsValue::from_str(key), value);
        set("type", &JsValue::from_str(kind)).map_err(|e| format!("{e:?}"))?;
        set("id", &JsValue::from_f64(f64::from(id))).map_err(|e| format!("{e:?}"))?;
        if let Some(file) = file {
            set("file", file).map_err(|e| format!("{e:?}"))?;
        }
        if let Some(mappings) = mappings {
            set("mappings", &JsValue::from_str(mappings)).map_err(|e| format!("{e:?}"))?;
        }
        if kind == "start" || kind == "preview" {
            self.jobs += 1;
        }
        if !self.ready {
            self.pending.push(message.into());
            return Ok(());
        }
        self.worker.post_message(&message).map_err(|e| format!("{e:?}"))
    }
}

/// Sends the messages that waited for the worker to be ready.
fn flush_pending() {
    WORKER.with(|cell| {
        if let Some(worker) = cell.borrow_mut().as_mut() {
            worker.ready = true;
            for message in std::mem::take(&mut worker.pending) {
                let _ = worker.worker.post_message(&message);
            }
        }
    });
}

/// Counts a job as ended; after the last one, ends the worker (the next file starts a new one).
fn job_ended() {
    let retired = WORKER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let worker = slot.as_mut()?;
        worker.jobs = worker.jobs.saturating_sub(1);
        if worker.jobs > 0 {
            return None;
        }
        worker.worker.terminate();
        slot.take()
    });
    if let Some(worker) = retired {
        // This runs inside the worker's own message handler, which must not be freed while it
        // runs: it is dropped once the handler has returned.
        wasm_bindgen_futures::spawn_local(async move { drop(worker) });
    }
}

/// Runs `f` with the page's one import worker, starting it first with `on_event` if needed.
/// Returns `Err` when the browser cannot start a worker; the caller then reads on the main thread.
fn with_worker<T>(
    on_event: impl Fn(WorkerEvent) + 'static,
    f: impl FnOnce(&mut IngestWorker) -> Result<T, String>,
) -> Result<T, String> {
    WORKER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = Some(IngestWorker::spawn(on_event)?);
        }
        match slot.as_mut() {
            Some(worker) => f(worker),
            None => Err("no worker".to_string()),
        }
    })
}

/// Hands `file` to the worker as job `id`, with the user's saved column mappings as JSON.
/// `on_event` is used only if the worker has to be started.
pub fn start(id: u32, file: &File, mappings: &str, on_event: impl Fn(WorkerEvent) + 'static) -> Result<(), String> {
    with_worker(on_event, |w| w.send("start", id, Some(file), Some(mappings)))
}

/// Asks the worker to stop job `id` after the slice it is reading.
pub fn cancel(id: u32) {
    WORKER.with(|cell| {
        if let Some(worker) = cell.borrow_mut().as_mut() {
            let _ = worker.send("cancel", id, None, None);
        }
    });
}

/// Asks the worker for the first rows of `file` (job `id`), for the column-mapping dialog, and
/// calls `done` with them; the file is read off the main thread like every import, so the page
/// carries no parser. `on_event` is used only if the worker has to be started.
pub fn preview(
    id: u32,
    file: &File,
    on_event: impl Fn(WorkerEvent) + 'static,
    done: impl FnOnce(Result<Preview, ImportError>) + 'static,
) -> Result<(), String> {
    PREVIEWS.with(|p| p.borrow_mut().insert(id, Box::new(done)));
    let sent = with_worker(on_event, |w| w.send("preview", id, Some(file), None));
    if sent.is_err() {
        PREVIEWS.with(|p| p.borrow_mut().remove(&id));
    }
    sent
}
