//! The Settings page, and the heading-plus-introduction every page opens with.

use leptos::prelude::*;

use crate::app::backup::BackupPanel;
use crate::app::brief::MetricsSettings;
use crate::app::state::AppState;
use crate::i18n::{Lang, Text};

/// A page's heading and the sentence that says what the page is for.
#[component]
pub fn PageIntro(title: Text, intro: Text) -> impl IntoView {
    let state = AppState::get();
    view! {
        <h2>{state.t(title)}</h2>
        <p class="intro">{state.t(intro)}</p>
    }
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
        <MetricsSettings />
        <BackupPanel />
    }
}
