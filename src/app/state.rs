//! The app's state, shared through context as one `Copy` struct of signals.

use leptos::prelude::*;
use opsbrief_domain::dataset::LoadedReport;

use crate::app::nav::Page;
use crate::i18n::{Lang, Text, Translate};

/// A file that could not be loaded, or a remark about one, shown in the import panel.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadProblem {
    /// The file's name, as the user dropped it.
    pub file: String,
    /// What happened and what to do, in the words of the domain's error (English) or a UI text.
    pub message: ProblemMessage,
    /// The file is no known report but can be read through a column mapping.
    pub mappable: bool,
}

/// The wording of a [`LoadProblem`]: a translated UI text or the domain's own explanation.
#[derive(Clone, Debug, PartialEq)]
pub enum ProblemMessage {
    Text(Text),
    Detail(String),
    /// A file the reader refused, shown in the UI's language.
    Import(opsbrief_domain::report::ImportError),
}

/// A file being read by the import worker.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportJob {
    /// The job's number, unique for the page's lifetime.
    pub id: u32,
    pub file_name: String,
    /// Bytes read so far and the file's size.
    pub bytes: u64,
    pub total: u64,
    /// Data rows read so far.
    pub rows: u64,
}

/// Every signal the pages share. Created once in [`crate::app::App`] and provided as context.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The UI language; kept in storage by the app's one storage effect.
    pub lang: RwSignal<Lang>,
    /// The page shown, mirrored in the URL's hash.
    pub page: RwSignal<Page>,
    /// The reports read so far, each at most once.
    pub reports: RwSignal<Vec<LoadedReport>>,
    /// Files that failed to load, and duplicates that were ignored.
    pub problems: RwSignal<Vec<LoadProblem>>,
    /// How many bundled sample files are being fetched right now.
    pub reading: RwSignal<u32>,
    /// Files being read by the import worker, with their progress.
    pub jobs: RwSignal<Vec<ImportJob>>,
    /// How long the worker took to read each loaded report (by fingerprint), in milliseconds.
    pub parse_ms: RwSignal<Vec<(u64, f64)>>,
    /// The last storage failure, shown until the next successful save.
    pub storage_problem: RwSignal<Option<Text>>,
}

impl AppState {
    /// The state provided by [`crate::app::App`].
    pub fn get() -> AppState {
        expect_context::<AppState>()
    }

    /// A reactive translation of `text` in the current language.
    pub fn t(self, text: impl Translate) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || text.get(self.lang.get())
    }
}
