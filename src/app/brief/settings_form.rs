//! The metrics section of the Settings page: targets, thresholds, break-even ACoS, lead times,
//! exchange rates and the values Amazon does not export. Every change is written into the stored
//! workspace at once, so the Brief (and the meeting's scorecards) follow immediately.
//!
//! Percentages are typed as percents and stored as fractions, as the domain expects.

use leptos::prelude::*;
use opsbrief_domain::dataset::{Currency, Marketplace, Period};
use opsbrief_domain::metrics::{SalesTarget, Settings, TypedHealth};

use super::format;
use super::state::BriefState;
use crate::app::state::AppState;
use crate::i18n::{BriefText, Translate};

type Getter = fn(&Settings) -> Option<f64>;
type Setter = fn(&mut Settings, Option<f64>);

/// A number as typed: up to six decimals, no grouping, so the field shows what was entered.
fn plain(v: f64) -> String {
    let s = format!("{v:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Parses a typed number; `None` for empty or invalid text.
fn parse(text: &str) -> Option<f64> {
    text.trim().replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite())
}

/// One numeric setting. `percent` shows a fraction as a percent; `optional` lets an empty field
/// clear the value (else an empty or invalid entry is ignored and the setting keeps its value).
#[component]
fn NumField(
    label: BriefText,
    name: &'static str,
    get: Getter,
    set: Setter,
    #[prop(optional)] percent: bool,
    #[prop(optional)] optional: bool,
) -> impl IntoView {
    let state = AppState::get();
    let bs = BriefState::get();
    let scale = if percent { 100.0 } else { 1.0 };
    let shown = move || bs.settings.with(|s| get(s).map(|v| plain(v * scale)).unwrap_or_default());
    view! {
        <label class="num-field">
            <span>{state.t(label)}</span>
            <input
                type="number"
                step="any"
                inputmode="decimal"
                data-setting=name
                prop:value=shown
                on:input:target=move |ev| {
                    let text = ev.target().value();
                    match parse(&text) {
                        Some(v) => bs.update_settings(|s| set(s, Some(v / scale))),
                        None if optional && text.trim().is_empty() => bs.update_settings(|s| set(s, None)),
                        None => {}
                    }
                }
            />
        </label>
    }
}

/// A `<select>` of "all marketplaces" and every marketplace, writing the choice into `value`.
#[component]
fn MarketplaceSelect(value: RwSignal<Option<Marketplace>>, name: &'static str) -> impl IntoView {
    let state = AppState::get();
    view! {
        <label class="num-field">
            <span>{state.t(BriefText::TargetMarketplace)}</span>
            <select
                data-setting=name
                on:change:target=move |ev| {
                    let code = ev.target().value();
                    value.set(Marketplace::ALL.into_iter().find(|m| m.code() == code));
                }
            >
                <option value="" selected=move || value.get().is_none()>{state.t(BriefText::AllMarketplaces)}</option>
                {Marketplace::ALL
                    .into_iter()
                    .map(|m| view! { <option value=m.code() selected=move || value.get() == Some(m)>{m.code()}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}

/// A text or number input bound to a string signal, for the "add" forms.
#[component]
fn DraftInput(
    label: BriefText,
    name: &'static str,
    value: RwSignal<String>,
    #[prop(default = "number")] kind: &'static str,
) -> impl IntoView {
    let state = AppState::get();
    view! {
        <label class="num-field">
            <span>{state.t(label)}</span>
            <input
                type=kind
                step="any"
                data-draft=name
                prop:value=move || value.get()
                on:input:target=move |ev| value.set(ev.target().value())
            />
        </label>
    }
}

/// Sales targets per period and marketplace.
#[component]
fn TargetsEditor() -> impl IntoView {
    let state = AppState::get();
    let bs = BriefState::get();
    let period = move || bs.selection.get().map(|s| s.period);
    let market = RwSignal::new(bs.selection.get_untracked().and_then(|s| s.marketplace));
    let from = RwSignal::new(period().map(|p| p.from.to_string()).unwrap_or_default());
    let to = RwSignal::new(period().map(|p| p.to.to_string()).unwrap_or_default());
    let amount = RwSignal::new(String::new());
    let add = move |_| {
        let dates = (from.get_untracked().parse().ok(), to.get_untracked().parse().ok());
        let (Some(a), Some(b)) = dates else { return };
        let Some(v) = parse(&amount.get_untracked()).filter(|v| *v > 0.0) else { return };
        bs.update_settings(|s| {
            s.sales_targets.push(SalesTarget {
                marketplace: market.get_untracked(),
                period: Period::new(a, b),
                amount: v,
                currency: None,
            })
        });
        amount.set(String::new());
    };
    let list = move || {
        bs.settings.with(|s| {
            s.sales_targets
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let who = t.marketplace.map(|m| m.code().to_string());
                    view! {
                        <li data-target-index=i>
                            {who.unwrap_or_else(|| BriefText::AllMarketplaces.get(state.lang.get()).to_string())}
                            " · "{t.period.to_string()}" · "
                            {match &t.currency {
                                Some(c) => format::money(t.amount, c),
                                None => format::number(t.amount, 2),
                            }}" "
                            <button
                                type="button"
                                class="link"
                                data-action="remove-target"
                                on:click=move |_| bs.update_settings(|s| { if i < s.sales_targets.len() { s.sales_targets.remove(i); } })
                            >
                                {state.t(BriefText::Remove)}
                            </button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <fieldset class="setting metrics-group" data-group="targets">
            <legend>{state.t(BriefText::SalesTargets)}</legend>
            <ul class="setting-list">{list}</ul>
            <div class="add-row">
                <MarketplaceSelect value=market name="target-marketplace" />
                <DraftInput label=BriefText::TargetFrom name="target-from" value=from kind="date" />
                <DraftInput label=BriefText::TargetTo name="target-to" value=to kind="date" />
                <DraftInput label=BriefText::TargetAmount name="target-amount" value=amount />
                <button type="button" data-action="add-target" on:click=add>{state.t(BriefText::AddTarget)}</button>
            </div>
        </fieldset>
    }
}

/// Break-even ACoS, global and per SKU.
#[component]
fn BreakEvenEditor() -> impl IntoView {
    let state = AppState::get();
    let bs = BriefState::get();
    let sku = RwSignal::new(String::new());
    let pct = RwSignal::new(String::new());
    let skus = move || {
        bs.brief.with(|b| {
            let mut all: Vec<String> = b
                .as_ref()
                .map(|b| b.inventory.skus.iter().map(|r| r.sku.clone()).chain(b.ads.skus.iter().map(|r| r.sku.clone())).collect())
                .unwrap_or_default();
            all.sort();
            all.dedup();
            all.into_iter().map(|s| view! { <option value=s /> }).collect_view()
        })
    };
    let add = move |_| {
        let name = sku.get_untracked().trim().to_string();
        let Some(v) = parse(&pct.get_untracked()) else { return };
        if name.is_empty() {
            return;
        }
        bs.update_settings(|s| {
            s.break_even_acos_by_sku.insert(name, v / 100.0);
        });
        sku.set(String::new());
        pct.set(String::new());
    };
    let list = move || {
        bs.settings.with(|s| {
            s.break_even_acos_by_sku
                .iter()
                .map(|(k, v)| {
                    let key = k.clone();
                    view! {
                        <li data-sku=k.clone()>
                            {k.clone()}": "{format::percent(*v)}" "
                            <button
                                type="button"
                                class="link"
                                on:click=move |_| {
                                    let key = key.clone();
                                    bs.update_settings(move |s| { s.break_even_acos_by_sku.remove(&key); })
                                }
                            >
                                {state.t(BriefText::Remove)}
                            </button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <fieldset class="setting metrics-group" data-group="break-even">
            <legend>{state.t(BriefText::BreakEvenLegend)}</legend>
            <NumField
                label=BriefText::SetBreakEven
                name="break_even_acos"
                get=|s| s.break_even_acos
                set=|s, v| s.break_even_acos = v
                percent=true
                optional=true
            />
            <p>{state.t(BriefText::BreakEvenBySku)}</p>
            <ul class="setting-list">{list}</ul>
            <datalist id="known-skus">{skus}</datalist>
            <div class="add-row">
                <label class="num-field">
                    <span>{state.t(BriefText::Sku)}</span>
                    <input
                        type="text"
                        list="known-skus"
                        data-draft="break-even-sku"
                        prop:value=move || sku.get()
                        on:input:target=move |ev| sku.set(ev.target().value())
                    />
                </label>
                <DraftInput label=BriefText::SetBreakEven name="break-even-pct" value=pct />
                <button type="button" data-action="add-break-even" on:click=add>{state.t(BriefText::AddSku)}</button>
            </div>
        </fieldset>
    }
}

/// Exchange rates into a base currency.
#[component]
fn RatesEditor() -> impl IntoView {
    let state = AppState::get();
    let bs = BriefState::get();
    let code = RwSignal::new(String::new());
    let rate = RwSignal::new(String::new());
    let base = move || bs.settings.with(|s| s.exchange_rates.base.as_ref().map(|c| c.code().to_string()).unwrap_or_default());
    let add = move |_| {
        let Some(c) = Currency::from_code(code.get_untracked().trim()) else { return };
        let Some(r) = parse(&rate.get_untracked()).filter(|r| *r > 0.0) else { return };
        bs.update_settings(|s| {
            s.exchange_rates.to_base.insert(c.code().to_string(), r);
        });
        code.set(String::new());
        rate.set(String::new());
    };
    let list = move || {
        bs.settings.with(|s| {
            s.exchange_rates
                .to_base
                .iter()
                .map(|(k, v)| {
                    let key = k.clone();
                    view! {
                        <li>
                            "1 "{k.clone()}" = "{plain(*v)}" "{base()}" "
                            <button
                                type="button"
                                class="link"
                                on:click=move |_| {
                                    let key = key.clone();
                                    bs.update_settings(move |s| { s.exchange_rates.to_base.remove(&key); })
                                }
                            >
                                {state.t(BriefText::Remove)}
                            </button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <fieldset class="setting metrics-group" data-group="rates">
            <legend>{state.t(BriefText::RatesLegend)}</legend>
            <label class="num-field">
                <span>{state.t(BriefText::SetBaseCurrency)}</span>
                <input
                    type="text"
                    maxlength="3"
                    data-setting="base_currency"
                    prop:value=base
                    on:input:target=move |ev| {
                        let text = ev.target().value();
                        let parsed = Currency::from_code(text.trim());
                        if parsed.is_some() || text.trim().is_empty() {
                            bs.update_settings(|s| s.exchange_rates.base = parsed);
                        }
                    }
                />
            </label>
            <ul class="setting-list">{list}</ul>
            <div class="add-row">
                <DraftInput label=BriefText::CurrencyCode name="rate-code" value=code kind="text" />
                <DraftInput label=BriefText::Rate name="rate-value" value=rate />
                <button type="button" data-action="add-rate" on:click=add>{state.t(BriefText::AddRate)}</button>
            </div>
        </fieldset>
    }
}

/// Account health values typed in from Seller Central, per marketplace.
#[component]
fn TypedHealthEditor() -> impl IntoView {
    let state = AppState::get();
    let bs = BriefState::get();
    let market = RwSignal::new(None::<Marketplace>);
    let drafts = [(); 4].map(|_| RwSignal::new(String::new()));
    let [vtr, lsr, cancel, odr] = drafts;
    let add = move |_| {
        let frac = |s: RwSignal<String>| parse(&s.get_untracked()).map(|v| v / 100.0);
        let entry = TypedHealth {
            marketplace: market.get_untracked(),
            vtr: frac(vtr),
            lsr: frac(lsr),
            cancel_rate: frac(cancel),
            odr: frac(odr),
        };
        if entry.vtr.or(entry.lsr).or(entry.cancel_rate).or(entry.odr).is_none() {
            return;
        }
        bs.update_settings(|s| {
            s.typed_health.retain(|t| t.marketplace != entry.marketplace);
            s.typed_health.push(entry);
        });
        for d in drafts {
            d.set(String::new());
        }
    };
    let list = move || {
        bs.settings.with(|s| {
            s.typed_health
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let pct = |v: Option<f64>| v.map(format::percent).unwrap_or_else(|| "—".into());
                    view! {
                        <li>
                            {t.marketplace.map(|m| m.code().to_string()).unwrap_or_else(|| BriefText::AllMarketplaces.get(state.lang.get()).to_string())}
                            ": VTR "{pct(t.vtr)}", LSR "{pct(t.lsr)}", "{pct(t.cancel_rate)}", ODR "{pct(t.odr)}" "
                            <button
                                type="button"
                                class="link"
                                on:click=move |_| bs.update_settings(|s| { if i < s.typed_health.len() { s.typed_health.remove(i); } })
                            >
                                {state.t(BriefText::Remove)}
                            </button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <fieldset class="setting metrics-group" data-group="typed-health">
            <legend>{state.t(BriefText::TypedHealthLegend)}</legend>
            <ul class="setting-list">{list}</ul>
            <div class="add-row">
                <MarketplaceSelect value=market name="health-marketplace" />
                <DraftInput label=BriefText::SetVtr name="health-vtr" value=vtr />
                <DraftInput label=BriefText::SetLsr name="health-lsr" value=lsr />
                <DraftInput label=BriefText::SetCancel name="health-cancel" value=cancel />
                <DraftInput label=BriefText::SetOdr name="health-odr" value=odr />
                <button type="button" data-action="add-typed-health" on:click=add>{state.t(BriefText::AddTypedHealth)}</button>
            </div>
        </fieldset>
    }
}

/// The metrics part of the Settings page.
#[component]
pub fn MetricsSettings() -> impl IntoView {
    let state = AppState::get();
    let bs = BriefState::get();
    view! {
        <section class="metrics-settings" data-testid="metrics-settings" aria-labelledby="metrics-settings-title">
            <h3 id="metrics-settings-title">{state.t(BriefText::MetricsSettings)}</h3>
            <p class="intro">
                {state.t(BriefText::MetricsSettingsIntro)}" "
                {state.t(if bs.stored { BriefText::SettingsSaved } else { BriefText::SettingsLocal })}
            </p>
            <TargetsEditor />
            <fieldset class="setting metrics-group" data-group="thresholds">
                <legend>{state.t(BriefText::ThresholdsLegend)}</legend>
                <div class="field-grid">
                    <NumField label=BriefText::SetConversionLow name="conversion_low" percent=true get=|s| Some(s.thresholds.conversion_low) set=|s, v| if let Some(v) = v { s.thresholds.conversion_low = v } />
                    <NumField label=BriefText::SetConversionMedian name="conversion_median" percent=true get=|s| Some(s.thresholds.conversion_median) set=|s, v| if let Some(v) = v { s.thresholds.conversion_median = v } />
                    <NumField label=BriefText::SetMeaningfulSessions name="meaningful_sessions" get=|s| Some(s.thresholds.meaningful_sessions as f64) set=|s, v| if let Some(v) = v { s.thresholds.meaningful_sessions = v.round() as i64 } />
                    <NumField label=BriefText::SetPaceWatch name="pace_watch" percent=true get=|s| Some(s.thresholds.pace_watch) set=|s, v| if let Some(v) = v { s.thresholds.pace_watch = v } />
                    <NumField label=BriefText::SetPaceOffTrack name="pace_off_track" percent=true get=|s| Some(s.thresholds.pace_off_track) set=|s, v| if let Some(v) = v { s.thresholds.pace_off_track = v } />
                    <NumField label=BriefText::SetAcosAverage name="acos_average" percent=true get=|s| Some(s.thresholds.acos_average) set=|s, v| if let Some(v) = v { s.thresholds.acos_average = v } />
                    <NumField label=BriefText::SetAcosBandLow name="acos_band_low" percent=true get=|s| Some(s.thresholds.acos_band_low) set=|s, v| if let Some(v) = v { s.thresholds.acos_band_low = v } />
                    <NumField label=BriefText::SetAcosBandHigh name="acos_band_high" percent=true get=|s| Some(s.thresholds.acos_band_high) set=|s, v| if let Some(v) = v { s.thresholds.acos_band_high = v } />
                    <NumField label=BriefText::SetTargetAcos name="target_acos" percent=true get=|s| Some(s.thresholds.target_acos) set=|s, v| if let Some(v) = v { s.thresholds.target_acos = v } />
                    <NumField label=BriefText::SetNegativeClicks name="negative_min_clicks" get=|s| Some(s.thresholds.negative_min_clicks as f64) set=|s, v| if let Some(v) = v { s.thresholds.negative_min_clicks = v.round() as i64 } />
                    <NumField label=BriefText::SetNegativeSpend name="negative_min_spend" optional=true get=|s| s.thresholds.negative_min_spend set=|s, v| s.thresholds.negative_min_spend = v />
                    <NumField label=BriefText::SetHarvestOrders name="harvest_min_orders" get=|s| Some(s.thresholds.harvest_min_orders as f64) set=|s, v| if let Some(v) = v { s.thresholds.harvest_min_orders = v.round() as i64 } />
                    <NumField label=BriefText::SetReturnBandLow name="return_band_low" percent=true get=|s| Some(s.thresholds.return_band_low) set=|s, v| if let Some(v) = v { s.thresholds.return_band_low = v } />
                    <NumField label=BriefText::SetReturnBandHigh name="return_band_high" percent=true get=|s| Some(s.thresholds.return_band_high) set=|s, v| if let Some(v) = v { s.thresholds.return_band_high = v } />
                    <NumField label=BriefText::SetReturnSwing name="return_swing" percent=true get=|s| Some(s.thresholds.return_swing) set=|s, v| if let Some(v) = v { s.thresholds.return_swing = v } />
                    <NumField label=BriefText::SetVtr name="vtr_min" percent=true get=|s| Some(s.thresholds.vtr_min) set=|s, v| if let Some(v) = v { s.thresholds.vtr_min = v } />
                    <NumField label=BriefText::SetLsr name="lsr_max" percent=true get=|s| Some(s.thresholds.lsr_max) set=|s, v| if let Some(v) = v { s.thresholds.lsr_max = v } />
                    <NumField label=BriefText::SetCancel name="cancel_max" percent=true get=|s| Some(s.thresholds.cancel_max) set=|s, v| if let Some(v) = v { s.thresholds.cancel_max = v } />
                    <NumField label=BriefText::SetOdr name="odr_max" percent=true get=|s| Some(s.thresholds.odr_max) set=|s, v| if let Some(v) = v { s.thresholds.odr_max = v } />
                    <NumField label=BriefText::SetIpiPass name="ipi_pass" get=|s| Some(s.thresholds.ipi_pass) set=|s, v| if let Some(v) = v { s.thresholds.ipi_pass = v } />
                    <NumField label=BriefText::SetIpiGood name="ipi_good" get=|s| Some(s.thresholds.ipi_good) set=|s, v| if let Some(v) = v { s.thresholds.ipi_good = v } />
                    <NumField label=BriefText::SetAgedMax name="aged_90_plus_share_max" percent=true get=|s| Some(s.thresholds.aged_90_plus_share_max) set=|s, v| if let Some(v) = v { s.thresholds.aged_90_plus_share_max = v } />
                </div>
            </fieldset>
            <BreakEvenEditor />
            <fieldset class="setting metrics-group" data-group="logistics">
                <legend>{state.t(BriefText::LogisticsLegend)}</legend>
                <div class="field-grid">
                    <NumField label=BriefText::SetLeadAir name="lead_time_air_days" get=|s| Some(s.lead_time_air_days) set=|s, v| if let Some(v) = v { s.lead_time_air_days = v } />
                    <NumField label=BriefText::SetLeadSea name="lead_time_sea_days" get=|s| Some(s.lead_time_sea_days) set=|s, v| if let Some(v) = v { s.lead_time_sea_days = v } />
                    <NumField label=BriefText::SetProduction name="supplier_production_days" get=|s| Some(s.supplier_production_days) set=|s, v| if let Some(v) = v { s.supplier_production_days = v } />
                    <NumField label=BriefText::SetCoverDays name="target_cover_days" get=|s| Some(s.target_cover_days) set=|s, v| if let Some(v) = v { s.target_cover_days = v } />
                    <NumField label=BriefText::SetSafetyFactor name="safety_factor" get=|s| Some(s.safety_factor) set=|s, v| if let Some(v) = v { s.safety_factor = v } />
                </div>
            </fieldset>
            <RatesEditor />
            <fieldset class="setting metrics-group" data-group="values">
                <legend>{state.t(BriefText::ValuesLegend)}</legend>
                <NumField label=BriefText::SetIpi name="ipi" optional=true get=|s| s.ipi set=|s, v| s.ipi = v />
            </fieldset>
            <TypedHealthEditor />
            <button
                type="button"
                class="secondary"
                data-action="reset-metric-settings"
                on:click=move |_| bs.update_settings(|s| *s = Settings::default())
            >
                {state.t(BriefText::ResetDefaults)}
            </button>
        </section>
    }
}
