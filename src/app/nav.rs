//! The five pages and the navigation between them, kept in the URL's hash so a reload or a
//! bookmark opens the same page and the page works from any sub-path without server rules.

use leptos::prelude::*;

use crate::app::state::AppState;
use crate::i18n::Text;

/// A page of the app.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Page {
    #[default]
    Brief,
    Meeting,
    Actions,
    History,
    Settings,
}

impl Page {
    pub const ALL: [Page; 5] = [Page::Brief, Page::Meeting, Page::Actions, Page::History, Page::Settings];

    /// The hash that shows the page, e.g. `#/meeting`.
    pub fn hash(self) -> &'static str {
        match self {
            Page::Brief => "#/brief",
            Page::Meeting => "#/meeting",
            Page::Actions => "#/actions",
            Page::History => "#/history",
            Page::Settings => "#/settings",
        }
    }

    /// The page a hash names; anything unknown opens the brief.
    pub fn from_hash(hash: &str) -> Page {
        Page::ALL.into_iter().find(|p| p.hash() == hash).unwrap_or_default()
    }

    /// The page's name in the navigation.
    pub fn title(self) -> Text {
        match self {
            Page::Brief => Text::NavBrief,
            Page::Meeting => Text::NavMeeting,
            Page::Actions => Text::NavActions,
            Page::History => Text::NavHistory,
            Page::Settings => Text::NavSettings,
        }
    }
}

/// The main navigation: plain links, so keyboard and screen readers get them for free.
#[component]
pub fn Nav() -> impl IntoView {
    let state = AppState::get();
    view! {
        <nav class="main-nav no-print" aria-label=state.t(Text::NavLabel)>
            <ul>
                {Page::ALL
                    .into_iter()
                    .map(|page| {
                        view! {
                            <li>
                                <a
                                    href=page.hash()
                                    data-page=page.hash().trim_start_matches("#/")
                                    aria-current=move || (state.page.get() == page).then_some("page")
                                >
                                    {state.t(page.title())}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
