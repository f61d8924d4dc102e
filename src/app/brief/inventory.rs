//! Topic 3 on the page: stock totals, aged share, IPI, the days-of-cover chart and the restock
//! table with the article's safety stock formula filled in for every SKU.

use std::sync::Arc;

use leptos::prelude::*;
use opsbrief_domain::metrics::{Brief, RestockRow};

use super::figure::{FigureCell, FigureGrid};
use super::format;
use super::grid_figures;
use super::state::BriefState;
use super::table::{MAX_ROWS_SHOWN, TableBlock, cut_note, header_row};
use crate::app::charts::{BarChart, Fmt, Point, RefLine};
use crate::app::state::AppState;
use crate::i18n::{BriefText, Lang, Translate};

/// The per-SKU figure families the restock table shows.
const PER_SKU: [&str; 7] = [
    "inventory.daily_sales.",
    "inventory.days_of_cover.",
    "inventory.safety_stock.",
    "inventory.reorder.",
    "inventory.reorder_qty.",
    "inventory.stockout_date.",
    "inventory.ship_mode.",
];

fn restock_table(b: &Brief, lang: Lang) -> impl IntoView + use<> {
    let rows: Vec<RestockRow> = b.inventory.skus.clone();
    let fig = |family: &str, sku: &str| b.figure(&format!("inventory.{family}.{sku}")).cloned();
    let cut = cut_note(rows.len(), lang);
    let body = rows
        .iter()
        .take(MAX_ROWS_SHOWN)
        .map(|r| {
            // "no sales" rather than an endless cover: the SKU sold nothing in the window.
            let cover_text = r
                .no_sales
                .then(|| Signal::derive(move || BriefText::NoSales.get(lang).to_string()));
            view! {
                <tr data-sku=r.sku.clone() class:reorder=r.reorder class:at-risk=r.at_risk>
                    <th scope="row">
                        {r.sku.clone()}
                        {r.asin.clone().map(|a| view! { <br /><small><code>{a}</code></small> })}
                    </th>
                    <td class="num">{format::number(r.available as f64, 0)}</td>
                    <td class="num">{r.inbound.map(|v| format::number(v as f64, 0)).unwrap_or_else(|| "—".into())}</td>
                    <FigureCell figure=fig("daily_sales", &r.sku) />
                    {match cover_text {
                        Some(t) => view! { <FigureCell figure=fig("days_of_cover", &r.sku) text=t /> }.into_any(),
                        None => view! { <FigureCell figure=fig("days_of_cover", &r.sku) /> }.into_any(),
                    }}
                    <FigureCell figure=fig("safety_stock", &r.sku) />
                    <FigureCell figure=fig("stockout_date", &r.sku) />
                    <FigureCell figure=fig("reorder", &r.sku) />
                    <FigureCell figure=fig("reorder_qty", &r.sku) />
                    <FigureCell figure=fig("ship_mode", &r.sku) />
                </tr>
                <tr class="formula-row" data-formula-for=r.sku.clone()>
                    <td colspan="10">
                        <span class="formula">{r.safety_formula.clone()}</span>
                        {(!r.reorder_formula.is_empty()).then(|| view! { " · "<span class="formula">{r.reorder_formula.clone()}</span> })}
                        {r.velocity_depressed.then(|| view! { " · "<strong class="warning">{BriefText::VelocityDepressed.get(lang)}</strong> })}
                        {(!r.notes.is_empty()).then(|| format!(" · {}", r.notes.join("; ")))}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let columns = [
        (BriefText::ColSku, false),
        (BriefText::ColAvailable, true),
        (BriefText::ColInbound, true),
        (BriefText::ColDailySales, true),
        (BriefText::ColCover, true),
        (BriefText::ColSafetyStock, true),
        (BriefText::ColStockout, true),
        (BriefText::ColReorder, true),
        (BriefText::ColReorderQty, true),
        (BriefText::ColShipMode, true),
    ];
    view! {
        <TableBlock title=BriefText::RestockTable.get(lang).to_string() csv_name="restock" rows=move || rows.clone()>
            <table class="restock-table" data-testid="restock-table">
                {header_row(&columns, lang)}
                <tbody>{body}</tbody>
            </table>
            {cut}
        </TableBlock>
    }
}

/// The inventory topic.
#[component]
pub fn InventorySection() -> impl IntoView {
    let state = AppState::get();
    let bs = BriefState::get();
    let body = move || {
        let lang = state.lang.get();
        let settings = bs.settings.get();
        bs.brief.with(|b| {
            b.as_ref().map(|b| {
                let totals = grid_figures(&b.inventory.figures, &PER_SKU);
                let mut sources: Vec<String> = b.inventory.source.clone().into_iter().collect();
                if let Some(a) = &b.inventory.ages_source
                    && !sources.contains(a)
                {
                    sources.push(a.clone());
                }
                let bars: Vec<Point> = b
                    .inventory
                    .skus
                    .iter()
                    .map(|r| Point { label: r.sku.clone(), value: r.days_of_cover, emphasis: true })
                    .collect();
                let sea = settings.supplier_production_days + settings.lead_time_sea_days;
                let refs = vec![RefLine { label: BriefText::SeaLeadTimeLine.get(lang).into(), value: sea }];
                let days: Fmt = Arc::new(move |v| format!("{} {}", format::short(v, 0), BriefText::Days.get(lang)));
                view! {
                    <super::SourceLine files=sources />
                    {b.inventory
                        .snapshot_date
                        .map(|d| view! { <p class="snapshot">{BriefText::SnapshotOf.get(lang)}" "{d.to_string()}</p> })}
                    <FigureGrid figures=totals />
                    {(!bars.is_empty())
                        .then(|| {
                            view! {
                                <BarChart
                                    id="cover-by-sku"
                                    title=BriefText::ChartCoverBySku.get(lang).to_string()
                                    bars=bars
                                    refs=refs
                                    fmt=days
                                    missing=BriefText::NoSales.get(lang).to_string()
                                />
                            }
                        })}
                    {restock_table(b, lang)}
                }
            })
        })
    };
    view! {
        <section class="topic brief-section" data-topic="inventory" aria-labelledby="topic-inventory">
            <h3 id="topic-inventory">{state.t(BriefText::TopicInventory)}</h3>
            {body}
        </section>
    }
}
