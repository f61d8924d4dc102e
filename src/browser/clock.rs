//! The local date and time, and fresh record ids.
//!
//! The domain never reads a clock (it takes `now` as an argument), so this is the one place that
//! does. The meeting is held in the team's local time, so the browser's local calendar day is what
//! "today" means for due dates and overdue actions.

use chrono::{NaiveDate, NaiveDateTime};
use std::cell::Cell;

/// The local date and time now, to the second.
pub fn now() -> NaiveDateTime {
    let d = js_sys::Date::new_0();
    // js_sys gives the month from 0; seconds are enough for every rule in the domain.
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .and_then(|day| day.and_hms_opt(d.get_hours(), d.get_minutes(), d.get_seconds()))
        .unwrap_or_default()
}

/// Today's local date.
pub fn today() -> NaiveDate {
    now().date()
}

thread_local! {
    static COUNTER: Cell<u32> = const { Cell::new(0) };
}

/// A new id such as `a-20260907T100000-7-3f9c2a`: the time keeps ids roughly in creation order,
/// the counter keeps ids made within the same second apart in this tab, and the random part keeps
/// ids made by two tabs apart (the domain merges records by id).
pub fn new_id(prefix: &str) -> String {
    let count = COUNTER.with(|c| {
        let n = c.get().wrapping_add(1);
        c.set(n);
        n
    });
    let random = (js_sys::Math::random() * f64::from(0xff_ffff_u32)) as u32;
    format!(
        "{prefix}-{}-{count}-{random:06x}",
        now().format("%Y%m%dT%H%M%S")
    )
}
