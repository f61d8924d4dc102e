//! Identifiers of the stored records.
//!
//! Ids are strings made by the caller rather than counters made here: two browser tabs create
//! records independently, and two counters would both hand out `5`. The UI makes them from the
//! clock and a random suffix (e.g. `a-20260907T100000-3f9c`); this crate only requires that they are
//! unique, and merges records by them.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// Wraps the caller's id.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_string())
            }
        }
    };
}

id_type!(
    /// A member of the team roster.
    PersonId
);
id_type!(
    /// A meeting, weekly or emergency.
    MeetingId
);
id_type!(
    /// An action raised in a meeting (or directly on the board).
    ActionId
);
id_type!(
    /// An entry of the operation log.
    OpLogId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_serialise_as_plain_strings() {
        let id = ActionId::new("a-1");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"a-1\"");
        assert_eq!(id.to_string(), "a-1");
        assert_eq!(ActionId::from("a-1"), id);
    }
}
