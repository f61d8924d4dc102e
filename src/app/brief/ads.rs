//! Topic 2 on the page: ad totals and ratios (with the report they came from), the split by ad
//! type and by targeting type against the reference lines and break-even, the ACoS chart, the
//! advertised SKUs, and the negative, harvest and bid-down candidate lists with their reasons.

use std::sync::Arc;

use leptos::prelude::*;
use opsbrief_domain::dataset::{Currency, Rank};
use opsbrief_domain::metrics::{AdsBreakdownRow, AdsSkuRow, Brief, CandidateRow, KeywordTableRow};

use super::figure::{FigureCell, FigureGrid, StatusBadge};
use super::format;
use super::grid_figures;
use super::state::BriefState;
use super::table::{MAX_ROWS_SHOWN, TableBlock, cut_note, header_row};
use crate::app::charts::{BarChart, Fmt, Point, RefLine};
use crate::app::state::AppState;
use crate::i18n::{BriefText, DocText, Lang, Translate};

/// Ad types first, then targeting types: the keys of the per-slice figures (`ads.acos.<key>`).
fn slice_keys(b: &Brief) -> Vec<String> {
    b.ads
        .figures
        .iter()
        .filter_map(|f| f.id.strip_prefix("ads.acos."))
        .map(str::to_string)
        .collect()
}

fn is_ad_type(key: &str) -> bool {
    matches!(key, "SP" | "SB" | "SD")
}

/// One table of slices (ad types or targeting types). A slice without a report still gets a row,
/// so its missing figures say which report would provide them.
fn breakdown_table(
    b: &Brief,
    lang: Lang,
    title: BriefText,
    keys: Vec<String>,
    rows: Vec<AdsBreakdownRow>,
    csv_name: &'static str,
) -> impl IntoView + use<> {
    let currency = b.selection.currency.clone().unwrap_or(Currency("XXX".into()));
    let body = keys
        .into_iter()
        .map(|key| {
            let row = rows.iter().find(|r| r.key == key).cloned();
            let share = b.figure(&format!("ads.spend_share.{key}")).cloned();
            let acos = b.figure(&format!("ads.acos.{key}")).cloned();
            let cur = currency.clone();
            let money = move |v: f64| format::money(v, &cur);
            let pct = |v: Option<f64>| v.map(format::percent).unwrap_or_else(|| "—".into());
            view! {
                <tr data-slice=key.clone()>
                    <th scope="row">{key.clone()}</th>
                    <td class="num">{row.as_ref().map(|r| money(r.spend))}</td>
                    <td class="num">{row.as_ref().map(|r| money(r.sales))}</td>
                    <FigureCell figure=share />
                    <FigureCell figure=acos />
                    <td class="num">{row.as_ref().and_then(|r| r.roas).map(|v| format!("{}×", format::short(v, 2)))}</td>
                    <td class="num">{row.as_ref().map(|r| pct(r.ctr))}</td>
                    <td class="num">{row.as_ref().and_then(|r| r.cpc).map(&money)}</td>
                    <td class="num">{row.as_ref().map(|r| pct(r.cvr))}</td>
                    <td>{row.as_ref().and_then(|r| r.attribution_days).map(|d| format!("{d} d"))}</td>
                </tr>
            }
        })
        .collect_view();
    let columns = [
        (BriefText::ColKey, false),
        (BriefText::ColSpend, true),
        (BriefText::ColAdSales, true),
        (BriefText::ColSpendShare, true),
        (BriefText::ColAcos, true),
        (BriefText::ColRoas, true),
        (BriefText::ColCtr, true),
        (BriefText::ColCpc, true),
        (BriefText::ColCvr, true),
        (BriefText::ColWindow, false),
    ];
    view! {
        <TableBlock title=title.get(lang).to_string() csv_name rows=move || rows.clone()>
            <table class="breakdown-table" data-testid=csv_name>
                {header_row(&columns, lang)}
                <tbody>{body}</tbody>
            </table>
        </TableBlock>
    }
}

/// A candidate list with each row's reason.
fn candidates(
    b: &Brief,
    lang: Lang,
    title: BriefText,
    rows: Vec<CandidateRow>,
    csv_name: &'static str,
    with_cpc: bool,
) -> impl IntoView + use<> {
    let currency = b.selection.currency.clone().unwrap_or(Currency("XXX".into()));
    let empty = rows.is_empty();
    let cut = cut_note(rows.len(), lang);
    let body = rows
        .iter()
        .take(MAX_ROWS_SHOWN)
        .cloned()
        .map(|r| {
            let cur = currency.clone();
            let term = if r.search_term.is_empty() { r.targeting.clone() } else { r.search_term.clone() };
            view! {
                <tr>
                    <td>{r.campaign.clone()}<br /><small>{r.ad_group.clone()}</small></td>
                    <td>{term}<br /><small>{r.match_type.clone()}</small></td>
                    <td class="num">{r.clicks}</td>
                    <td class="num">{r.orders}</td>
                    <td class="num">{format::money(r.spend, &cur)}</td>
                    <td class="num">{format::money(r.sales, &cur)}</td>
                    <td class="num">{r.acos.map(format::percent).unwrap_or_else(|| "—".into())}</td>
                    {with_cpc.then(|| view! { <td class="num">{r.suggested_cpc.map(|v| format::money(v, &cur))}</td> })}
                    <td class="reason">{r.reason.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let mut columns = vec![
        (BriefText::ColCampaign, false),
        (BriefText::ColSearchTerm, false),
        (BriefText::ColClicks, true),
        (BriefText::ColOrders, true),
        (BriefText::ColSpend, true),
        (BriefText::ColAdSales, true),
        (BriefText::ColAcos, true),
    ];
    if with_cpc {
        columns.push((BriefText::ColSuggestedCpc, true));
    }
    columns.push((BriefText::ColReason, false));
    let title = format!("{} ({})", title.get(lang), rows.len());
    view! {
        <TableBlock title csv_name rows=move || rows.clone()>
            {if empty {
                view! { <p class="empty">{BriefText::NoCandidates.get(lang)}</p> }.into_any()
            } else {
                view! {
                    <table class="candidates" data-testid=csv_name>
                        {header_row(&columns, lang)}
                        <tbody>{body}</tbody>
                    </table>
                    {cut}
                }
                .into_any()
            }}
        </TableBlock>
    }
}

/// Advertised SKUs with ACoS against their break-even.
fn sku_table(b: &Brief, lang: Lang) -> impl IntoView + use<> {
    let rows: Vec<AdsSkuRow> = b.ads.skus.clone();
    if rows.is_empty() {
        return ().into_any();
    }
    let currency = b.selection.currency.clone().unwrap_or(Currency("XXX".into()));
    let cut = cut_note(rows.len(), lang);
    let body = rows
        .iter()
        .take(MAX_ROWS_SHOWN)
        .cloned()
        .map(|r| {
            let cur = currency.clone();
            view! {
                <tr data-sku=r.sku.clone()>
                    <td>{r.sku.clone()}</td>
                    <td><code>{r.asin.clone()}</code></td>
                    <td class="num">{format::money(r.spend, &cur)}</td>
                    <td class="num">{format::money(r.sales, &cur)}</td>
                    <td class="num">{r.acos.map(format::percent).unwrap_or_else(|| "—".into())}</td>
                    <td class="num">{r.break_even_acos.map(format::percent).unwrap_or_else(|| "—".into())}</td>
                    <td><StatusBadge status=r.status /></td>
                </tr>
            }
        })
        .collect_view();
    let columns = [
        (BriefText::ColSku, false),
        (BriefText::ColAsin, false),
        (BriefText::ColSpend, true),
        (BriefText::ColAdSales, true),
        (BriefText::ColAcos, true),
        (BriefText::BreakEven, true),
        (BriefText::Status, false),
    ];
    view! {
        <TableBlock title=BriefText::AdsSkus.get(lang).to_string() csv_name="ad-skus" rows=move || rows.clone()>
            <table>
                {header_row(&columns, lang)}
                <tbody>{body}</tbody>
            </table>
            {cut}
        </TableBlock>
    }
    .into_any()
}

/// A rank as the table shows it: `#12`, `>#306`, or a dash.
fn rank_text(rank: Option<Rank>) -> String {
    match rank {
        Some(Rank::Exact(n)) => format!("#{n}"),
        Some(Rank::WorseThan(n)) => format!(">#{n}"),
        None => "—".into(),
    }
}

/// Keyword ranks and volumes from Helium 10, highest volume first, high-volume keywords beyond
/// page one flagged in words (not only by colour).
fn keyword_table(b: &Brief, lang: Lang) -> impl IntoView + use<> {
    let Some(table) = b.ads.keywords.clone() else {
        return ().into_any();
    };
    let rows: Vec<KeywordTableRow> = table.rows;
    let cut = cut_note(rows.len(), lang);
    let body = rows
        .iter()
        .take(MAX_ROWS_SHOWN)
        .map(|r| {
            let o = &r.observation;
            view! {
                <tr data-keyword=o.keyword.clone() data-flagged=r.beyond_page_one.to_string()>
                    <td>{o.keyword.clone()}</td>
                    <td>{o.asin.clone().map(|a| view! { <code>{a}</code> })}</td>
                    <td class="num">{o.search_volume.map(|v| format::number(v as f64, 0)).unwrap_or_else(|| "—".into())}</td>
                    <td class="num">{rank_text(o.organic_rank)}</td>
                    <td class="num">{rank_text(o.sponsored_rank)}</td>
                    <td>{o.observed.map(|d| d.to_string()).unwrap_or_default()}</td>
                    <td>{r.beyond_page_one.then(|| view! { <strong title=r.reason.clone().unwrap_or_default()>"⚠ "{DocText::BeyondPageOne.get(lang)}</strong> })}</td>
                </tr>
            }
        })
        .collect_view();
    let columns = [
        (DocText::ColKeyword, false),
        (DocText::ColAsin, false),
        (DocText::ColSearchVolume, true),
        (DocText::ColOrganicRank, true),
        (DocText::ColSponsoredRank, true),
        (DocText::ColObserved, false),
        (DocText::BeyondPageOne, false),
    ];
    view! {
        <TableBlock title=DocText::KeywordRanks.get(lang).to_string() csv_name="keywords" rows=move || rows.clone()>
            <table data-testid="keywords">
                {header_row(&columns, lang)}
                <tbody>{body}</tbody>
            </table>
            {cut}
        </TableBlock>
    }
    .into_any()
}

/// The ads topic.
#[component]
pub fn AdsSection() -> impl IntoView {
    let state = AppState::get();
    let bs = BriefState::get();
    let body = move || {
        let lang = state.lang.get();
        let settings = bs.settings.get();
        let th = settings.thresholds.clone();
        bs.brief.with(|b| {
            b.as_ref().map(|b| {
                let totals = grid_figures(&b.ads.figures, &["ads.acos.", "ads.spend_share."]);
                let keys = slice_keys(b);
                let (type_keys, targeting_keys): (Vec<String>, Vec<String>) =
                    keys.iter().cloned().partition(|k| is_ad_type(k));
                let sources = b
                    .ads
                    .sources
                    .iter()
                    .map(|s| {
                        let window = s.attribution_days.map(|d| format!(", {d}-day")).unwrap_or_default();
                        format!("{}: {} ({}{window})", s.ad_type.code(), s.file, s.kind.title())
                    })
                    .collect::<Vec<_>>();
                let mut refs = vec![
                    RefLine { label: BriefText::AcosAverageLine.get(lang).into(), value: th.acos_average },
                    RefLine { label: format!("{} ↑", BriefText::AcosBand.get(lang)), value: th.acos_band_high },
                    RefLine { label: format!("{} ↓", BriefText::AcosBand.get(lang)), value: th.acos_band_low },
                ];
                if let Some(be) = settings.break_even_acos {
                    refs.push(RefLine { label: BriefText::BreakEven.get(lang).into(), value: be });
                }
                let bars: Vec<Point> = keys
                    .iter()
                    .map(|k| Point { label: k.clone(), value: b.value(&format!("ads.acos.{k}")), emphasis: true })
                    .collect();
                let pct: Fmt = Arc::new(format::percent);
                view! {
                    <super::SourceLine files=sources />
                    <FigureGrid figures=totals />
                    <p class="references">
                        {BriefText::AdsReferences.get(lang)}": "
                        {BriefText::AcosAverageLine.get(lang)}" "{format::percent(th.acos_average)}"; "
                        {BriefText::AcosBand.get(lang)}" "{format::percent(th.acos_band_low)}"–"{format::percent(th.acos_band_high)}"; "
                        {BriefText::BreakEven.get(lang)}" "
                        {settings.break_even_acos.map(format::percent).unwrap_or_else(|| BriefText::EnterInSettings.get(lang).to_string())}
                    </p>
                    <BarChart
                        id="acos-by-type"
                        title=BriefText::ChartAcosByType.get(lang).to_string()
                        bars=bars
                        refs=refs
                        fmt=pct
                        missing=BriefText::Missing.get(lang).to_string()
                    />
                    {breakdown_table(b, lang, BriefText::AdsByType, type_keys, b.ads.by_ad_type.clone(), "ads-by-type")}
                    {breakdown_table(b, lang, BriefText::AdsByTargeting, targeting_keys, b.ads.by_targeting.clone(), "ads-by-targeting")}
                    {sku_table(b, lang)}
                    {candidates(b, lang, BriefText::NegativeCandidates, b.ads.negatives.clone(), "negatives", false)}
                    {candidates(b, lang, BriefText::HarvestCandidates, b.ads.harvest.clone(), "harvest", false)}
                    {candidates(b, lang, BriefText::BidDownCandidates, b.ads.bid_down.clone(), "bid-down", true)}
                    {keyword_table(b, lang)}
                }
            })
        })
    };
    view! {
        <section class="topic brief-section" data-topic="ads" aria-labelledby="topic-ads">
            <h3 id="topic-ads">{state.t(BriefText::TopicAds)}</h3>
            {body}
        </section>
    }
}
