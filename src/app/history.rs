//! The History page: past meetings, their records and snapshots, and trends.

use leptos::prelude::*;

use crate::app::settings::PageIntro;
use crate::i18n::Text;

#[component]
pub fn HistoryPage() -> impl IntoView {
    view! { <PageIntro title=Text::NavHistory intro=Text::HistoryIntro /> }
}
