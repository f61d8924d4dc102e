//! The Brief's shared state: which selection is shown, the metric settings, and the computed
//! Brief, provided from `App` so the Meeting page shows the same figures.


use chrono::NaiveDate;
use leptos::prelude::*;
use opsbrief_domain::meeting::MetricSnapshot;
use opsbrief_domain::metrics::{self, Brief, Selection, Settings};

use crate::app::state::AppState;
use crate::app::workspace::WorkspaceState;
use crate::browser::clock;

/// Every signal the Brief, its settings and the meeting's scorecards share.
#[derive(Clone, Copy)]
pub struct BriefState {
    /// Every (marketplace, currency, period) the loaded reports offer, newest first.
    pub selections: Memo<Vec<Selection>>,
    /// The selection the user picked; `None` (or one no longer offered) means the newest.
    pub chosen: RwSignal<Option<Selection>>,
    /// The selection shown.
    pub selection: Memo<Option<Selection>>,
    /// The metric settings, read from the stored workspace.
    pub settings: Memo<Settings>,
    /// The user's local date: pace and stock-out dates count from it.
    pub today: RwSignal<NaiveDate>,
    /// The Brief of the shown selection, recomputed whenever reports, settings or the choice change.
    pub brief: Memo<Option<Brief>>,
    /// Whether settings are saved in the workspace (else they only live until reload).
    pub stored: bool,
    /// Settings kept here when no workspace is provided (tests that mount parts of the app).
    local: RwSignal<Settings>,
    workspace: Option<WorkspaceState>,
}

/// Reads the settings the workspace stores; anything unreadable or absent gives the defaults,
/// and `#[serde(default)]` fills in fields an older version did not write.
fn parse_settings(value: &serde_json::Value) -> Settings {
    if value.is_null() {
        return Settings::default();
    }
    serde_json::from_value(value.clone()).unwrap_or_default()
}

/// Creates the Brief state and provides it as context. Called once by `App`, after the app state
/// and the workspace exist.
pub fn provide_brief_state() {
    let app = AppState::get();
    let workspace = use_context::<WorkspaceState>();
    let local = RwSignal::new(Settings::default());
    let settings = Memo::new(move |_| match workspace {
        Some(ws) => ws.ws.with(|w| parse_settings(&w.settings)),
        None => local.get(),
    });
    let selections = Memo::new(move |_| app.reports.with(|r| metrics::selections(r)));
    let chosen = RwSignal::new(None::<Selection>);
    let selection = Memo::new(move |_| {
        let all = selections.get();
        chosen
            .get()
            .filter(|c| all.contains(c))
            .or_else(|| all.into_iter().next())
    });
    let today = RwSignal::new(clock::today());
    let brief = Memo::new(move |_| {
        let selection = selection.get()?;
        let settings = settings.get();
        let today = today.get();
        Some(app.reports.with(|r| metrics::compute(r, &selection, &settings, today)))
    });
    let state = BriefState {
        selections,
        chosen,
        selection,
        settings,
        today,
        brief,
        stored: workspace.is_some(),
        local,
        workspace,
    };
    provide_context(state);
    // A meeting page left open overnight must not count pace and stock-out days from yesterday:
    // the date is read again whenever the tab comes back into focus.
    let listener = window_event_listener(leptos::ev::focus, move |_| {
        let now = clock::today();
        if state.today.get_untracked() != now {
            state.today.set(now);
        }
    });
    on_cleanup(move || listener.remove());
}

impl BriefState {
    /// The state provided by [`provide_brief_state`].
    pub fn get() -> BriefState {
        expect_context::<BriefState>()
    }

    /// A state that shows one Brief frozen in a meeting record, with the settings it was judged
    /// with. Provided as context around a past meeting's brief, it lets the Brief page's own
    /// sections draw it; nothing it holds is stored, and edits to its settings stay local.
    pub fn frozen(brief: Brief, settings: Settings) -> BriefState {
        let selection = brief.selection.clone();
        let today = RwSignal::new(brief.today);
        let offered = selection.clone();
        let local = RwSignal::new(settings);
        BriefState {
            selections: Memo::new(move |_| vec![offered.clone()]),
            chosen: RwSignal::new(None),
            selection: Memo::new(move |_| Some(selection.clone())),
            settings: Memo::new(move |_| local.get()),
            today,
            brief: Memo::new(move |_| Some(brief.clone())),
            stored: false,
            local,
            workspace: None,
        }
    }

    /// Changes the settings; the workspace's one storage effect saves them.
    pub fn update_settings(self, change: impl FnOnce(&mut Settings)) {
        let mut next = self.settings.get_untracked();
        change(&mut next);
        match self.workspace {
            Some(ws) => {
                if let Ok(value) = serde_json::to_value(&next) {
                    ws.edit(|w| w.settings = value);
                }
            }
            None => self.local.set(next),
        }
    }
}

/// The values the meeting sees now, without the frozen Brief: what an action's metric link
/// takes as its baseline.
pub fn current_values() -> MetricSnapshot {
    let Some(state) = use_context::<BriefState>() else {
        return MetricSnapshot::default();
    };
    state.brief.with_untracked(|b| {
        b.as_ref()
            .map(|b| MetricSnapshot {
                period: Some(b.selection.period),
                marketplace: b.selection.marketplace,
                currency: b.selection.currency.clone(),
                values: b.snapshot(),
                brief: None,
                settings: None,
            })
            .unwrap_or_default()
    })
}

/// The shown Brief frozen for the meeting record: every figure's value and the Brief with its
/// tables cut to their first rows (empty without reports).
pub fn current_metric_snapshot() -> MetricSnapshot {
    let Some(state) = use_context::<BriefState>() else {
        return MetricSnapshot::default();
    };
    state
        .brief
        .with_untracked(|b| b.as_ref().map(|b| MetricSnapshot::of_brief(b, &state.settings.get_untracked())))
        .unwrap_or_default()
}
