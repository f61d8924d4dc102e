//! Topic 4 on the page: the account health rates against Amazon's targets with their source
//! (the account health report, values typed in, or the All Orders estimate, labelled
//! "estimated"), return rates overall and per ASIN with the change, and the top reasons.

use leptos::prelude::*;
use opsbrief_domain::metrics::{Brief, ReasonRow, ReturnsRow};

use super::figure::{FigureCell, FigureGrid};
use super::format;
use super::grid_figures;
use super::state::BriefState;
use super::table::{MAX_ROWS_SHOWN, TableBlock, cut_note, header_row};
use crate::app::state::AppState;
use crate::i18n::{BriefText, Lang, Translate};

/// The account health rates; the rest of the topic's totals are about returns and feedback.
const ACCOUNT: [&str; 5] = ["health.vtr", "health.lsr", "health.cancel_rate", "health.cancel_rate_estimate", "health.odr"];

fn returns_table(b: &Brief, lang: Lang) -> impl IntoView + use<> {
    let rows: Vec<ReturnsRow> = b.health.returns.clone();
    let cut = cut_note(rows.len(), lang);
    let body = rows
        .iter()
        .take(MAX_ROWS_SHOWN)
        .map(|r| {
            let rate = b.figure(&format!("health.return_rate.{}", r.asin)).cloned();
            let change = b.figure(&format!("health.return_rate_change.{}", r.asin)).cloned();
            let reasons = r.reasons.iter().take(3).map(|(k, n)| format!("{k} ({n})")).collect::<Vec<_>>().join(", ");
            view! {
                <tr data-asin=r.asin.clone() class:abnormal=r.abnormal>
                    <th scope="row"><code>{r.asin.clone()}</code><br /><small>{r.sku.clone().unwrap_or_default()}</small></th>
                    <td class="num">{r.returned_units}</td>
                    <td class="num">{r.ordered_units.map(|v| format::number(v as f64, 0)).unwrap_or_else(|| "—".into())}</td>
                    <FigureCell figure=rate />
                    <td class="num">{r.previous_rate.map(format::percent).unwrap_or_else(|| "—".into())}</td>
                    <FigureCell figure=change />
                    <td>
                        {r.abnormal.then(|| view! { <strong class="warning">"! "{BriefText::Abnormal.get(lang)}</strong><br /> })}
                        {reasons}
                        {(!r.comments.is_empty()).then(|| view! { <br /><small class="comments">{r.comments.join(" | ")}</small> })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let columns = [
        (BriefText::ColAsin, false),
        (BriefText::ColReturned, true),
        (BriefText::ColUnits, true),
        (BriefText::ColReturnRate, true),
        (BriefText::ColPrevious, true),
        (BriefText::ColChange, true),
        (BriefText::ColReasonName, false),
    ];
    view! {
        <TableBlock title=BriefText::Returns.get(lang).to_string() csv_name="returns" rows=move || rows.clone()>
            <table class="returns-table" data-testid="returns-table">
                {header_row(&columns, lang)}
                <tbody>{body}</tbody>
            </table>
            {cut}
        </TableBlock>
    }
}

fn reasons_table(b: &Brief, lang: Lang) -> impl IntoView + use<> {
    let rows: Vec<ReasonRow> = b.health.reasons.clone();
    let body = rows
        .iter()
        .map(|r| {
            view! {
                <tr>
                    <td>{r.reason.clone()}</td>
                    <td class="num">{r.units}</td>
                    <td class="num">{r.share.map(format::percent).unwrap_or_else(|| "—".into())}</td>
                </tr>
            }
        })
        .collect_view();
    let columns = [
        (BriefText::ColReasonName, false),
        (BriefText::ColUnitsShort, true),
        (BriefText::ColShare, true),
    ];
    view! {
        <TableBlock title=BriefText::TopReasons.get(lang).to_string() csv_name="return-reasons" rows=move || rows.clone()>
            <table class="reasons-table" data-testid="reasons-table">
                {header_row(&columns, lang)}
                <tbody>{body}</tbody>
            </table>
        </TableBlock>
    }
}

/// The health topic.
#[component]
pub fn HealthSection() -> impl IntoView {
    let state = AppState::get();
    let bs = BriefState::get();
    let body = move || {
        let lang = state.lang.get();
        bs.brief.with(|b| {
            b.as_ref().map(|b| {
                let all = grid_figures(&b.health.figures, &["health.return_rate.", "health.return_rate_change."]);
                let (account, returns): (Vec<_>, Vec<_>) =
                    all.into_iter().partition(|f| ACCOUNT.contains(&f.id.as_str()));
                view! {
                    <h4>{BriefText::AccountHealth.get(lang)}</h4>
                    <super::SourceLine files=b.health.source.clone().into_iter().collect() />
                    {b.health
                        .account_status
                        .clone()
                        .map(|s| view! { <p class="account-status">{BriefText::AccountStatus.get(lang)}": "<strong>{s}</strong></p> })}
                    <FigureGrid figures=account />
                    <h4>{BriefText::Returns.get(lang)}</h4>
                    <FigureGrid figures=returns />
                    {returns_table(b, lang)}
                    {reasons_table(b, lang)}
                }
            })
        })
    };
    view! {
        <section class="topic brief-section" data-topic="health" aria-labelledby="topic-health">
            <h3 id="topic-health">{state.t(BriefText::TopicHealth)}</h3>
            {body}
        </section>
    }
}
