//! The Settings page, and the heading-plus-introduction every page opens with.

use leptos::prelude::*;

use crate::app::backup::BackupPanel;
use crate::app::mapping::SavedMappingsPanel;
use crate::app::brief::{BriefState, MetricsSettings};
use crate::app::state::AppState;
use crate::i18n::{DocText, Lang, Text};

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
        <ShopName />
        <MetricsSettings />
        <SavedMappingsPanel />
        <BackupPanel />
    }
}

/// The shop's name, printed in the brief's header; saved with the metric settings.
#[component]
fn ShopName() -> impl IntoView {
    let state = AppState::get();
    let bs = BriefState::get();
    view! {
        <fieldset class="setting" data-group="shop">
            <legend>{state.t(DocText::Shop)}</legend>
            <label>
                {state.t(DocText::ShopNameLabel)}" "
                <input
                    type="text"
                    data-testid="shop-name"
                    autocomplete="organization"
                    prop:value=move || bs.settings.with(|s| s.shop_name.clone())
                    on:change:target=move |ev| {
                        let name = ev.target().value().trim().to_string();
                        bs.update_settings(|s| s.shop_name = name);
                    }
                />
            </label>
            <p class="help">{state.t(DocText::ShopNameHelp)}</p>
        </fieldset>
    }
}
