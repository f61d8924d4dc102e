//! The five-step form: an issue worked as problem, root cause, countermeasure, owner and due date,
//! with the ASIN/SKU/campaign it concerns and the metric it aims to move. An action is complete
//! only with all five steps; the form says which are missing.

use leptos::prelude::*;
use opsbrief_domain::meeting::{
    Action, ActionFields, ActionId, ActionStatus, PersonId, Subject, SubjectKind,
};
use opsbrief_domain::report::Topic;

use super::{RunCtx, step_text};
use crate::app::state::AppState;
use crate::app::brief::current_values;
use crate::app::workspace::WorkspaceState;
use crate::browser::clock;
use crate::i18n::MeetingText;

/// The actions raised in the current meeting under one item, and the button to raise another.
#[component]
pub fn ItemActions(topic: Option<Topic>) -> impl IntoView {
    let app = AppState::get();
    let state = WorkspaceState::get();
    let ctx = RunCtx::get();
    let t = move |text: MeetingText| app.t(text);
    let ids = move || {
        let meeting = ctx.id.get_value();
        state.ws.with(|ws| {
            ws.actions
                .iter()
                .filter(|a| a.meeting() == Some(&meeting) && a.topic() == topic)
                .map(|a| a.id().clone())
                .collect::<Vec<_>>()
        })
    };
    let raise = move |_| {
        let action = Action::new(
            ActionId::new(clock::new_id("a")),
            Some(ctx.id.get_value()),
            ActionFields {
                topic,
                ..ActionFields::default()
            },
            clock::now(),
        );
        let id = action.id().to_string();
        state.edit(|ws| ws.actions.push(action));
        // Focus the new problem field so the recorder can type straight away.
        request_animation_frame(move || super::focus_element(&format!("problem-{id}")));
    };
    view! {
        <div class="item-actions">
            <For each=ids key=|id| id.clone() children=move |id| view! { <ActionEditor id /> } />
            <button type="button" class="secondary" data-action="new-action" on:click=raise>
                {t(MeetingText::NewAction)}
            </button>
        </div>
    }
}

/// One action's five steps and its subject and metric, edited in place.
#[component]
pub fn ActionEditor(id: ActionId) -> impl IntoView {
    let app = AppState::get();
    let state = WorkspaceState::get();
    let t = move |text: MeetingText| app.t(text);
    let id = StoredValue::new(id);
    let read = move |f: fn(&Action) -> String| {
        state.ws.with(|ws| {
            ws.actions
                .iter()
                .find(|a| a.id() == &id.get_value())
                .map(f)
                .unwrap_or_default()
        })
    };
    let edit = move |f: Box<dyn FnOnce(&mut ActionFields) + Send + Sync>| {
        state.edit(|ws| {
            if let Some(action) = ws.actions.iter_mut().find(|a| a.id() == &id.get_value()) {
                action.edit(clock::now(), f);
            }
        });
    };
    let missing = move || {
        state.ws.with(|ws| {
            ws.actions
                .iter()
                .find(|a| a.id() == &id.get_value())
                .map(Action::missing_steps)
                .unwrap_or_default()
        })
    };
    let dropped = move || {
        state.ws.with(|ws| {
            ws.actions
                .iter()
                .any(|a| a.id() == &id.get_value() && a.status() == ActionStatus::Dropped)
        })
    };
    let key = id.get_value().to_string();
    let text_field = move |field: &'static str,
                           label: MeetingText,
                           get: fn(&Action) -> String,
                           set: fn(&mut ActionFields, String)| {
        let element_id = format!("{field}-{}", id.get_value());
        view! {
            <label class="block">
                {t(label)}
                <textarea
                    id=element_id
                    rows="1"
                    data-field=field
                    prop:value=move || read(get)
                    on:input:target=move |ev| {
                        let value = ev.target().value();
                        edit(Box::new(move |f| set(f, value)));
                    }
                ></textarea>
            </label>
        }
    };
    let owner = move || read(|a| a.owner().map(|o| o.to_string()).unwrap_or_default());
    let subject_kind = move || {
        read(|a| {
            a.fields()
                .subject
                .as_ref()
                .map(|s| subject_id(s.kind).to_string())
                .unwrap_or_default()
        })
    };

    view! {
        <fieldset
            class="action-editor"
            id=format!("action-{key}")
            tabindex="-1"
            data-testid="action-editor"
            data-action-id=key.clone()
            data-complete=move || missing().is_empty().to_string()
            class:dropped=dropped
        >
            <legend>{t(MeetingText::ActionTitle)}</legend>
            {text_field("problem", MeetingText::StepProblem, |a| a.fields().problem.clone(), |f, v| f.problem = v)}
            {text_field("root_cause", MeetingText::StepRootCause, |a| a.fields().root_cause.clone(), |f, v| f.root_cause = v)}
            {text_field("countermeasure", MeetingText::StepCountermeasure, |a| a.fields().countermeasure.clone(), |f, v| f.countermeasure = v)}
            <div class="row">
                <label>
                    {t(MeetingText::StepOwner)}" "
                    <select
                        data-field="owner"
                        on:change:target=move |ev| {
                            let value = ev.target().value();
                            edit(Box::new(move |f| f.owner = (!value.is_empty()).then(|| PersonId::new(value))));
                        }
                    >
                        <option value="" prop:selected=move || owner().is_empty()>{t(MeetingText::NobodyYet)}</option>
                        {move || {
                            state.ws.with(|ws| {
                                ws.roster
                                    .active()
                                    .map(|m| {
                                        let value = m.id.to_string();
                                        let v = value.clone();
                                        view! { <option value=value prop:selected=move || owner() == v>{m.name.clone()}</option> }
                                    })
                                    .collect_view()
                            })
                        }}
                    </select>
                </label>
                <label>
                    {t(MeetingText::StepDueDate)}" "
                    <input
                        type="date"
                        data-field="due"
                        prop:value=move || read(|a| a.due().map(|d| d.to_string()).unwrap_or_default())
                        on:change:target=move |ev| {
                            let due = ev.target().value().parse().ok();
                            edit(Box::new(move |f| f.due = due));
                        }
                    />
                </label>
            </div>
            <div class="row">
                <label>
                    {t(MeetingText::Subject)}" "
                    <select
                        data-field="subject-kind"
                        on:change:target=move |ev| {
                            let kind = subject_from_id(&ev.target().value());
                            edit(Box::new(move |f| {
                                let value = f.subject.take().map(|s| s.value).unwrap_or_default();
                                f.subject = kind.map(|kind| Subject { kind, value });
                            }));
                        }
                    >
                        <option value="" prop:selected=move || subject_kind().is_empty()>"–"</option>
                        {[SubjectKind::Asin, SubjectKind::Sku, SubjectKind::Campaign]
                            .into_iter()
                            .map(|k| view! { <option value=subject_id(k) prop:selected=move || subject_kind() == subject_id(k)>{t(subject_text(k))}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    <span class="visually-hidden">{t(MeetingText::SubjectValue)}</span>
                    <input
                        type="text"
                        data-field="subject"
                        aria-label=t(MeetingText::SubjectValue)
                        prop:value=move || read(|a| a.fields().subject.as_ref().map(|s| s.value.clone()).unwrap_or_default())
                        on:input:target=move |ev| {
                            let value = ev.target().value();
                            edit(Box::new(move |f| {
                                let kind = f.subject.as_ref().map_or(SubjectKind::Asin, |s| s.kind);
                                f.subject = (!value.trim().is_empty()).then(|| Subject { kind, value });
                            }));
                        }
                    />
                </label>
                <label>
                    {t(MeetingText::TargetMetric)}" "
                    <input
                        type="text"
                        data-field="metric"
                        placeholder="ads.acos.SP"
                        prop:value=move || read(|a| a.fields().metric.as_ref().map(|m| m.id.clone()).unwrap_or_default())
                        on:change:target=move |ev| {
                            let metric = ev.target().value().trim().to_string();
                            // The baseline is what the meeting sees now, frozen with the link.
                            let link = (!metric.is_empty()).then(|| current_values().link(metric));
                            edit(Box::new(move |f| f.metric = link));
                        }
                    />
                </label>
            </div>
            <p class="completeness" role="status" data-testid="missing-steps">
                {move || {
                    let missing = missing();
                    if missing.is_empty() {
                        view! { <span class="complete">"✓ "{t(MeetingText::ActionComplete)}</span> }.into_any()
                    } else {
                        let names = missing.iter().map(|s| t(step_text(*s))()).collect::<Vec<_>>().join(", ");
                        view! { <span class="incomplete">"✗ "{t(MeetingText::MissingSteps)}": "{names}</span> }.into_any()
                    }
                }}
            </p>
            <button
                type="button"
                class="small secondary"
                data-action="drop-action"
                on:click=move |_| {
                    let status = if dropped() { ActionStatus::Open } else { ActionStatus::Dropped };
                    state.edit(|ws| {
                        if let Some(a) = ws.actions.iter_mut().find(|a| a.id() == &id.get_value()) {
                            a.set_status(status, clock::today(), clock::now());
                        }
                    });
                }
            >
                {move || if dropped() { t(MeetingText::Reopen)() } else { t(MeetingText::DropAction)() }}
            </button>
        </fieldset>
    }
}

pub fn subject_id(kind: SubjectKind) -> &'static str {
    match kind {
        SubjectKind::Asin => "asin",
        SubjectKind::Sku => "sku",
        SubjectKind::Campaign => "campaign",
    }
}

fn subject_from_id(id: &str) -> Option<SubjectKind> {
    [SubjectKind::Asin, SubjectKind::Sku, SubjectKind::Campaign]
        .into_iter()
        .find(|k| subject_id(*k) == id)
}

pub fn subject_text(kind: SubjectKind) -> MeetingText {
    match kind {
        SubjectKind::Asin => MeetingText::SubjectAsin,
        SubjectKind::Sku => MeetingText::SubjectSku,
        SubjectKind::Campaign => MeetingText::SubjectCampaign,
    }
}
