//! The meeting and action model, end to end: a week's meeting raises actions, the next week's
//! meeting reviews them, and the history shows whether the targeted metrics moved.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use opsbrief_domain::dataset::{Cents, Currency, Marketplace, Period};
use opsbrief_domain::meeting::*;
use opsbrief_domain::report::Topic;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(date: NaiveDate, h: u32, min: u32) -> NaiveDateTime {
    date.and_hms_opt(h, min, 0).unwrap()
}

const ROLES: [Role; 5] = [
    Role::OperationsLead,
    Role::Advertising,
    Role::SupplyChain,
    Role::CustomerService,
    Role::MarketplaceRep(Region::Us),
];

fn roster(now: NaiveDateTime) -> Roster {
    let mut roster = Roster::default();
    for (i, role) in ROLES.into_iter().enumerate() {
        roster
            .add(Member::new(
                PersonId::new(format!("p{i}")),
                format!("Person {i}"),
                role,
                now,
            ))
            .unwrap();
    }
    roster
}

/// A weekly meeting with the five roster members, p0 chairing and p1 recording, started at 10:00.
fn staffed_meeting(id: &str, date: NaiveDate) -> Meeting {
    let now = at(date, 9, 55);
    let mut meeting = Meeting::weekly(id.into(), date, now);
    for member in roster(now).members() {
        meeting.add_attendee(member, now).unwrap();
    }
    meeting.set_chair(Some("p0".into()), now).unwrap();
    meeting.set_recorder(Some("p1".into()), now).unwrap();
    meeting.start(at(date, 10, 0)).unwrap();
    meeting
}

fn complete_fields(topic: Topic, owner: &str, due: NaiveDate) -> ActionFields {
    ActionFields {
        topic: Some(topic),
        problem: "SP ACoS rose to 35 %".into(),
        root_cause: "broad-match terms with no sales".into(),
        countermeasure: "add 40 negative keywords".into(),
        owner: Some(owner.into()),
        due: Some(due),
        subject: Some(Subject {
            kind: SubjectKind::Campaign,
            value: "SP-Auto-Kitchen".into(),
        }),
        metric: Some(MetricLink {
            id: "ads.acos.SP".into(),
            value_at_creation: Some(0.35),
        }),
        notes: String::new(),
    }
}

/// Gives every topic of the agenda a conclusion, so topic rules do not get in the way.
fn conclude_all_topics(meeting: &mut Meeting, now: NaiveDateTime) {
    meeting
        .edit_agenda(now, |agenda| {
            for topic in Topic::ALL {
                let i = agenda.position(AgendaItemKind::Topic(topic)).unwrap();
                agenda.set_conclusion(i, "on track")?;
            }
            Ok(())
        })
        .unwrap();
}

fn snapshot(acos: Option<f64>) -> MetricSnapshot {
    MetricSnapshot {
        period: Some(Period::new(day(2026, 8, 31), day(2026, 9, 6))),
        marketplace: Some(Marketplace::US),
        currency: Currency::from_code("USD"),
        values: BTreeMap::from([
            ("ads.acos.SP".to_string(), acos),
            ("sales.conversion".to_string(), Some(0.126)),
        ]),
        brief: None,
        settings: None,
    }
}

#[test]
fn five_step_validation_names_the_missing_steps() {
    let now = at(day(2026, 9, 7), 10, 20);
    let mut action = Action::new(
        "a1".into(),
        Some("m1".into()),
        ActionFields {
            topic: Some(Topic::Ads),
            problem: "SP ACoS rose to 35 %".into(),
            ..Default::default()
        },
        now,
    );
    assert_eq!(
        action.missing_steps(),
        [
            Step::RootCause,
            Step::Countermeasure,
            Step::Owner,
            Step::DueDate
        ]
    );
    assert_eq!(
        action.validate().unwrap_err().to_string(),
        "the action is missing: root cause, countermeasure, owner, due date"
    );
    action.edit(now, |f| {
        *f = complete_fields(Topic::Ads, "p1", day(2026, 9, 14))
    });
    assert!(action.is_complete());
    assert_eq!(action.validate(), Ok(()));
    // Whitespace is not an answer.
    action.edit(now, |f| f.countermeasure = "   ".into());
    assert_eq!(action.missing_steps(), [Step::Countermeasure]);
}

#[test]
fn meeting_cost_is_the_sum_of_hourly_rates_times_duration() {
    // The article's figure: 5 people x 1 hour x 50 per hour = 250.
    let date = day(2026, 9, 7);
    let meeting = staffed_meeting("m1", date);
    assert_eq!(meeting.cost_per_hour(), Cents(25_000));
    assert_eq!(meeting.cost_at(at(date, 11, 0)), Cents(25_000));
    // Live, 45 minutes in: 250 x 0.75 = 187.50.
    assert_eq!(meeting.cost_at(at(date, 10, 45)), Cents(18_750));
    // A rate changed on the roster later does not change the meeting: rates are copied in.
    let mut costly = roster(at(date, 9, 0));
    costly
        .edit(&"p0".into(), at(date, 9, 1), |m| {
            m.hourly_rate = Cents(20_000)
        })
        .unwrap();
    assert_eq!(meeting.cost_per_hour(), Cents(25_000));
    // Mixed rates: (200 + 4 x 50) per hour x 1.5 h = 600.
    let rates = costly.members().iter().map(|m| m.hourly_rate);
    assert_eq!(meeting_cost(rates, Duration::minutes(90)), Cents(60_000));
}

#[test]
fn close_lists_the_problems_and_a_forced_close_records_them() {
    let date = day(2026, 9, 7);
    let mut meeting = staffed_meeting("m1", date);
    let now = at(date, 10, 50);
    let draft = Action::new(
        "a1".into(),
        Some("m1".into()),
        ActionFields {
            topic: Some(Topic::Ads),
            problem: "ACoS up".into(),
            ..Default::default()
        },
        now,
    );
    let actions = vec![draft];
    let err = meeting
        .close(&actions, snapshot(Some(0.35)), now, CloseMode::Normal)
        .unwrap_err();
    let MeetingError::NotReady(problems) = err else {
        panic!("expected NotReady, got {err:?}")
    };
    // Ads has an action (even a draft), so only the three other topics are flagged.
    assert!(problems.contains(&CloseProblem::TopicWithoutOutcome {
        topic: Topic::Sales
    }));
    assert!(!problems.contains(&CloseProblem::TopicWithoutOutcome { topic: Topic::Ads }));
    assert!(problems.contains(&CloseProblem::IncompleteAction {
        action: "a1".into(),
        missing: vec![
            Step::RootCause,
            Step::Countermeasure,
            Step::Owner,
            Step::DueDate
        ],
    }));
    assert!(problems.contains(&CloseProblem::NoRating));
    assert!(!meeting.is_closed());

    meeting.set_rating(6, now).unwrap();
    let record = meeting
        .close(
            &actions,
            snapshot(Some(0.35)),
            at(date, 11, 0),
            CloseMode::Forced,
        )
        .unwrap();
    assert!(record.forced);
    assert_eq!(record.problems.len(), 4); // three topics + the incomplete action
    assert_eq!(record.cost, Cents(25_000));
    assert_eq!(record.duration_seconds, 3_600);
    assert_eq!(record.snapshot.get("ads.acos.SP"), Some(Some(0.35)));
}

#[test]
fn a_meeting_closes_normally_when_every_rule_holds_and_is_then_read_only() {
    let date = day(2026, 9, 7);
    let mut meeting = staffed_meeting("m1", date);
    let now = at(date, 10, 55);
    conclude_all_topics(&mut meeting, now);
    meeting.set_rating(8, now).unwrap();
    let actions = vec![Action::new(
        "a1".into(),
        Some("m1".into()),
        complete_fields(Topic::Ads, "p1", day(2026, 9, 14)),
        now,
    )];
    assert_eq!(meeting.close_problems(&actions), []);
    meeting
        .close(
            &actions,
            snapshot(Some(0.35)),
            at(date, 11, 0),
            CloseMode::Normal,
        )
        .unwrap();

    let closed = MeetingError::Closed("m1".into());
    let frozen = meeting.clone();
    assert_eq!(meeting.set_rating(9, now), Err(closed.clone()));
    assert_eq!(meeting.set_notes("late edit", now), Err(closed.clone()));
    assert_eq!(
        meeting.edit_agenda(now, |a| a.set_conclusion(1, "changed")),
        Err(closed.clone())
    );
    assert_eq!(meeting.start(now), Err(closed.clone()));
    assert!(matches!(
        meeting.close(&actions, snapshot(None), now, CloseMode::Forced),
        Err(MeetingError::Closed(_))
    ));
    assert_eq!(meeting, frozen);
}

#[test]
fn the_review_lists_open_earlier_actions_and_marks_them_done_not_done_or_carried() {
    let week1 = day(2026, 8, 31);
    let week2 = day(2026, 9, 7);
    let t1 = at(week1, 10, 30);
    let mut actions = vec![
        Action::new(
            "a1".into(),
            Some("m1".into()),
            complete_fields(Topic::Ads, "p1", day(2026, 9, 4)),
            t1,
        ),
        Action::new(
            "a2".into(),
            Some("m1".into()),
            complete_fields(Topic::Inventory, "p2", day(2026, 9, 5)),
            t1,
        ),
        Action::new(
            "a3".into(),
            Some("m1".into()),
            complete_fields(Topic::Sales, "p0", day(2026, 9, 6)),
            t1,
        ),
        Action::new(
            "a4".into(),
            Some("m1".into()),
            complete_fields(Topic::Health, "p3", day(2026, 9, 20)),
            t1,
        ),
    ];
    // a4 was finished on the board before the meeting; done items are not listed again.
    actions[3].set_status(
        ActionStatus::Done,
        day(2026, 9, 3),
        at(day(2026, 9, 3), 9, 0),
    );
    let mut meeting = staffed_meeting("m2", week2);
    let listed: Vec<&str> = meeting
        .actions_to_review(&actions)
        .iter()
        .map(|a| a.id().as_str())
        .collect();
    assert_eq!(listed, ["a1", "a2", "a3"]);

    let now = at(week2, 10, 5);
    meeting
        .review_action(&mut actions[0], ReviewOutcome::Done, now)
        .unwrap();
    meeting
        .review_action(
            &mut actions[1],
            ReviewOutcome::NotDone {
                reason: "supplier late".into(),
            },
            now,
        )
        .unwrap();
    let summary = meeting.review_summary(&actions);
    assert_eq!(summary.unreviewed, [ActionId::from("a3")]);
    meeting
        .review_action(
            &mut actions[2],
            ReviewOutcome::Carried {
                new_due: Some(day(2026, 9, 13)),
            },
            now,
        )
        .unwrap();

    assert_eq!(actions[0].status(), ActionStatus::Done);
    assert_eq!(actions[0].done_on(), Some(week2)); // done at the meeting, after its due date
    assert_eq!(actions[1].status(), ActionStatus::Open);
    assert_eq!(actions[2].carried_count(), 1);
    assert_eq!(actions[2].due(), Some(day(2026, 9, 13)));
    // Reviewed actions stay listed (a1 is done now) so the item shows what was said.
    assert_eq!(meeting.actions_to_review(&actions).len(), 3);

    let summary = meeting.review_summary(&actions);
    assert_eq!(
        (
            summary.listed,
            summary.done,
            summary.not_done,
            summary.carried
        ),
        (3, 1, 1, 1)
    );
    assert!(summary.unreviewed.is_empty());
    // Due by 2026-09-07: a1 (done late), a2 (open). a3 moved to the 13th; a4 is due on the 20th.
    assert_eq!((summary.stats.due, summary.stats.done_on_time), (2, 0));
    assert_eq!(summary.stats.completion_rate, Some(0.0));
    // An action raised in this meeting cannot be reviewed in it.
    let mut own = Action::new(
        "a5".into(),
        Some("m2".into()),
        complete_fields(Topic::Ads, "p1", week2),
        now,
    );
    assert_eq!(
        meeting.review_action(&mut own, ReviewOutcome::Done, now),
        Err(MeetingError::NotReviewable("a5".into()))
    );
}

#[test]
fn an_unreviewed_earlier_action_blocks_a_normal_close() {
    let t1 = at(day(2026, 8, 31), 10, 30);
    let actions = vec![Action::new(
        "a1".into(),
        Some("m1".into()),
        complete_fields(Topic::Ads, "p1", day(2026, 9, 4)),
        t1,
    )];
    let date = day(2026, 9, 7);
    let mut meeting = staffed_meeting("m2", date);
    conclude_all_topics(&mut meeting, at(date, 10, 50));
    meeting.set_rating(7, at(date, 10, 50)).unwrap();
    assert_eq!(
        meeting.close_problems(&actions),
        [CloseProblem::UnreviewedAction {
            action: "a1".into()
        }]
    );
}

#[test]
fn completion_rate_counts_actions_done_by_their_due_date() {
    let created = at(day(2026, 9, 1), 10, 0);
    let today = day(2026, 9, 10);
    let mut actions: Vec<Action> = (1..=5)
        .map(|i| {
            Action::new(
                ActionId::new(format!("a{i}")),
                None,
                complete_fields(Topic::Sales, "p0", day(2026, 9, 5)),
                created,
            )
        })
        .collect();
    actions[0].set_status(ActionStatus::Done, day(2026, 9, 4), created); // on time
    actions[1].set_status(ActionStatus::Done, day(2026, 9, 5), created); // on the due day: on time
    actions[2].set_status(ActionStatus::Done, day(2026, 9, 8), created); // late
    actions[3].set_status(ActionStatus::Dropped, day(2026, 9, 6), created); // leaves the rate
    // actions[4] is still open and overdue.
    let not_yet_due = Action::new(
        "a6".into(),
        None,
        complete_fields(Topic::Sales, "p0", day(2026, 9, 30)),
        created,
    );
    actions.push(not_yet_due);

    let stats = ActionStats::compute(&actions, today);
    // Due: a1, a2, a3, a5 (a4 dropped, a6 due later) = 4; on time: a1, a2 = 2; rate 2 / 4.
    assert_eq!((stats.due, stats.done_on_time), (4, 2));
    assert_eq!(stats.completion_rate, Some(0.5));
    assert_eq!(stats.overdue, 1);
    assert_eq!((stats.open, stats.done, stats.dropped), (2, 3, 1));
    assert_eq!(stats.metric_values()["actions.completion_rate"], Some(0.5));
    // Nothing due yet: no rate, rather than 0 % or 100 %.
    assert_eq!(
        ActionStats::compute(&actions[5..], today).completion_rate,
        None
    );
}

#[test]
fn overdue_and_carried_are_counted_and_filterable_on_the_board() {
    let t1 = at(day(2026, 8, 31), 10, 0);
    let mut actions = vec![
        Action::new(
            "a1".into(),
            Some("m1".into()),
            complete_fields(Topic::Ads, "p1", day(2026, 9, 4)),
            t1,
        ),
        Action::new(
            "a2".into(),
            Some("m1".into()),
            complete_fields(Topic::Inventory, "p2", day(2026, 9, 20)),
            t1,
        ),
        Action::new(
            "a3".into(),
            Some("m1".into()),
            complete_fields(Topic::Sales, "p1", day(2026, 9, 1)),
            t1,
        ),
    ];
    actions[2].set_status(ActionStatus::Done, day(2026, 9, 1), t1);
    let today = day(2026, 9, 7);
    assert!(actions[0].is_overdue(today));
    assert!(!actions[0].is_overdue(day(2026, 9, 4))); // due today is not overdue yet
    assert!(!actions[2].is_overdue(today)); // done is never overdue

    // Carried twice across two meetings.
    for (id, date) in [("m2", today), ("m3", day(2026, 9, 14))] {
        let mut meeting = staffed_meeting(id, date);
        meeting
            .review_action(
                &mut actions[1],
                ReviewOutcome::Carried { new_due: None },
                at(date, 10, 5),
            )
            .unwrap();
    }
    assert_eq!(actions[1].carried_count(), 2);
    let stats = ActionStats::compute(&actions, today);
    assert_eq!((stats.overdue, stats.carried), (1, 1));

    let overdue = BoardFilter {
        overdue_only: true,
        ..Default::default()
    };
    assert_eq!(
        board(&actions, &overdue, BoardSort::DueDate, today).len(),
        1
    );
    let mine = BoardFilter {
        owner: Some("p1".into()),
        ..Default::default()
    };
    let ids: Vec<&str> = board(&actions, &mine, BoardSort::Status, today)
        .iter()
        .map(|a| a.id().as_str())
        .collect();
    assert_eq!(ids, ["a1", "a3"]);
    let done = BoardFilter {
        status: Some(ActionStatus::Done),
        topic: Some(Some(Topic::Sales)),
        ..Default::default()
    };
    assert_eq!(board(&actions, &done, BoardSort::Topic, today).len(), 1);
}

#[test]
fn follow_through_shows_the_metric_in_each_later_closed_meeting() {
    let mut meetings = Vec::new();
    let mut actions = Vec::new();
    for (i, (date, acos)) in [
        (day(2026, 8, 31), Some(0.35)),
        (day(2026, 9, 7), Some(0.31)),
        (day(2026, 9, 14), None),
        (day(2026, 9, 21), Some(0.24)),
    ]
    .into_iter()
    .enumerate()
    {
        let id = format!("m{i}");
        let mut meeting = staffed_meeting(&id, date);
        let now = at(date, 10, 30);
        conclude_all_topics(&mut meeting, now);
        if i == 0 {
            actions.push(Action::new(
                "a1".into(),
                Some(id.as_str().into()),
                complete_fields(Topic::Ads, "p1", day(2026, 9, 14)),
                now,
            ));
        } else {
            meeting
                .review_action(
                    &mut actions[0],
                    ReviewOutcome::Carried { new_due: None },
                    now,
                )
                .unwrap();
        }
        meeting.set_rating(5 + i as u8, now).unwrap();
        meeting
            .close(&actions, snapshot(acos), at(date, 11, 0), CloseMode::Normal)
            .unwrap();
        meetings.push(meeting);
    }
    // An open meeting has no snapshot and does not count.
    meetings.push(staffed_meeting("open", day(2026, 9, 28)));

    let follow = follow_through(&actions[0], &meetings).unwrap();
    assert_eq!(follow.metric_id, "ads.acos.SP");
    assert_eq!(follow.baseline, Some(0.35));
    assert_eq!(
        follow.readings,
        [
            (day(2026, 9, 7), Some(0.31)),
            (day(2026, 9, 14), None),
            (day(2026, 9, 21), Some(0.24))
        ]
    );
    assert!((follow.change().unwrap() + 0.11).abs() < 1e-12);

    let trends = metric_trends(&meetings);
    assert_eq!(trends["ads.acos.SP"].len(), 4);
    assert_eq!(
        trends["sales.conversion"][3],
        (day(2026, 9, 21), Some(0.126))
    );
    assert_eq!(
        metric_series(&meetings, "ads.acos.SP")[2],
        (day(2026, 9, 14), None)
    );
    assert_eq!(
        rating_series(&meetings)
            .iter()
            .map(|(_, r)| *r)
            .collect::<Vec<_>>(),
        [Some(5), Some(6), Some(7), Some(8)]
    );
    assert_eq!(cost_series(&meetings)[0].1, Cents(25_000));
    // At m0 nothing was due; by m3 (the 21st) a1 was due on the 14th and is still open: 0 of 1.
    let rates = completion_rate_series(&meetings);
    assert_eq!((rates[0].1, rates[3].1), (None, Some(0.0)));
    assert_eq!(closed_meetings(&meetings).len(), 4);
    // An action without a metric has no follow-through.
    let plain = Action::new(
        "a2".into(),
        None,
        ActionFields::default(),
        at(day(2026, 9, 1), 9, 0),
    );
    assert_eq!(follow_through(&plain, &meetings), None);
}

#[test]
fn the_emergency_meeting_follows_its_four_step_template() {
    let detected = at(day(2026, 9, 9), 8, 0);
    let plan = EmergencyPlan::new(
        "BSR fell from 1,200 to 9,800 overnight",
        Some("B0TEST0001".into()),
        detected,
    );
    let now = at(day(2026, 9, 9), 14, 0);
    let mut meeting = Meeting::emergency("e1".into(), plan, now);
    assert_eq!(meeting.agenda().total_minutes(), 30);
    assert!(
        meeting
            .agenda()
            .items()
            .iter()
            .all(|i| matches!(i.kind, AgendaItemKind::EmergencyStep(_)))
    );
    let plan = meeting.emergency_plan().unwrap();
    assert!(plan.held_in_time(now));
    assert_eq!(plan.deadline(), at(day(2026, 9, 10), 8, 0));
    // An emergency meeting does not review earlier actions and has no topic items to conclude.
    assert!(meeting.actions_to_review(&[]).is_empty());

    for member in roster(now).members().iter().take(3) {
        meeting.add_attendee(member, now).unwrap();
    }
    meeting.set_chair(Some("p0".into()), now).unwrap();
    meeting.set_recorder(Some("p1".into()), now).unwrap();
    meeting.start(now).unwrap();
    meeting.set_rating(7, now).unwrap();
    meeting
        .edit_emergency(now, |plan| {
            plan.checks.hijacker = Some(false);
            plan.checks.suppressed_or_blocked = Some(true);
            plan.checks.reviews_removed = Some(false);
            plan.set_notes(
                EmergencyStepKind::ConfirmReal,
                "listing suppressed: missing safety info",
            );
            plan.set_done(EmergencyStepKind::ConfirmReal, true, now);
            plan.set_done(EmergencyStepKind::ReviewOpLog, true, now);
        })
        .unwrap();
    let problems = meeting.close_problems(&[]);
    assert_eq!(
        problems,
        [
            CloseProblem::EmergencyStepOpen {
                step: EmergencyStepKind::RuleOutOwnMistake
            },
            CloseProblem::EmergencyStepOpen {
                step: EmergencyStepKind::AppealOrFix
            },
        ]
    );
    meeting
        .edit_emergency(now, |plan| {
            plan.set_done(EmergencyStepKind::RuleOutOwnMistake, true, now);
            plan.set_done(EmergencyStepKind::AppealOrFix, true, now);
        })
        .unwrap();
    let record = meeting
        .close(
            &[],
            MetricSnapshot::default(),
            at(day(2026, 9, 9), 14, 30),
            CloseMode::Normal,
        )
        .unwrap();
    // 3 people x 50 per hour x 0.5 h = 75.
    assert_eq!(record.cost, Cents(7_500));
    let mut weekly = staffed_meeting("w", day(2026, 9, 7));
    assert_eq!(
        weekly.edit_emergency(now, |_| ()),
        Err(MeetingError::NotEmergency)
    );
}

#[test]
fn the_oplog_filter_keeps_the_14_days_before_a_date() {
    let logged = at(day(2026, 9, 10), 18, 0);
    let entry = |id: &str, date: NaiveDate, kind, asin: Option<&str>| {
        OpLogEntry::new(
            id.into(),
            at(date, 11, 0),
            kind,
            "p1",
            asin.map(String::from),
            "changed",
            logged,
        )
    };
    let entries = vec![
        entry(
            "too-old",
            day(2026, 8, 26),
            ChangeKind::Price,
            Some("B0TEST0001"),
        ),
        entry(
            "first-day",
            day(2026, 8, 27),
            ChangeKind::Bid,
            Some("B0TEST0001"),
        ),
        entry("account-wide", day(2026, 9, 2), ChangeKind::Budget, None),
        entry(
            "other-asin",
            day(2026, 9, 5),
            ChangeKind::Listing,
            Some("B0OTHER001"),
        ),
        entry(
            "same-day",
            day(2026, 9, 10),
            ChangeKind::Inventory,
            Some("b0test0001"),
        ),
        entry(
            "after",
            day(2026, 9, 11),
            ChangeKind::Other,
            Some("B0TEST0001"),
        ),
    ];
    let ids = |found: Vec<&OpLogEntry>| {
        found
            .iter()
            .map(|e| e.id.as_str().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(last_14_days(&entries, day(2026, 9, 10), None)),
        ["same-day", "other-asin", "account-wide", "first-day"]
    );
    assert_eq!(
        ids(last_14_days(&entries, day(2026, 9, 10), Some("B0TEST0001"))),
        ["same-day", "account-wide", "first-day"]
    );
    // The emergency plan's window is the same 14 days.
    let plan = EmergencyPlan::new("drop", None, at(day(2026, 9, 10), 8, 0));
    assert_eq!(
        entries_between(&entries, plan.oplog_window(), None).len(),
        4
    );
}

#[test]
fn the_agenda_timer_shows_overrun_from_now() {
    let date = day(2026, 9, 7);
    let mut meeting = staffed_meeting("m1", date);
    meeting
        .edit_agenda(at(date, 10, 0), |a| a.start(0, at(date, 10, 0)))
        .unwrap();
    let review = &meeting.agenda().items()[0];
    assert_eq!(review.timebox_minutes, 10);
    assert!(!review.is_overrun(at(date, 10, 10)));
    assert_eq!(review.overrun(at(date, 10, 13)), Duration::minutes(3));
    meeting
        .edit_agenda(at(date, 10, 13), |a| a.start(1, at(date, 10, 13)))
        .unwrap();
    assert_eq!(
        meeting.agenda().items()[0].elapsed(at(date, 12, 0)),
        Duration::minutes(13)
    );
    assert_eq!(meeting.agenda().running(), Some(1));
}
