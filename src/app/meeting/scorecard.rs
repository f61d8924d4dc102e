//! The slot for a topic's scorecard inside its agenda item.

use leptos::prelude::*;
use opsbrief_domain::report::Topic;

/// The scorecard of `topic` computed from the loaded reports, shown in the topic's agenda item.
///
/// It renders nothing yet: the metrics work fills it in (and the values it shows are what
/// [`crate::app::workspace::current_snapshot`] should freeze when the meeting closes).
#[component]
pub fn TopicScorecard(topic: Topic) -> impl IntoView {
    let _ = topic;
}
