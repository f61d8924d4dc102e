//! The components. `App` creates the shared state, provides it as context, keeps the language and
//! page in sync with the outside world, and lays out the shell; each page lives in its own file.

mod actions;
mod backup;
mod brief;
mod history;
mod import;
mod meeting;
mod nav;
mod settings;
mod state;
mod workspace;

use leptos::prelude::*;

pub use nav::Page;
pub use state::{AppState, LoadProblem, ProblemMessage};

use opsbrief_domain::store::StorageKey;

use crate::browser::storage;
use crate::i18n::{Lang, Text};

/// Where the chosen UI language is kept.
const LANG_KEY: &str = StorageKey::Lang.as_str();

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState {
        lang: RwSignal::new(initial_lang()),
        page: RwSignal::new(Page::from_hash(&current_hash())),
        reports: RwSignal::new(Vec::new()),
        problems: RwSignal::new(Vec::new()),
        reading: RwSignal::new(0),
        storage_problem: RwSignal::new((!storage::available()).then_some(Text::StorageUnavailable)),
    };
    provide_context(state);
    workspace::provide_workspace();

    // The language is the one piece of state stored here; the effect writes it back whenever it
    // changes and mirrors it on <html lang> so screen readers and fonts follow.
    Effect::new(move |_| {
        let lang = state.lang.get();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", lang.tag());
        }
        match storage::set(LANG_KEY, lang.tag()) {
            Ok(()) => {}
            Err(storage::StorageError::QuotaExceeded) => state.storage_problem.set(Some(Text::StorageFull)),
            Err(_) => state.storage_problem.set(Some(Text::StorageUnavailable)),
        }
    });

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
            <button
                type="button"
                class="lang-switch no-print"
                data-action="switch-language"
                lang=move || state.lang.get().other().tag()
                aria-label=state.t(Text::SwitchLanguageLabel)
                on:click=move |_| state.lang.update(|l| *l = l.other())
            >
                {state.t(Text::SwitchLanguage)}
            </button>
        </header>
        <nav::Nav />
        {move || {
            state
                .storage_problem
                .get()
                .map(|text| view! { <p class="banner warning" role="alert">{state.t(text)}</p> })
        }}
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

/// The stored language, else the browser's preference.
fn initial_lang() -> Lang {
    if let Some(lang) = storage::get(LANG_KEY).as_deref().and_then(Lang::from_tag) {
        return lang;
    }
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
