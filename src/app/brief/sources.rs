//! Choosing between sources and periods: when two loaded files give the same figures for the
//! shown period (sales from sellerboard and from the Business Report), the Brief uses one and
//! says so here, with what each would give and a control to pick the other; when loaded files
//! cover other periods, they are listed with a button to show them. Nothing is ever added up.

use leptos::prelude::*;
use opsbrief_domain::metrics::{self, sources::FigureFamily};

use super::figure::FigureGrid;
use super::format::{money, number};
use super::state::BriefState;
use crate::app::state::AppState;
use crate::i18n::DocText;

fn family_text(family: FigureFamily) -> DocText {
    match family {
        FigureFamily::SalesTotals => DocText::FamilySalesTotals,
        FigureFamily::AdTotals => DocText::FamilyAdTotals,
    }
}

/// The choices the Brief made that the user may want to change.
#[component]
pub fn SourceChoices() -> impl IntoView {
    let app = AppState::get();
    let bs = BriefState::get();
    let t = move |text: DocText| app.t(text);
    move || {
        bs.brief.with(|b| {
            let b = b.as_ref()?;
            if b.conflicts.is_empty() && b.other_periods.is_empty() {
                return None;
            }
            let currency = b.selection.currency.clone();
            let conflicts = b.conflicts.clone();
            let periods = b.other_periods.clone();
            let current = b.selection.clone();
            Some(view! {
                <section class="brief-section source-choices no-print" data-testid="source-choices">
                    {(!conflicts.is_empty()).then(|| view! {
                        <h3>{t(DocText::ConflictTitle)}</h3>
                        <p class="intro">{t(DocText::ConflictIntro)}</p>
                        {conflicts.into_iter().map(|c| {
                            let family = c.family;
                            let name = format!("source-{}", family.id());
                            let chosen = c.chosen.clone();
                            view! {
                                <fieldset class="source-conflict" data-family=family.id()>
                                    <legend>{t(family_text(family))}</legend>
                                    {c.values.into_iter().map(|(label, value)| {
                                        let checked = label == chosen;
                                        let first_file = label.split(" + ").next().unwrap_or_default().to_string();
                                        let shown = match &currency {
                                            Some(c) => money(value, c),
                                            None => number(value, 2),
                                        };
                                        view! {
                                            <label data-source=label.clone() data-chosen=checked.to_string()>
                                                <input
                                                    type="radio"
                                                    name=name.clone()
                                                    checked=checked
                                                    on:change=move |_| {
                                                        let file = first_file.clone();
                                                        bs.update_settings(|s| {
                                                            s.preferred_sources.insert(family.id().to_string(), file);
                                                        });
                                                    }
                                                />
                                                " "{label.clone()}" — "<strong class="num">{shown}</strong>
                                            </label>
                                        }
                                    }).collect_view()}
                                </fieldset>
                            }
                        }).collect_view()}
                    })}
                    {(!periods.is_empty()).then(|| view! {
                        <h3>{t(DocText::OtherPeriodsTitle)}</h3>
                        <p class="intro">{t(DocText::OtherPeriodsIntro)}</p>
                        <ul class="other-periods">
                            {periods.into_iter().map(|p| {
                                let target = bs.selections.with_untracked(|all| {
                                    all.iter().find(|s| s.period == p && s.marketplace == current.marketplace && s.currency == current.currency).cloned()
                                });
                                view! {
                                    <li data-period=format!("{}_{}", p.from, p.to)>
                                        {format!("{} – {}", p.from, p.to)}" "
                                        {target.map(|s| view! {
                                            <button type="button" class="link" data-action="show-period" on:click=move |_| bs.chosen.set(Some(s.clone()))>
                                                {t(DocText::ShowPeriod)}
                                            </button>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    })}
                </section>
            })
        })
    }
}

/// Ordered sales and ad figures of every marketplace for the shown period, converted into the
/// base currency at the rates entered in Settings. Shown only when several currencies share the
/// period and every rate is there; the per-marketplace Briefs themselves never mix currencies.
#[component]
pub fn ConvertedTotals() -> impl IntoView {
    let app = AppState::get();
    let bs = BriefState::get();
    let figures = Memo::new(move |_| {
        let Some(selection) = bs.selection.get() else { return Vec::new() };
        let settings = bs.settings.get();
        let today = bs.today.get();
        app.reports.with(|r| metrics::converted_overview(r, &selection, &settings, today))
    });
    move || {
        let figures = figures.get();
        (!figures.is_empty()).then(|| {
            view! {
                <section class="brief-section converted-totals keep-together" data-testid="converted-totals">
                    <h3>{app.t(DocText::AllMarketplaces)}</h3>
                    <FigureGrid figures />
                </section>
            }
        })
    }
}
