//! Column mappings: how the page reads a CSV or workbook it does not recognise (another ERP's
//! export, a hand-made sheet) once the user has said which column holds what.
//!
//! The flow: a file whose header matches no known report fails with
//! [`ImportErrorKind::UnknownReport`](crate::report::ImportErrorKind::UnknownReport); the page then
//! shows its first rows ([`preview`]), proposes a field for each column from its header
//! ([`propose`]), and lets the user correct it. The confirmed [`ColumnMapping`] is saved in the
//! workspace ([`SavedMappings`], exported with the backup) and handed to the reader
//! ([`Ingest::with_mappings`](crate::report::Ingest::with_mappings)), which reads the file as
//! [`ReportKind::CustomMapped`](crate::report::ReportKind::CustomMapped) into the same
//! [`ProductPerformance`](crate::dataset::ProductPerformance) the other tools' exports give. The
//! next file with the same header is read with the saved mapping without asking.

mod propose;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::dataset::{Currency, Marketplace, Measure};
use crate::text::header::normalize_header;

pub use crate::report::{Preview, preview};
pub use propose::propose;

/// What a column can be mapped to: the row's keys, or one of the canonical measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum MappedField {
    /// The day a row describes (rows then also give the daily series).
    Date,
    Asin,
    Sku,
    Title,
    /// A column naming the marketplace (`US`, `Amazon.de`, `德国`).
    Marketplace,
    /// A column holding the currency code of the row's money.
    Currency,
    Measure(Measure),
}

impl MappedField {
    /// Every field, in the order the mapping dialog offers them.
    pub fn all() -> Vec<MappedField> {
        let mut all = vec![
            MappedField::Date,
            MappedField::Asin,
            MappedField::Sku,
            MappedField::Title,
            MappedField::Marketplace,
            MappedField::Currency,
        ];
        all.extend(Measure::ALL.into_iter().map(MappedField::Measure));
        all
    }

    /// The stable id stored in mappings (`date`, `asin`, ..., or the measure's id: `sales`).
    pub fn id(self) -> &'static str {
        match self {
            MappedField::Date => "date",
            MappedField::Asin => "asin",
            MappedField::Sku => "sku",
            MappedField::Title => "title",
            MappedField::Marketplace => "marketplace",
            MappedField::Currency => "currency",
            MappedField::Measure(m) => m.id(),
        }
    }

    /// The field with this id.
    pub fn from_id(id: &str) -> Option<MappedField> {
        MappedField::all().into_iter().find(|f| f.id() == id)
    }
}

impl From<MappedField> for String {
    fn from(field: MappedField) -> String {
        field.id().to_string()
    }
}

impl TryFrom<String> for MappedField {
    type Error = String;
    fn try_from(id: String) -> Result<MappedField, String> {
        MappedField::from_id(&id).ok_or_else(|| format!("unknown field `{id}`"))
    }
}

/// Why a mapping cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MappingError {
    #[error("map at least one figure (sales, units, ad spend, stock ...): a file with none gives nothing to show")]
    NoMeasure,
    #[error("`{field}` is mapped to more than one column ({first} and {second}); keep one")]
    Twice { field: &'static str, first: String, second: String },
    #[error("the mapping has {fields} entries for a header of {columns} columns")]
    WrongWidth { fields: usize, columns: usize },
}

/// A confirmed mapping for files with one header.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ColumnMapping {
    /// The header cells as written, for the dialog and the list of saved mappings.
    pub header: Vec<String>,
    /// The field each column feeds, column by column; `None` leaves the column out.
    pub fields: Vec<Option<MappedField>>,
    /// The marketplace of files without a marketplace column.
    #[serde(default)]
    pub marketplace: Option<Marketplace>,
    /// The currency of the money columns, when the file does not say it.
    #[serde(default)]
    pub currency: Option<Currency>,
    /// Costs (ad spend) are written as negative numbers, as bookkeeping exports do.
    #[serde(default)]
    pub costs_negative: bool,
}

impl ColumnMapping {
    /// A mapping of `header` with the proposed fields, to be corrected by the user.
    pub fn proposed(header: &[String]) -> ColumnMapping {
        ColumnMapping {
            header: header.to_vec(),
            fields: propose(header),
            marketplace: None,
            currency: None,
            costs_negative: false,
        }
    }

    /// The header as the reader compares it: every cell normalised (trimmed, case folded), so a
    /// re-download with other spacing or capitals still matches.
    pub fn signature(cells: &[String]) -> Vec<String> {
        cells.iter().map(|c| normalize_header(c)).collect()
    }

    /// Whether a file whose normalised header is `names` is read with this mapping. Trailing
    /// empty header cells (spreadsheets pad rows) do not count.
    pub fn matches(&self, names: &[String]) -> bool {
        let trim = |v: &[String]| {
            let end = v.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
            v[..end].to_vec()
        };
        trim(&ColumnMapping::signature(&self.header)) == trim(names)
    }

    /// Checks that the mapping can be used: as wide as its header, every field at most once
    /// (a measure twice would add two columns that are likely the same figure), at least one
    /// measure.
    pub fn validate(&self) -> Result<(), MappingError> {
        if self.fields.len() > self.header.len() {
            return Err(MappingError::WrongWidth { fields: self.fields.len(), columns: self.header.len() });
        }
        let mut seen: Vec<(MappedField, usize)> = Vec::new();
        for (column, field) in self.fields.iter().enumerate() {
            let Some(field) = field else { continue };
            if let Some((_, first)) = seen.iter().find(|(f, _)| f == field) {
                return Err(MappingError::Twice {
                    field: field.id(),
                    first: self.header[*first].clone(),
                    second: self.header[column].clone(),
                });
            }
            seen.push((*field, column));
        }
        if !seen.iter().any(|(f, _)| matches!(f, MappedField::Measure(_))) {
            return Err(MappingError::NoMeasure);
        }
        Ok(())
    }

    /// The column mapped to `field`, if any.
    pub fn column_of(&self, field: MappedField) -> Option<usize> {
        self.fields.iter().position(|f| *f == Some(field))
    }
}

/// The mappings the user confirmed, as the workspace stores them (`opsbrief.v1.mappings`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SavedMappings {
    /// The format's version, so a later change can migrate.
    pub version: u32,
    pub mappings: Vec<ColumnMapping>,
}

impl SavedMappings {
    pub const VERSION: u32 = 1;

    /// Reads the stored value. `null` (nothing saved yet) gives none; a value that cannot be read
    /// gives none and the reason, and the caller keeps the stored value untouched.
    pub fn from_value(value: &Value) -> (SavedMappings, Option<String>) {
        if value.is_null() {
            return (SavedMappings { version: SavedMappings::VERSION, mappings: Vec::new() }, None);
        }
        match serde_json::from_value::<SavedMappings>(value.clone()) {
            Ok(saved) if saved.version <= SavedMappings::VERSION => (saved, None),
            Ok(saved) => (SavedMappings::default(), Some(format!("the saved column mappings are of a newer version ({})", saved.version))),
            Err(e) => (SavedMappings::default(), Some(format!("the saved column mappings could not be read: {e}"))),
        }
    }

    /// The value to store.
    pub fn to_value(&self) -> Value {
        let saved = SavedMappings { version: SavedMappings::VERSION, mappings: self.mappings.clone() };
        serde_json::to_value(saved).unwrap_or(Value::Null)
    }

    /// Saves `mapping`, replacing the one for the same header: the newest confirmation wins.
    pub fn upsert(&mut self, mapping: ColumnMapping) {
        let signature = ColumnMapping::signature(&mapping.header);
        self.mappings.retain(|m| !m.matches(&signature));
        self.mappings.push(mapping);
    }

    /// Forgets the mapping at `index`.
    pub fn remove(&mut self, index: usize) {
        if index < self.mappings.len() {
            self.mappings.remove(index);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn fields_serialise_as_their_ids_and_back() {
        for field in MappedField::all() {
            let json = serde_json::to_string(&field).unwrap();
            assert_eq!(json, format!("\"{}\"", field.id()));
            assert_eq!(serde_json::from_str::<MappedField>(&json).unwrap(), field);
        }
        assert!(serde_json::from_str::<MappedField>("\"nope\"").is_err());
    }

    #[test]
    fn a_mapping_matches_the_same_header_despite_spacing_case_and_padding() {
        let mapping = ColumnMapping::proposed(&header(&["Date", "SKU", "Revenue"]));
        assert!(mapping.matches(&ColumnMapping::signature(&header(&[" date ", "sku", "REVENUE", ""]))));
        assert!(!mapping.matches(&ColumnMapping::signature(&header(&["Date", "SKU", "Revenue", "Units"]))));
    }

    #[test]
    fn validation_names_what_to_fix() {
        let mut mapping = ColumnMapping::proposed(&header(&["Day", "Item", "Notes"]));
        mapping.fields = vec![Some(MappedField::Date), Some(MappedField::Sku), None];
        assert_eq!(mapping.validate(), Err(MappingError::NoMeasure));
        mapping.fields = vec![Some(MappedField::Measure(Measure::Sales)), None, Some(MappedField::Measure(Measure::Sales))];
        let error = mapping.validate().unwrap_err();
        assert!(error.to_string().contains("Day and Notes"), "{error}");
        mapping.fields = vec![Some(MappedField::Date), Some(MappedField::Sku), Some(MappedField::Measure(Measure::Units))];
        assert_eq!(mapping.validate(), Ok(()));
    }

    #[test]
    fn saved_mappings_round_trip_replace_by_header_and_survive_bad_values() {
        let mut saved = SavedMappings::default();
        let mut first = ColumnMapping::proposed(&header(&["Date", "SKU", "Revenue"]));
        saved.upsert(first.clone());
        first.currency = Currency::from_code("EUR");
        saved.upsert(first.clone());
        assert_eq!(saved.mappings.len(), 1, "the same header replaces");
        let (back, problem) = SavedMappings::from_value(&saved.to_value());
        assert_eq!((back.mappings, problem), (vec![first], None));
        let (none, problem) = SavedMappings::from_value(&serde_json::json!({"mappings": 3}));
        assert!(none.mappings.is_empty() && problem.is_some());
        assert_eq!(SavedMappings::from_value(&Value::Null).1, None);
    }
}
