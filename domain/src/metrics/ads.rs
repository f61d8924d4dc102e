//! Topic 2, advertising and ACoS (`ads.*`): totals, ACoS / ROAS / TACoS / CTR / CPC / CVR, the split
//! by ad type (SP / SB / SD) and targeting type (auto / manual), break-even ACoS globally and per
//! SKU, and the negative, harvest and bid-down candidate lists with the reason for each.
//!
//! One figure, one source: the Sponsored Products campaign, advertised product, targeting and
//! search term reports describe the same spend at different grain, so for each ad type the totals
//! come from the coarsest report loaded for the period (campaign < advertised product < targeting
//! < search term) and never from their sum. The finer reports still feed the lists. Sales and
//! orders are attributed with each report's own window: Sponsored Products sellers' reports use 7
//! days, Sponsored Brands and Display 14 days; the totals say which window each part used.
//!
//! Another tool's table that carried ad spend and ad sales (sellerboard's dashboards, say) can
//! give the account's ad totals too. It is never added to Amazon's: `choose_sums` takes Amazon's
//! reports unless the user prefers the tool's file (or no Amazon Ads report is loaded), and the
//! Brief lists the choice. A tool's totals have no split by ad type, and impressions, clicks and
//! orders only when the file carried them.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::Context;
use super::figure::{Figure, Status, Unit, fmt_money, fmt_num, fmt_pct, ratio};
use super::Settings;
use super::sales::{SALES_SOURCES, SalesSums};
use super::sources::{self, Candidate, FigureFamily, SourceConflict};
use crate::dataset::{
    AdType, AdsGrain, AdsRow, AdsTotals, Currency, LoadedReport, Measure, Period, ReportData, TargetingType,
};
use crate::report::{ReportKind, ReportSource};

/// Everything the Brief shows for the ads topic.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdsTopic {
    /// Every `ads.*` figure.
    pub figures: Vec<Figure>,
    /// One row per ad type that has a report: SP, SB, SD.
    pub by_ad_type: Vec<AdsBreakdownRow>,
    /// Sponsored Products split into auto and manual targeting (and `unknown` when some rows do
    /// not say).
    pub by_targeting: Vec<AdsBreakdownRow>,
    /// Advertised SKUs with ACoS against their break-even ACoS.
    pub skus: Vec<AdsSkuRow>,
    /// Search terms to add as negatives.
    pub negatives: Vec<CandidateRow>,
    /// Search terms to add as exact-match keywords.
    pub harvest: Vec<CandidateRow>,
    /// Targets and SKUs whose ACoS is above break-even.
    pub bid_down: Vec<CandidateRow>,
    /// Which report each ad type's totals came from.
    pub sources: Vec<AdsSource>,
    /// Keyword ranks (Helium 10), when loaded: a snapshot, shown whatever the period.
    #[serde(default)]
    pub keywords: Option<super::keywords::KeywordTable>,
}

/// The report an ad type's totals came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdsSource {
    pub ad_type: AdType,
    pub file: String,
    pub kind: ReportKind,
    pub grain: AdsGrain,
    /// The attribution window of its sales and orders (7 or 14 days), when known.
    pub attribution_days: Option<u8>,
}

/// Ad figures of one slice (an ad type or a targeting type).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdsBreakdownRow {
    /// `SP`, `SB`, `SD`, `auto`, `manual` or `unknown`.
    pub key: String,
    pub spend: f64,
    pub sales: f64,
    pub impressions: i64,
    pub clicks: i64,
    pub orders: i64,
    pub units: i64,
    /// Spend / the spend of all slices of the same breakdown.
    pub spend_share: Option<f64>,
    pub acos: Option<f64>,
    pub roas: Option<f64>,
    pub ctr: Option<f64>,
    pub cpc: Option<f64>,
    pub cvr: Option<f64>,
    pub attribution_days: Option<u8>,
    /// The file the row was summed from.
    pub source: String,
}

/// One advertised SKU (from the advertised product report).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdsSkuRow {
    pub sku: String,
    pub asin: String,
    pub spend: f64,
    pub sales: f64,
    pub clicks: i64,
    pub orders: i64,
    pub acos: Option<f64>,
    /// The SKU's break-even ACoS (its own, else the global one).
    pub break_even_acos: Option<f64>,
    /// `OffTrack` when ACoS is above break-even, or when it spent without selling.
    pub status: Option<Status>,
}

/// Which list a candidate is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CandidateList {
    Negative,
    Harvest,
    BidDown,
}

/// A suggestion for the advertising specialist; the page never changes a campaign itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CandidateRow {
    pub list: CandidateList,
    pub ad_type: Option<AdType>,
    pub campaign: String,
    pub ad_group: String,
    /// The keyword or target the row was matched by.
    pub targeting: String,
    pub match_type: String,
    /// The customer search term (empty for targets and SKUs).
    pub search_term: String,
    pub asin: String,
    pub sku: String,
    pub spend: f64,
    pub sales: f64,
    pub clicks: i64,
    pub orders: i64,
    pub acos: Option<f64>,
    /// For bid-down candidates: CPC x break-even ACoS / ACoS, the bid that would have hit
    /// break-even at the same conversion.
    pub suggested_cpc: Option<f64>,
    /// Why the row is on the list, in English with the numbers.
    pub reason: String,
    /// The file the row came from.
    pub source: String,
}

/// The ad type a report is about when its rows do not say.
fn kind_ad_type(kind: ReportKind) -> Option<AdType> {
    match kind {
        ReportKind::SponsoredProductsSearchTerm
        | ReportKind::SponsoredProductsTargeting
        | ReportKind::SponsoredProductsAdvertisedProduct
        | ReportKind::SponsoredProductsCampaign
        | ReportKind::AdsConsoleAdvertisedProduct => Some(AdType::SP),
        ReportKind::SponsoredBrandsCampaign | ReportKind::SponsoredBrandsSearchTerm => {
            Some(AdType::SB)
        }
        ReportKind::SponsoredDisplayCampaign => Some(AdType::SD),
        _ => None,
    }
}

/// The grain of a report's rows: what ingestion says, else what its kind implies.
fn grain_of(report: &LoadedReport, ads: &crate::dataset::AdsReport) -> Option<AdsGrain> {
    ads.grain.or(match report.kind {
        ReportKind::SponsoredProductsCampaign
        | ReportKind::SponsoredBrandsCampaign
        | ReportKind::SponsoredDisplayCampaign
        | ReportKind::AdsCampaignManager => Some(AdsGrain::Campaign),
        ReportKind::SponsoredProductsAdvertisedProduct
        | ReportKind::AdsConsoleAdvertisedProduct => Some(AdsGrain::AdvertisedProduct),
        ReportKind::SponsoredProductsTargeting => Some(AdsGrain::Targeting),
        ReportKind::SponsoredProductsSearchTerm | ReportKind::SponsoredBrandsSearchTerm => {
            Some(AdsGrain::SearchTerm)
        }
        _ => None,
    })
}

/// The campaign report that would give an ad type's totals.
fn campaign_kind(t: AdType) -> ReportKind {
    match t {
        AdType::SP => ReportKind::SponsoredProductsCampaign,
        AdType::SB => ReportKind::SponsoredBrandsCampaign,
        AdType::SD => ReportKind::SponsoredDisplayCampaign,
    }
}

const ADS_TOTAL_SOURCES: [ReportKind; 3] = [
    ReportKind::SponsoredProductsCampaign,
    ReportKind::SponsoredBrandsCampaign,
    ReportKind::SponsoredDisplayCampaign,
];
const TERM_SOURCES: [ReportKind; 2] = [
    ReportKind::SponsoredProductsSearchTerm,
    ReportKind::SponsoredBrandsSearchTerm,
];

/// An ads report of the period with its rows' grain.
#[derive(Clone, Copy)]
struct AdsFile<'a> {
    report: &'a LoadedReport,
    grain: AdsGrain,
    attribution_days: Option<u8>,
    rows: &'a [AdsRow],
}

impl<'a> AdsFile<'a> {
    /// The rows of one ad type (a row's own type wins over the report's).
    fn rows_of(&self, t: AdType) -> impl Iterator<Item = &'a AdsRow> + 'a {
        let kind = self.report.kind;
        self.rows
            .iter()
            .filter(move |r| r.ad_type.or(kind_ad_type(kind)) == Some(t))
    }
}

/// The first file of the list that has rows of ad type `t`.
fn first_with_type<'a>(list: &[&AdsFile<'a>], t: AdType) -> Option<AdsFile<'a>> {
    list.iter()
        .find(|f| f.rows_of(t).next().is_some())
        .map(|f| **f)
}

fn ads_files<'a>(reports: &[&'a LoadedReport], period: Period) -> Vec<AdsFile<'a>> {
    reports
        .iter()
        .filter(|r| r.period == Some(period))
        .filter_map(|r| match &r.data {
            ReportData::Ads(ads) => Some(AdsFile {
                report: r,
                grain: grain_of(r, ads)?,
                attribution_days: ads.attribution_days,
                rows: &ads.rows,
            }),
            _ => None,
        })
        .collect()
}

/// Ad totals of one period, one source per ad type.
#[derive(Clone, Debug, Default)]
pub(crate) struct AdsSums {
    pub per_type: BTreeMap<AdType, (AdsTotals, AdsSource)>,
    /// Set instead of `per_type` when the totals come from another tool's table.
    pub tool: Option<ToolTotals>,
}

/// Account ad totals from another tool's product or day table.
#[derive(Clone, Debug)]
pub(crate) struct ToolTotals {
    pub file: String,
    pub totals: AdsTotals,
    /// The measures the file carried: impressions, clicks and orders are only known with them.
    pub measures: BTreeSet<Measure>,
}

impl AdsSums {
    /// The files the totals come from.
    pub fn files(&self) -> Vec<String> {
        match &self.tool {
            Some(t) => vec![t.file.clone()],
            None => {
                let mut files: Vec<String> = Vec::new();
                for (_, s) in self.per_type.values() {
                    if !files.contains(&s.file) {
                        files.push(s.file.clone());
                    }
                }
                files
            }
        }
    }

    /// Whether the totals know `measure` (Amazon's reports carry every ads measure).
    pub fn knows(&self, measure: Measure) -> bool {
        self.tool.as_ref().is_none_or(|t| t.measures.contains(&measure))
    }

    pub fn total(&self) -> Option<AdsTotals> {
        if let Some(t) = &self.tool {
            return Some(t.totals);
        }
        if self.per_type.is_empty() {
            return None;
        }
        let mut t = AdsTotals::default();
        for (tot, _) in self.per_type.values() {
            t += *tot;
        }
        Some(t)
    }
}

/// Picks, for each ad type, the coarsest report of the period and sums its rows of that type.
/// Between two reports of the same grain the one loaded first wins.
fn ads_sums(files: &[AdsFile]) -> AdsSums {
    let mut sums = AdsSums::default();
    for t in AdType::ALL {
        let best = files
            .iter()
            .filter(|f| f.rows_of(t).next().is_some())
            .min_by_key(|f| f.grain);
        if let Some(f) = best {
            let mut tot = AdsTotals::default();
            for r in f.rows_of(t) {
                tot += r.totals;
            }
            let source = AdsSource {
                ad_type: t,
                file: f.report.file_name.clone(),
                kind: f.report.kind,
                grain: f.grain,
                attribution_days: f.attribution_days,
            };
            sums.per_type.insert(t, (tot, source));
        }
    }
    sums
}

pub(crate) fn sums_for(reports: &[&LoadedReport], period: Period) -> AdsSums {
    ads_sums(&ads_files(reports, period))
}

/// The ad totals of `period` from one source: Amazon's Ads reports (one per ad type, see the
/// module docs), else or by the user's preference another tool's table with ad spend and ad
/// sales. `same_source` asks for the tool the current period used (for the previous period).
/// Returns the sums, the conflict when there was a choice, and the tool chosen.
pub(crate) fn choose_sums(
    reports: &[&LoadedReport],
    period: Period,
    settings: &Settings,
    same_source: Option<ReportSource>,
) -> Option<(AdsSums, Option<SourceConflict>, ReportSource)> {
    let mut options: Vec<AdsSums> = Vec::new();
    let amazon = sums_for(reports, period);
    if amazon.total().is_some() {
        options.push(amazon);
    }
    for (report, p) in sources::performance_reports(reports, period, &[Measure::AdSpend, Measure::AdSales]) {
        let t = &p.totals;
        let totals = AdsTotals {
            spend: t.ad_spend,
            sales: t.ad_sales,
            impressions: t.impressions,
            clicks: t.clicks,
            orders: t.ad_orders,
            units: 0,
        };
        options.push(AdsSums {
            per_type: BTreeMap::new(),
            tool: Some(ToolTotals { file: report.file_name.clone(), totals, measures: p.measures.clone() }),
        });
    }
    let source_of = |sums: &AdsSums| match &sums.tool {
        Some(t) => reports
            .iter()
            .find(|r| r.file_name == t.file)
            .map_or(ReportSource::Mapped, |r| r.kind.source()),
        None => ReportSource::Amazon,
    };
    let candidates: Vec<Candidate> = options
        .iter()
        .map(|o| Candidate {
            files: o.files(),
            source: source_of(o),
            value: o.total().map_or(0.0, |t| t.spend.as_f64()),
        })
        .collect();
    let (index, conflict) = sources::choose(FigureFamily::AdTotals, &candidates, settings, same_source)?;
    let source = candidates[index].source;
    Some((options.swap_remove(index), conflict, source))
}

fn breakdown(
    key: &str,
    t: &AdsTotals,
    all_spend: f64,
    attribution_days: Option<u8>,
    source: &str,
) -> AdsBreakdownRow {
    let spend = t.spend.as_f64();
    let sales = t.sales.as_f64();
    AdsBreakdownRow {
        key: key.to_string(),
        spend,
        sales,
        impressions: t.impressions,
        clicks: t.clicks,
        orders: t.orders,
        units: t.units,
        spend_share: ratio(spend, all_spend),
        acos: ratio(spend, sales),
        roas: ratio(sales, spend),
        ctr: ratio(t.clicks as f64, t.impressions as f64),
        cpc: ratio(spend, t.clicks as f64),
        cvr: ratio(t.orders as f64, t.clicks as f64),
        attribution_days,
        source: source.to_string(),
    }
}

/// Judges an ACoS: above break-even (when entered) or above the average line is off track, inside
/// the profitable band or below it on track, between the band and the average watch.
fn acos_status(ctx: &Context, acos: Option<f64>, break_even: Option<f64>) -> Option<Status> {
    let th = &ctx.settings.thresholds;
    let a = acos?;
    Some(
        if break_even.is_some_and(|b| a > b) || a > th.acos_average {
            Status::OffTrack
        } else if a > th.acos_band_high {
            Status::Watch
        } else {
            Status::OnTrack
        },
    )
}

/// An ACoS figure; with spend and no sales it has no value (ACoS is undefined) but is off track.
fn acos_figure(
    ctx: &Context,
    id: &str,
    t: Option<&AdsTotals>,
    break_even: Option<f64>,
    missing: &[ReportKind],
) -> Figure {
    let th = &ctx.settings.thresholds;
    let acos = t.and_then(|t| ratio(t.spend.as_f64(), t.sales.as_f64()));
    let mut f = Figure::new(id, Unit::Fraction)
        .period(Some(ctx.selection.period))
        .value(acos)
        .target(Some(th.acos_band_high))
        .status(acos_status(ctx, acos, break_even))
        .formula(match (t, acos) {
            (Some(t), Some(a)) => format!(
                "spend {} / ad sales {} = {}",
                fmt_num(t.spend.as_f64()),
                fmt_num(t.sales.as_f64()),
                fmt_pct(a)
            ),
            _ => "spend / ad sales".into(),
        })
        .missing_when(t.is_none(), missing)
        .note(format!(
            "average {}, profitable sellers {}-{}{}",
            fmt_pct(th.acos_average),
            fmt_pct(th.acos_band_low),
            fmt_pct(th.acos_band_high),
            break_even
                .map(|b| format!(", break-even {}", fmt_pct(b)))
                .unwrap_or_default()
        ));
    if let Some(t) = t {
        f = f
            .input("spend", t.spend.as_f64())
            .input("ad sales", t.sales.as_f64());
        if acos.is_none() && t.spend.0 > 0 {
            f = f.note(format!(
                "spent {} with no attributed sales: ACoS is undefined",
                fmt_num(t.spend.as_f64())
            ));
            f.status = Some(Status::OffTrack);
        } else if acos.is_none() {
            f = f.note("no spend and no sales");
        }
    }
    f
}

fn norm(text: &str) -> String {
    text.trim().to_lowercase()
}

/// Whether a search term row came from auto targeting or a broad or phrase keyword (the rows the
/// article's harvesting takes new exact keywords from).
fn is_harvest_source(row: &AdsRow) -> bool {
    let mt = norm(&row.match_type);
    let tg = norm(&row.targeting);
    row.targeting_type == Some(TargetingType::Auto)
        || mt == "broad"
        || mt == "phrase"
        || matches!(
            tg.as_str(),
            "*" | "close-match" | "loose-match" | "substitutes" | "complements"
        )
}

fn candidate(
    list: CandidateList,
    row: &AdsRow,
    t: Option<AdType>,
    source: &str,
    reason: String,
) -> CandidateRow {
    CandidateRow {
        list,
        ad_type: t,
        campaign: row.campaign.to_string(),
        ad_group: row.ad_group.to_string(),
        targeting: row.targeting.to_string(),
        match_type: row.match_type.to_string(),
        search_term: row.search_term.to_string(),
        asin: row.asin.to_string(),
        sku: row.sku.to_string(),
        spend: row.totals.spend.as_f64(),
        sales: row.totals.sales.as_f64(),
        clicks: row.totals.clicks,
        orders: row.totals.orders,
        acos: ratio(row.totals.spend.as_f64(), row.totals.sales.as_f64()),
        suggested_cpc: None,
        reason,
        source: source.to_string(),
    }
}

/// Computes the ads topic; `sales` (the Business Report sums of the same period and currency)
/// gives TACoS and the ad share of sales, `previous` the change against the previous period.
pub(crate) fn compute(
    ctx: &Context,
    sales: Option<&SalesSums>,
    current: Option<&AdsSums>,
    previous: Option<&AdsSums>,
) -> AdsTopic {
    let th = &ctx.settings.thresholds;
    let period = Some(ctx.selection.period);
    let money = ctx.money();
    let cur: Currency = ctx.currency();
    let files = ads_files(&ctx.members, ctx.selection.period);
    let sums = current.cloned().unwrap_or_default();
    let total = sums.total();
    let total_sources: Vec<String> = match &sums.tool {
        Some(t) => vec![t.file.clone()],
        None => sums.per_type.values().map(|(_, s)| s.file.clone()).collect(),
    };
    let windows: Vec<String> = sums
        .per_type
        .values()
        .map(|(_, s)| {
            format!(
                "{} from {} ({})",
                s.ad_type.code(),
                s.file,
                s.attribution_days
                    .map(|d| format!("{d}-day attribution"))
                    .unwrap_or_else(|| "attribution window not stated".into())
            )
        })
        .collect();
    let windows_note = match &sums.tool {
        Some(t) => Some(format!("account totals from {} (no split by ad type; attribution as that tool reports it)", t.file)),
        None => (!windows.is_empty()).then(|| windows.join("; ")),
    };
    let mixed_windows = sums
        .per_type
        .values()
        .filter_map(|(_, s)| s.attribution_days)
        .collect::<BTreeSet<_>>()
        .len()
        > 1;
    let base = |id: &str, unit: Unit| {
        let mut f = Figure::new(id, unit)
            .period(period)
            .sources(total_sources.clone());
        if let Some(n) = &windows_note {
            f = f.note(n.clone());
        }
        f
    };
    let mut figures = Vec::new();

    // Totals.
    let money_total = |id: &str, what: &str, pick: fn(&AdsTotals) -> f64| {
        let mut f = base(id, money.clone()).value(total.as_ref().map(pick));
        let parts: Vec<String> = sums
            .per_type
            .iter()
            .map(|(t, (tot, _))| format!("{} {}", t.code(), fmt_num(pick(tot))))
            .collect();
        f = f.formula(match &total {
            Some(tot) => format!(
                "{what}: {} = {}",
                parts.join(" + "),
                fmt_money(pick(tot), &cur)
            ),
            None => format!("sum of {what}"),
        });
        for (t, (tot, _)) in &sums.per_type {
            f = f.input(t.code(), pick(tot));
        }
        f.missing(&ADS_TOTAL_SOURCES)
    };
    let mut spend_fig = money_total("ads.spend", "spend", |t| t.spend.as_f64());
    // Say which loaded reports were not added to the totals, and why, so nobody adds them by hand.
    let finer: Vec<&str> = files
        .iter()
        .filter(|f| !total_sources.contains(&f.report.file_name))
        .map(|f| f.report.file_name.as_str())
        .collect();
    if !finer.is_empty() {
        spend_fig = spend_fig.note(format!(
            "not added to the totals (finer grain or the same money twice; they feed the lists): {}",
            finer.join(", ")
        ));
    }
    let untyped: usize = files
        .iter()
        .map(|f| {
            f.rows
                .iter()
                .filter(|r| r.ad_type.or(kind_ad_type(f.report.kind)).is_none())
                .count()
        })
        .sum();
    if untyped > 0 {
        spend_fig = spend_fig.note(format!(
            "{untyped} rows name no ad type (SP, SB or SD) and are left out"
        ));
    }
    figures.push(spend_fig);
    let mut sales_fig = money_total("ads.sales", "ad sales", |t| t.sales.as_f64());
    if mixed_windows {
        sales_fig = sales_fig.note("the ad types use different attribution windows; their sales are added as Amazon reports them");
    }
    figures.push(sales_fig);
    let count_total = |id: &str, what: &str, measure: Option<Measure>, pick: fn(&AdsTotals) -> i64| {
        let parts: Vec<String> = sums
            .per_type
            .iter()
            .map(|(t, (tot, _))| format!("{} {}", t.code(), pick(tot)))
            .collect();
        // A tool's table without the measure leaves the figure missing, never zero.
        let known = match measure {
            Some(m) => sums.knows(m),
            None => sums.tool.is_none(),
        };
        let total = total.filter(|_| known);
        base(id, Unit::Count)
            .value(total.as_ref().map(|t| pick(t) as f64))
            .formula(match &total {
                Some(tot) => format!("{what}: {} = {}", parts.join(" + "), pick(tot)),
                None => format!("sum of {what}"),
            })
            .missing(&ADS_TOTAL_SOURCES)
    };
    figures.push(count_total("ads.impressions", "impressions", Some(Measure::Impressions), |t| {
        t.impressions
    }));
    figures.push(count_total("ads.clicks", "clicks", Some(Measure::Clicks), |t| t.clicks));
    figures.push(count_total("ads.orders", "orders", Some(Measure::AdOrders), |t| t.orders));
    figures.push(count_total("ads.units", "units", None, |t| t.units));

    let break_even = ctx.settings.break_even_acos;
    let mut f = acos_figure(
        ctx,
        "ads.acos",
        total.as_ref(),
        break_even,
        &ADS_TOTAL_SOURCES,
    )
    .sources(total_sources.clone());
    if let Some(n) = &windows_note {
        f = f.note(n.clone());
    }
    figures.push(f);

    let spend = total.map(|t| t.spend.as_f64());
    let ad_sales = total.map(|t| t.sales.as_f64());
    let simple_ratio = |id: &str,
                        unit: Unit,
                        name: &str,
                        num: Option<f64>,
                        num_name: &str,
                        den: Option<f64>,
                        den_name: &str,
                        pct: bool| {
        let v = num.zip(den).and_then(|(n, d)| ratio(n, d));
        let show = |x: f64| if pct { fmt_pct(x) } else { fmt_num(x) };
        base(id, unit)
            .value(v)
            .formula(match (num, den, v) {
                (Some(n), Some(d), Some(v)) => format!(
                    "{num_name} {} / {den_name} {} = {}",
                    fmt_num(n),
                    fmt_num(d),
                    show(v)
                ),
                (Some(_), Some(_), None) => format!("{name}: {den_name} is zero, undefined"),
                _ => format!("{num_name} / {den_name}"),
            })
            .missing_when(num.is_none() || den.is_none(), &ADS_TOTAL_SOURCES)
    };
    figures.push(simple_ratio(
        "ads.roas",
        Unit::Multiple,
        "ROAS",
        ad_sales,
        "ad sales",
        spend,
        "spend",
        false,
    ));
    let clicks = total.filter(|_| sums.knows(Measure::Clicks)).map(|t| t.clicks as f64);
    figures.push(simple_ratio(
        "ads.ctr",
        Unit::Fraction,
        "CTR",
        clicks,
        "clicks",
        total.filter(|_| sums.knows(Measure::Impressions)).map(|t| t.impressions as f64),
        "impressions",
        true,
    ));
    figures.push(simple_ratio(
        "ads.cpc",
        money.clone(),
        "CPC",
        spend,
        "spend",
        clicks,
        "clicks",
        false,
    ));
    figures.push(simple_ratio(
        "ads.cvr",
        Unit::Fraction,
        "CVR",
        total.filter(|_| sums.knows(Measure::AdOrders)).map(|t| t.orders as f64),
        "orders",
        clicks,
        "clicks",
        true,
    ));

    // TACoS and ad share of sales need the Business Report of the same period and currency.
    let ordered = sales.map(|s| s.sales.as_f64());
    let with_sales = |f: Figure| {
        let mut f = f.sources(sales.map(|s| s.source.file_name.clone()));
        if f.value.is_none() {
            let mut m: Vec<ReportKind> = Vec::new();
            if total.is_none() {
                m.extend(ADS_TOTAL_SOURCES);
            }
            if sales.is_none() {
                m.extend(SALES_SOURCES);
            }
            if !m.is_empty() {
                f.missing = m;
            }
        }
        f
    };
    let tacos = spend.zip(ordered).and_then(|(s, o)| ratio(s, o));
    figures.push(with_sales(
        base("ads.tacos", Unit::Fraction)
            .value(tacos)
            .formula(match (spend, ordered, tacos) {
                (Some(s), Some(o), Some(t)) => format!(
                    "ad spend {} / total ordered sales {} = {}",
                    fmt_num(s),
                    fmt_num(o),
                    fmt_pct(t)
                ),
                _ => "ad spend / total ordered sales (Business Report, same period and currency)"
                    .into(),
            }),
    ));
    let share = ad_sales.zip(ordered).and_then(|(a, o)| ratio(a, o));
    figures.push(with_sales(
        base("ads.ad_sales_share", Unit::Fraction)
            .value(share)
            .formula(match (ad_sales, ordered, share) {
                (Some(a), Some(o), Some(s)) => format!(
                    "ad sales {} / total ordered sales {} = {}",
                    fmt_num(a),
                    fmt_num(o),
                    fmt_pct(s)
                ),
                _ => "ad sales / total ordered sales".into(),
            }),
    ));

    // By ad type.
    let all_spend = spend.unwrap_or(0.0);
    let mut by_ad_type = Vec::new();
    for t in AdType::ALL {
        let entry = sums.per_type.get(&t);
        let tot = entry.map(|(tot, _)| tot);
        let src: Vec<String> = entry.map(|(_, s)| vec![s.file.clone()]).unwrap_or_default();
        let type_spend = tot.map(|x| x.spend.as_f64());
        let sh = type_spend.and_then(|s| ratio(s, all_spend));
        figures.push(
            Figure::new(format!("ads.spend_share.{}", t.code()), Unit::Fraction)
                .period(period)
                .sources(src.clone())
                .value(sh)
                .formula(match (type_spend, sh) {
                    (Some(s), Some(v)) => format!(
                        "{} spend {} / all ad spend {} = {}",
                        t.code(),
                        fmt_num(s),
                        fmt_num(all_spend),
                        fmt_pct(v)
                    ),
                    _ => format!("{} spend / all ad spend", t.code()),
                })
                .missing_when(entry.is_none(), &[campaign_kind(t)]),
        );
        figures.push(
            acos_figure(
                ctx,
                &format!("ads.acos.{}", t.code()),
                tot,
                break_even,
                &[campaign_kind(t)],
            )
            .sources(src),
        );
        if let Some((tot, s)) = entry {
            by_ad_type.push(breakdown(
                t.code(),
                tot,
                all_spend,
                s.attribution_days,
                &s.file,
            ));
        }
    }

    // By targeting type: the coarsest Sponsored Products report whose rows say auto or manual.
    let mut by_targeting = Vec::new();
    let targeting_file = files
        .iter()
        .filter(|f| f.rows_of(AdType::SP).any(|r| r.targeting_type.is_some()))
        .min_by_key(|f| f.grain);
    let mut per_targeting: BTreeMap<&str, AdsTotals> = BTreeMap::new();
    if let Some(f) = targeting_file {
        for r in f.rows_of(AdType::SP) {
            *per_targeting
                .entry(r.targeting_type.map(|t| t.code()).unwrap_or("unknown"))
                .or_default() += r.totals;
        }
        let sp_spend: f64 = per_targeting.values().map(|t| t.spend.as_f64()).sum();
        for (key, tot) in &per_targeting {
            by_targeting.push(breakdown(
                key,
                tot,
                sp_spend,
                f.attribution_days,
                &f.report.file_name,
            ));
        }
    }
    for tt in [TargetingType::Auto, TargetingType::Manual] {
        let tot = targeting_file.map(|_| per_targeting.get(tt.code()).copied().unwrap_or_default());
        let src: Vec<String> = targeting_file
            .map(|f| vec![f.report.file_name.clone()])
            .unwrap_or_default();
        let row = by_targeting.iter().find(|r| r.key == tt.code());
        let sh = targeting_file.and(Some(row.and_then(|r| r.spend_share).unwrap_or(0.0)));
        let mut f = Figure::new(format!("ads.spend_share.{}", tt.code()), Unit::Fraction)
            .period(period)
            .sources(src.clone())
            .value(sh)
            .formula(match (tot, sh) {
                (Some(t), Some(v)) => format!(
                    "{} spend {} / Sponsored Products spend = {}",
                    tt.code(),
                    fmt_num(t.spend.as_f64()),
                    fmt_pct(v)
                ),
                _ => format!("{} spend / Sponsored Products spend", tt.code()),
            })
            .missing(&[ReportKind::SponsoredProductsCampaign]);
        if targeting_file.is_none() && sums.per_type.contains_key(&AdType::SP) {
            f = f.note(
                "no loaded Sponsored Products report says which campaigns are auto or manual",
            );
        }
        figures.push(f);
        figures.push(
            acos_figure(
                ctx,
                &format!("ads.acos.{}", tt.code()),
                tot.as_ref(),
                break_even,
                &[ReportKind::SponsoredProductsCampaign],
            )
            .sources(src),
        );
    }

    // Break-even.
    let mut f = Figure::new("ads.break_even_acos", Unit::Fraction)
        .value(break_even)
        .formula("pre-advertising margin, entered in Settings");
    if break_even.is_none() {
        f = f.note("enter the break-even ACoS (margin before advertising) in Settings");
    }
    if !ctx.settings.break_even_acos_by_sku.is_empty() {
        f = f.note(format!(
            "{} SKUs have their own break-even ACoS",
            ctx.settings.break_even_acos_by_sku.len()
        ));
    }
    figures.push(f);

    // Per advertised SKU, from the advertised product report(s) of the period.
    let mut per_sku: BTreeMap<String, (String, AdsTotals, String)> = BTreeMap::new();
    for f in files
        .iter()
        .filter(|f| f.grain == AdsGrain::AdvertisedProduct)
    {
        for r in f
            .rows
            .iter()
            .filter(|r| !r.sku.is_empty() || !r.asin.is_empty())
        {
            let key = if r.sku.is_empty() {
                r.asin.to_string()
            } else {
                r.sku.to_string()
            };
            let e = per_sku.entry(key).or_insert_with(|| {
                (
                    r.asin.to_string(),
                    AdsTotals::default(),
                    f.report.file_name.clone(),
                )
            });
            e.1 += r.totals;
        }
    }
    let mut skus = Vec::new();
    let mut bid_down = Vec::new();
    for (sku, (asin, tot, file)) in &per_sku {
        let be = ctx.settings.break_even_for(sku);
        let acos = ratio(tot.spend.as_f64(), tot.sales.as_f64());
        let status = if acos.is_none() && tot.spend.0 > 0 {
            Some(Status::OffTrack)
        } else {
            acos_status(ctx, acos, be)
        };
        figures.push(
            acos_figure(ctx, &format!("ads.sku_acos.{sku}"), Some(tot), be, &[])
                .sources([file.clone()]),
        );
        if let (Some(a), Some(b)) = (acos, be)
            && a > b
        {
            let row = AdsRow {
                sku: sku.clone().into(),
                asin: asin.clone().into(),
                totals: *tot,
                ..AdsRow::default()
            };
            let mut c = candidate(
                CandidateList::BidDown,
                &row,
                Some(AdType::SP),
                file,
                String::new(),
            );
            let cpc = ratio(tot.spend.as_f64(), tot.clicks as f64);
            c.suggested_cpc = cpc.map(|cpc| cpc * b / a);
            c.reason = format!(
                "advertised SKU ACoS {} is above its break-even {}{}",
                fmt_pct(a),
                fmt_pct(b),
                c.suggested_cpc
                    .zip(cpc)
                    .map(|(s, cpc)| format!(
                        "; CPC {} x {} / {} = {}",
                        fmt_num(cpc),
                        fmt_pct(b),
                        fmt_pct(a),
                        fmt_num(s)
                    ))
                    .unwrap_or_default()
            );
            bid_down.push(c);
        }
        skus.push(AdsSkuRow {
            sku: sku.clone(),
            asin: asin.clone(),
            spend: tot.spend.as_f64(),
            sales: tot.sales.as_f64(),
            clicks: tot.clicks,
            orders: tot.orders,
            acos,
            break_even_acos: be,
            status,
        });
    }

    // Search terms and targets, per ad type: the search term report, else the targeting report.
    let term_files: Vec<&AdsFile> = files
        .iter()
        .filter(|f| f.grain == AdsGrain::SearchTerm)
        .collect();
    let target_files: Vec<&AdsFile> = files
        .iter()
        .filter(|f| f.grain == AdsGrain::Targeting)
        .collect();
    let mut wasted: Option<f64> = None;
    let mut wasted_sources = Vec::new();
    let mut wasted_parts = Vec::new();
    for t in AdType::ALL {
        if let Some(f) =
            first_with_type(&term_files, t).or_else(|| first_with_type(&target_files, t))
        {
            let w: f64 = f
                .rows_of(t)
                .filter(|r| r.totals.clicks > 0 && r.totals.orders == 0)
                .map(|r| r.totals.spend.as_f64())
                .sum();
            wasted = Some(wasted.unwrap_or(0.0) + w);
            wasted_sources.push(f.report.file_name.clone());
            wasted_parts.push(format!("{} {}", t.code(), fmt_num(w)));
        }
    }
    figures.push(
        Figure::new("ads.wasted_spend", money.clone())
            .period(period)
            .sources(wasted_sources)
            .value(wasted)
            .formula(match wasted {
                Some(w) => format!(
                    "spend on search terms or targets with clicks and 0 orders: {} = {}",
                    wasted_parts.join(" + "),
                    fmt_money(w, &cur)
                ),
                None => "spend on search terms or targets with clicks and 0 orders".into(),
            })
            .missing(&[
                ReportKind::SponsoredProductsSearchTerm,
                ReportKind::SponsoredProductsTargeting,
            ]),
    );

    // Keywords already targeted as exact, so harvesting does not suggest them again.
    let exact: BTreeSet<String> = files
        .iter()
        .flat_map(|f| f.rows.iter())
        .filter(|r| norm(&r.match_type) == "exact")
        .map(|r| norm(&r.targeting))
        .collect();
    let mut negatives = Vec::new();
    let mut harvest = Vec::new();
    for f in &term_files {
        for r in f.rows.iter().filter(|r| !r.search_term.trim().is_empty()) {
            let t = r.ad_type.or(kind_ad_type(f.report.kind));
            let tot = &r.totals;
            let by_clicks = tot.clicks >= th.negative_min_clicks && tot.orders == 0;
            let by_spend = th
                .negative_min_spend
                .is_some_and(|x| tot.spend.as_f64() >= x)
                && tot.sales.0 == 0;
            if by_clicks || by_spend {
                let reason = if by_clicks {
                    format!(
                        "{} clicks and 0 orders (threshold {} clicks); spent {}",
                        tot.clicks,
                        th.negative_min_clicks,
                        fmt_money(tot.spend.as_f64(), &cur)
                    )
                } else {
                    format!(
                        "spent {} with no sales (threshold {})",
                        fmt_money(tot.spend.as_f64(), &cur),
                        fmt_num(th.negative_min_spend.unwrap_or(0.0))
                    )
                };
                negatives.push(candidate(
                    CandidateList::Negative,
                    r,
                    t,
                    &f.report.file_name,
                    reason,
                ));
            }
            let acos = ratio(tot.spend.as_f64(), tot.sales.as_f64());
            if is_harvest_source(r)
                && tot.orders >= th.harvest_min_orders
                && acos.is_some_and(|a| a < th.target_acos)
                && !exact.contains(&norm(&r.search_term))
            {
                let from = if r.targeting_type == Some(TargetingType::Auto)
                    || r.match_type.trim().is_empty()
                    || r.match_type.trim() == "-"
                {
                    format!("auto target {}", r.targeting)
                } else {
                    format!("{} match on '{}'", norm(&r.match_type), r.targeting)
                };
                let reason = format!(
                    "{} orders at ACoS {} (target {}) from {}; not yet targeted as exact",
                    tot.orders,
                    fmt_pct(acos.unwrap_or(0.0)),
                    fmt_pct(th.target_acos),
                    from
                );
                harvest.push(candidate(
                    CandidateList::Harvest,
                    r,
                    t,
                    &f.report.file_name,
                    reason,
                ));
            }
        }
    }
    negatives.sort_by(|a, b| b.spend.total_cmp(&a.spend).then(b.clicks.cmp(&a.clicks)));
    harvest.sort_by(|a, b| b.orders.cmp(&a.orders).then(a.spend.total_cmp(&b.spend)));

    // Bid-down on targets against the global break-even (targets carry no SKU).
    let mut have_targets = false;
    if let Some(be) = break_even {
        for t in AdType::ALL {
            let target_rows: Vec<(AdsRow, String)> = if let Some(f) =
                target_files.iter().find(|f| f.rows_of(t).next().is_some())
            {
                f.rows_of(t)
                    .map(|r| (r.clone(), f.report.file_name.clone()))
                    .collect()
            } else if let Some(f) = term_files.iter().find(|f| f.rows_of(t).next().is_some()) {
                // No targeting report: add the search terms up per target.
                let mut agg = BTreeMap::new();
                for r in f.rows_of(t) {
                    let key = (
                        r.campaign.clone(),
                        r.ad_group.clone(),
                        r.targeting.clone(),
                        r.match_type.clone(),
                    );
                    let e = agg.entry(key).or_insert_with(|| AdsRow {
                        search_term: Default::default(),
                        totals: AdsTotals::default(),
                        ..r.clone()
                    });
                    e.totals += r.totals;
                }
                agg.into_values()
                    .map(|r| (r, f.report.file_name.clone()))
                    .collect()
            } else {
                Vec::new()
            };
            have_targets |= !target_rows.is_empty();
            for (r, file) in target_rows {
                let Some(a) = ratio(r.totals.spend.as_f64(), r.totals.sales.as_f64()) else {
                    continue;
                };
                if a > be {
                    let mut c =
                        candidate(CandidateList::BidDown, &r, Some(t), &file, String::new());
                    let cpc = ratio(r.totals.spend.as_f64(), r.totals.clicks as f64);
                    c.suggested_cpc = cpc.map(|cpc| cpc * be / a);
                    c.reason = format!(
                        "target ACoS {} is above break-even {}{}",
                        fmt_pct(a),
                        fmt_pct(be),
                        c.suggested_cpc
                            .zip(cpc)
                            .map(|(s, cpc)| format!(
                                "; CPC {} x {} / {} = {}",
                                fmt_num(cpc),
                                fmt_pct(be),
                                fmt_pct(a),
                                fmt_num(s)
                            ))
                            .unwrap_or_default()
                    );
                    bid_down.push(c);
                }
            }
        }
    }
    bid_down.sort_by(|a, b| b.spend.total_cmp(&a.spend));

    let count_fig = |id: &str, n: Option<usize>, rule: String, missing: &[ReportKind]| {
        Figure::new(id, Unit::Count)
            .period(period)
            .value(n.map(|n| n as f64))
            .formula(match n {
                Some(n) => format!("{rule} = {n}"),
                None => rule,
            })
            .missing(missing)
    };
    let term_sources: Vec<String> = term_files
        .iter()
        .map(|f| f.report.file_name.clone())
        .collect();
    figures.push(
        count_fig(
            "ads.negative_candidates",
            (!term_files.is_empty()).then_some(negatives.len()),
            format!(
                "search terms with clicks >= {} and 0 orders{}",
                th.negative_min_clicks,
                th.negative_min_spend
                    .map(|x| format!(", or spend >= {} and 0 sales", fmt_num(x)))
                    .unwrap_or_default()
            ),
            &TERM_SOURCES,
        )
        .sources(term_sources.clone()),
    );
    figures.push(
        count_fig(
            "ads.harvest_candidates",
            (!term_files.is_empty()).then_some(harvest.len()),
            format!(
                "auto, broad and phrase search terms with orders >= {} and ACoS below {}, not yet exact",
                th.harvest_min_orders,
                fmt_pct(th.target_acos)
            ),
            &TERM_SOURCES,
        )
        .sources(term_sources),
    );
    let be_known = break_even.is_some()
        || (!ctx.settings.break_even_acos_by_sku.is_empty() && !skus.is_empty());
    let mut f = count_fig(
        "ads.bid_down_candidates",
        (be_known && (have_targets || !skus.is_empty())).then_some(bid_down.len()),
        "targets and advertised SKUs with ACoS above break-even ACoS".into(),
        if be_known {
            &[
                ReportKind::SponsoredProductsTargeting,
                ReportKind::SponsoredProductsAdvertisedProduct,
            ]
        } else {
            &[]
        },
    )
    .sources(
        bid_down
            .iter()
            .map(|c| c.source.clone())
            .collect::<Vec<_>>(),
    );
    if !be_known {
        f = f.note("enter the break-even ACoS in Settings");
    }
    figures.push(f);

    // Change against the previous period.
    let prev_total = previous.and_then(AdsSums::total);
    let prev_sources: Vec<String> = previous.map(AdsSums::files).unwrap_or_default();
    let change = |id: &str, what: &str, now: Option<f64>, before: Option<f64>, points: bool| {
        let (v, formula) = super::figure::period_change(what, now, before, points);
        let mut f = Figure::new(id, if points { Unit::Points } else { Unit::Fraction })
            .period(period)
            .sources(total_sources.clone())
            .sources(prev_sources.clone())
            .value(v)
            .formula(formula)
            .missing(&ADS_TOTAL_SOURCES);
        if prev_total.is_none() {
            f = f.note("previous period not loaded");
        }
        f
    };
    figures.push(change(
        "ads.change.spend",
        "spend",
        spend,
        prev_total.map(|t| t.spend.as_f64()),
        false,
    ));
    figures.push(change(
        "ads.change.acos",
        "ACoS",
        total.and_then(|t| ratio(t.spend.as_f64(), t.sales.as_f64())),
        prev_total.and_then(|t| ratio(t.spend.as_f64(), t.sales.as_f64())),
        true,
    ));

    AdsTopic {
        figures,
        by_ad_type,
        by_targeting,
        skus,
        negatives,
        harvest,
        bid_down,
        sources: sums.per_type.into_values().map(|(_, s)| s).collect(),
        keywords: super::keywords::table(&ctx.members),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn harvest_sources_are_auto_broad_and_phrase() {
        let row = |mt: &str, tg: &str| AdsRow {
            match_type: mt.into(),
            targeting: tg.into(),
            ..AdsRow::default()
        };
        assert!(is_harvest_source(&row("BROAD", "yoga mat")));
        assert!(is_harvest_source(&row("Phrase", "yoga mat")));
        assert!(is_harvest_source(&row("-", "close-match")));
        assert!(!is_harvest_source(&row("EXACT", "yoga mat")));
        assert!(!is_harvest_source(&row("-", "asin=\"B0ABC\"")));
    }

    #[test]
    fn breakdown_ratios_come_from_sums_and_never_divide_by_zero() {
        let t = AdsTotals {
            spend: crate::dataset::Cents(5000),
            sales: crate::dataset::Cents(0),
            impressions: 0,
            clicks: 10,
            orders: 0,
            units: 0,
        };
        let b = breakdown("SP", &t, 100.0, Some(7), "f");
        // 50.00 spend / 0 sales: ACoS undefined, ROAS 0 / 50 = 0, CTR undefined (0 impressions).
        assert_eq!(b.acos, None);
        assert_eq!(b.roas, Some(0.0));
        assert_eq!(b.ctr, None);
        assert_eq!(b.cpc, Some(5.0));
        assert_eq!(b.spend_share, Some(0.5));
    }
}
