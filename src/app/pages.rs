//! The pages that are not built yet beyond their introduction: Meeting, Actions, History.
//! Settings already holds the language choice.

use leptos::prelude::*;

use crate::app::state::AppState;
use crate::i18n::{Lang, Text};

#[component]
fn PageIntro(title: Text, intro: Text) -> impl IntoView {
    let state = AppState::get();
    view! {
        <h2>{state.t(title)}</h2>
        <p class="intro">{state.t(intro)}</p>
    }
}

#[component]
pub fn MeetingPage() -> impl IntoView {
    view! { <PageIntro title=Text::NavMeeting intro=Text::MeetingIntro /> }
}

#[component]
pub fn ActionsPage() -> impl IntoView {
    view! { <PageIntro title=Text::NavActions intro=Text::ActionsIntro /> }
}

#[component]
pub fn HistoryPage() -> impl IntoView {
    view! { <PageIntro title=Text::NavHistory intro=Text::HistoryIntro /> }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = AppState::get();
    view! {
        <PageIntro title=Text::NavSettings intro=Text::SettingsIntro />
        <fieldset class="setting">
            <legend>{state.t(Text::LanguageSetting)}</legend>
            <label>
                <input
                    type="radio"
                    name="lang"
                    value="en"
                    prop:checked=move || state.lang.get() == Lang::En
                    on:change=move |_| state.lang.set(Lang::En)
                />
                " English"
            </label>
            <label>
                <input
                    type="radio"
                    name="lang"
                    value="zh-CN"
                    prop:checked=move || state.lang.get() == Lang::Zh
                    on:change=move |_| state.lang.set(Lang::Zh)
                />
                " 简体中文"
            </label>
        </fieldset>
    }
}
