//! The Meeting page: runs the weekly (or emergency) meeting.

use leptos::prelude::*;

use crate::app::settings::PageIntro;
use crate::i18n::Text;

#[component]
pub fn MeetingPage() -> impl IntoView {
    view! { <PageIntro title=Text::NavMeeting intro=Text::MeetingIntro /> }
}
