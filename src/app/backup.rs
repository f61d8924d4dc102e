//! Backup and restore of everything the page keeps, shown on the Settings page.

use leptos::prelude::*;

#[component]
pub fn BackupPanel() -> impl IntoView {
    view! { <section class="backup" data-testid="backup"></section> }
}
