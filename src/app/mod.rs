//! The components. `App` creates the shared state, provides it as context, keeps the language and
//! page in sync with the outside world, and lays out the shell; each page lives in its own file.

mod actions;
mod backup;
mod brief;
pub mod charts;
mod history;
mod import;
mod mapping;
mod meeting;
mod nav;
mod settings;
mod share;
mod state;
pub mod workspace;

use leptos::prelude::*;

pub use nav::Page;
pub use state::{AppState, ImportJob, LoadProblem, ProblemMessage};

use crate::browser::storage;
use crate::i18n::{Lang, Text};

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    // The workspace is loaded first: the stored language is part of it.
    let workspace = workspace::load();
    let state = AppState {
        lang: RwSignal::new(workspace.stored_lang().unwrap_or_else(browser_lang)),
        page: RwSignal::new(Page::from_hash(&current_hash())),
        reports: RwSignal::new(Vec::new()),
        problems: RwSignal::new(Vec::new()),
        reading: RwSignal::new(0),
        jobs: RwSignal::new(Vec::new()),
        parse_ms: RwSignal::new(Vec::new()),
        storage_problem: RwSignal::new((!storage::available()).then_some(Text::StorageUnavailable)),
    };
    provide_context(state);
    brief::provide_brief_state();
    // Saving (the language included, in its envelope) is the workspace's one effect.
    workspace.connect(state);

    // Mirrors the language on <html lang> so screen readers and fonts follow.
    Effect::new(move |_| {
        let lang = state.lang.get();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", lang.tag());
        }
    });

    crate::browser::offline::register_service_worker();

    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        state.page.set(Page::from_hash(&current_hash()));
    });

    view! {
        <a class="skip-link no-print" href="#main">{state.t(Text::SkipToContent)}</a>
        <header class="app-header">
            <div class="brand">
                <h1>{state.t(Text::AppTitle)}</h1>
                <p class="tagline">{state.t(Text::Tagline)}</p>
            </div>
            // The button is named by its content: the other language's name as shown, then a
            // visually hidden explanation. (An aria-label would hide the visible word from speech
            // input users, who say what they see.)
            <button
                type="button"
                class="lang-switch no-print"
                data-action="switch-language"
                on:click=move |_| state.lang.update(|l| *l = l.other())
            >
                <span lang=move || state.lang.get().other().tag()>{state.t(Text::SwitchLanguage)}</span>
                <span class="visually-hidden">" – "{state.t(Text::SwitchLanguageLabel)}</span>
            </button>
        </header>
        <nav::Nav />
        {move || {
            state
                .storage_problem
                .get()
                .map(|text| view! { <p class="banner warning" role="alert" data-testid="storage-problem">{state.t(text)}</p> })
        }}
        <workspace::WorkspaceBanners />
        <main id="main" tabindex="-1" data-page=move || state.page.get().hash().trim_start_matches("#/")>
            {move || match state.page.get() {
                Page::Brief => view! { <brief::BriefPage /> }.into_any(),
                Page::Meeting => view! { <meeting::MeetingPage /> }.into_any(),
                Page::Actions => view! { <actions::ActionsPage /> }.into_any(),
                Page::History => view! { <history::HistoryPage /> }.into_any(),
                Page::Settings => view! { <settings::SettingsPage /> }.into_any(),
            }}
        </main>
    }
}

/// The browser's preferred language, used until the user chooses one.
fn browser_lang() -> Lang {
    let languages: Vec<String> = window()
        .navigator()
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    Lang::from_preferences(languages.iter().map(String::as_str))
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}
