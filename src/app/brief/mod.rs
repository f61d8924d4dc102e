//! The Brief page: the reports that feed it, then the four topics.

use leptos::prelude::*;

use crate::app::import::ImportPanel;
use crate::app::state::AppState;
use crate::i18n::Text;

#[component]
pub fn BriefPage() -> impl IntoView {
    let state = AppState::get();
    view! {
        <h2>{state.t(Text::NavBrief)}</h2>
        <p class="intro">{state.t(Text::BriefIntro)}</p>
        <ImportPanel />
    }
}
