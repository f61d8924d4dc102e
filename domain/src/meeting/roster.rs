//! The team roster (who attends, in which role, at what hourly rate) and the meeting cost.
//!
//! The article prices a meeting by its people: "5 people, 50 per hour each, about 250 per meeting".
//! Rates are kept as [`Cents`] so the cost is exact; the currency is the team's own and is not
//! converted (the UI shows it with the currency chosen in Settings).

use std::fmt;

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::ids::PersonId;
use crate::dataset::Cents;

/// A regional marketplace group that sends a representative to the meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    /// The United States site.
    Us,
    /// The European sites.
    Eu,
    /// The Japanese site.
    Jp,
}

/// The part a person plays in the meeting, as the article lists the attendees.
///
/// Stored as a stable id (`operations_lead`, `marketplace_rep.eu`, ...) so that the JSON stays
/// readable and a role added later does not change the shape of the others.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum Role {
    /// The operations lead, who usually chairs.
    OperationsLead,
    /// The advertising specialist.
    Advertising,
    /// The supply chain lead.
    SupplyChain,
    /// The customer service lead.
    CustomerService,
    /// A marketplace representative for a multi-site seller.
    MarketplaceRep(Region),
}

impl Role {
    /// Every role, in the order the roster lists them.
    pub const ALL: [Role; 7] = [
        Role::OperationsLead,
        Role::Advertising,
        Role::SupplyChain,
        Role::CustomerService,
        Role::MarketplaceRep(Region::Us),
        Role::MarketplaceRep(Region::Eu),
        Role::MarketplaceRep(Region::Jp),
    ];

    /// The stable id, e.g. `"supply_chain"` or `"marketplace_rep.jp"`.
    pub fn id(self) -> &'static str {
        match self {
            Role::OperationsLead => "operations_lead",
            Role::Advertising => "advertising",
            Role::SupplyChain => "supply_chain",
            Role::CustomerService => "customer_service",
            Role::MarketplaceRep(Region::Us) => "marketplace_rep.us",
            Role::MarketplaceRep(Region::Eu) => "marketplace_rep.eu",
            Role::MarketplaceRep(Region::Jp) => "marketplace_rep.jp",
        }
    }

    /// The role with this id.
    pub fn from_id(id: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.id() == id)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl From<Role> for &'static str {
    fn from(role: Role) -> &'static str {
        role.id()
    }
}

impl TryFrom<String> for Role {
    type Error = String;
    fn try_from(id: String) -> Result<Role, String> {
        Role::from_id(&id).ok_or_else(|| format!("unknown role `{id}`"))
    }
}

/// One person on the team.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub id: PersonId,
    /// The name as the team writes it; plain text, rendered as text.
    pub name: String,
    pub role: Role,
    /// What an hour of this person's time costs the business.
    pub hourly_rate: Cents,
    /// Whether the person is still on the team. People are deactivated, never deleted, so that past
    /// meetings and actions keep naming them and a merge between tabs cannot resurrect a deletion.
    pub active: bool,
    /// When the member was last edited; set by [`Roster`]'s methods.
    pub updated_at: NaiveDateTime,
    /// How many times the member was edited; set by [`Roster`]'s methods.
    pub revision: u64,
}

impl Member {
    /// The hourly rate the article uses: 50 per person per hour.
    pub const DEFAULT_HOURLY_RATE: Cents = Cents(5_000);

    /// A new, active member at the default hourly rate.
    pub fn new(id: PersonId, name: impl Into<String>, role: Role, now: NaiveDateTime) -> Member {
        Member {
            id,
            name: name.into(),
            role,
            hourly_rate: Member::DEFAULT_HOURLY_RATE,
            active: true,
            updated_at: now,
            revision: 0,
        }
    }
}

/// Why a roster change was refused.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum RosterError {
    #[error("a member with id `{0}` is already on the roster")]
    DuplicateId(PersonId),
    #[error("no member with id `{0}` is on the roster")]
    UnknownMember(PersonId),
    #[error("an hourly rate cannot be negative")]
    NegativeRate,
}

/// The team: everyone who may attend, in the order they were added.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Roster {
    members: Vec<Member>,
}

impl Roster {
    /// A roster of these members, as loaded from storage or a backup.
    pub fn from_members(members: Vec<Member>) -> Roster {
        Roster { members }
    }

    /// Every member, active or not.
    pub fn members(&self) -> &[Member] {
        &self.members
    }

    /// The members still on the team.
    pub fn active(&self) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(|m| m.active)
    }

    /// The member with this id.
    pub fn get(&self, id: &PersonId) -> Option<&Member> {
        self.members.iter().find(|m| &m.id == id)
    }

    /// Adds a member; ids must be unique.
    pub fn add(&mut self, member: Member) -> Result<(), RosterError> {
        if self.get(&member.id).is_some() {
            return Err(RosterError::DuplicateId(member.id));
        }
        if member.hourly_rate.0 < 0 {
            return Err(RosterError::NegativeRate);
        }
        self.members.push(member);
        Ok(())
    }

    /// Edits a member through `edit` and records the edit (time and revision), so that the change
    /// wins over an older copy of the member in another tab.
    pub fn edit(
        &mut self,
        id: &PersonId,
        now: NaiveDateTime,
        edit: impl FnOnce(&mut Member),
    ) -> Result<(), RosterError> {
        let member = self
            .members
            .iter_mut()
            .find(|m| &m.id == id)
            .ok_or_else(|| RosterError::UnknownMember(id.clone()))?;
        let mut edited = member.clone();
        edit(&mut edited);
        if edited.hourly_rate.0 < 0 {
            return Err(RosterError::NegativeRate);
        }
        // The id is what merges match on; an edit must not move the record to another id.
        edited.id = member.id.clone();
        edited.updated_at = now;
        edited.revision = member.revision + 1;
        *member = edited;
        Ok(())
    }

    /// Gives mutable access to the list, for the merge code in [`crate::store`].
    pub(crate) fn members_mut(&mut self) -> &mut Vec<Member> {
        &mut self.members
    }
}

/// The cost of a meeting: the sum of the attendees' hourly rates times the duration.
///
/// The product is taken in whole seconds and rounded once, to the nearest cent, so a live display
/// that ticks every second never drifts from the recorded figure. A negative duration (a clock set
/// back) costs nothing rather than a negative amount.
pub fn meeting_cost(hourly_rates: impl IntoIterator<Item = Cents>, duration: Duration) -> Cents {
    let per_hour: i128 = hourly_rates.into_iter().map(|c| i128::from(c.0)).sum();
    let seconds = i128::from(duration.num_seconds().max(0));
    // Round half away from zero: (a * s + 1800) / 3600 for non-negative amounts.
    let product = per_hour * seconds;
    let rounded = if product >= 0 {
        (product + 1_800) / 3_600
    } else {
        (product - 1_800) / 3_600
    };
    Cents(i64::try_from(rounded).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 9, 7)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
    }

    #[test]
    fn roles_round_trip_through_their_ids() {
        for role in Role::ALL {
            assert_eq!(Role::from_id(role.id()), Some(role));
        }
        let json = serde_json::to_string(&Role::MarketplaceRep(Region::Eu)).unwrap();
        assert_eq!(json, "\"marketplace_rep.eu\"");
        assert!(serde_json::from_str::<Role>("\"janitor\"").is_err());
    }

    #[test]
    fn five_people_for_one_hour_at_fifty_cost_two_hundred_fifty() {
        // The article's example: 5 people x 1 h x 50 per hour = 250.
        let rates = [Member::DEFAULT_HOURLY_RATE; 5];
        assert_eq!(meeting_cost(rates, Duration::hours(1)), Cents(25_000));
        // Half an hour costs half; a second costs 5 x 5000 / 3600 = 6.94 cents, rounded to 7.
        assert_eq!(meeting_cost(rates, Duration::minutes(30)), Cents(12_500));
        assert_eq!(meeting_cost(rates, Duration::seconds(1)), Cents(7));
        assert_eq!(meeting_cost(rates, Duration::seconds(-5)), Cents(0));
    }

    #[test]
    fn edits_bump_the_revision_and_keep_the_id() {
        let mut roster = Roster::default();
        roster
            .add(Member::new("p1".into(), "Li", Role::OperationsLead, now()))
            .unwrap();
        assert_eq!(
            roster.add(Member::new("p1".into(), "Wang", Role::Advertising, now())),
            Err(RosterError::DuplicateId("p1".into()))
        );
        let later = now() + Duration::minutes(1);
        roster
            .edit(&"p1".into(), later, |m| {
                m.hourly_rate = Cents(8_000);
                m.id = "other".into();
            })
            .unwrap();
        let m = roster.get(&"p1".into()).unwrap();
        assert_eq!(
            (m.hourly_rate, m.revision, m.updated_at),
            (Cents(8_000), 1, later)
        );
        assert_eq!(
            roster.edit(&"p1".into(), later, |m| m.hourly_rate = Cents(-1)),
            Err(RosterError::NegativeRate)
        );
    }
}
