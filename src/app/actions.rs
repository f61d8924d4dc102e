//! The Actions page: the board of every action from every meeting.

use leptos::prelude::*;

use crate::app::settings::PageIntro;
use crate::i18n::Text;

#[component]
pub fn ActionsPage() -> impl IntoView {
    view! { <PageIntro title=Text::NavActions intro=Text::ActionsIntro /> }
}
