//! Why a file could not be read, in words the seller can act on.

use serde::{Deserialize, Serialize};

use super::{ReportKind, ReportSource};

/// A file that could not be read as a report.
///
/// Like `csv::Error`, it carries what went wrong ([`ImportErrorKind`]), the file and, when it is
/// known, the 1-based line. Its `Display` names all three and says what to do. It serialises so a
/// Web Worker can send it to the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportError {
    pub kind: ImportErrorKind,
    pub file_name: String,
    /// The 1-based physical line the problem was found on, when it concerns one line.
    pub line: Option<u64>,
}

/// What went wrong while reading a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportErrorKind {
    /// The file holds no bytes, or only blank lines.
    Empty,
    /// The file is not a report at all: a PDF, an image, an archive, an old `.xls`.
    Binary { what: String },
    /// The file stops in the middle (a JSON document or a spreadsheet cut short).
    Truncated { detail: String },
    /// The file is a report format this page knows but its content is broken.
    Malformed { detail: String },
    /// No header row of a known report was found in the first rows; `header` is the row that
    /// looked most like one.
    UnknownReport { header: Vec<String> },
    /// The text could not be decoded.
    Encoding { detail: String },
    /// The `.xlsx` workbook could not be read.
    Xlsx { detail: String },
}

impl ImportError {
    /// A new error about a file, with no line.
    pub fn new(kind: ImportErrorKind, file_name: &str) -> ImportError {
        ImportError { kind, file_name: file_name.to_string(), line: None }
    }

    /// The same error, about one line.
    pub fn at_line(mut self, line: u64) -> ImportError {
        self.line = Some(line);
        self
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file_name)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        f.write_str(": ")?;
        match &self.kind {
            ImportErrorKind::Empty => f.write_str(
                "the file is empty. Download the report again from Seller Central or the Ads console and drop the new file.",
            ),
            ImportErrorKind::Binary { what } => write!(
                f,
                "this is {what}, not a report. Drop the CSV, TXT, XLSX or JSON file you downloaded from Amazon instead.",
            ),
            ImportErrorKind::Truncated { detail } => write!(
                f,
                "the file ends too early ({detail}). The download was probably cut short: download the report again.",
            ),
            ImportErrorKind::Malformed { detail } => write!(
                f,
                "the file could not be read ({detail}). Download the report again without opening and re-saving it in a spreadsheet.",
            ),
            ImportErrorKind::UnknownReport { header } => {
                f.write_str("this is not a report this page knows. ")?;
                if header.is_empty() {
                    f.write_str("No header row was found in its first rows. ")?;
                } else {
                    write!(f, "Its header row reads: {}. ", header.join(" | "))?;
                }
                f.write_str("Check that you downloaded one of these reports (Amazon's with the Seller Central language set to English, German, Japanese or Chinese), listed by where they come from.")?;
                // Grouped by tool, in the order of `ReportKind::ALL` within each, so a seller
                // looking for their tool's export finds it in one place.
                let mut sources: Vec<ReportSource> = ReportKind::ALL.iter().map(|k| k.source()).collect();
                sources.sort();
                sources.dedup();
                for source in sources {
                    write!(f, " {}: ", source.name())?;
                    let kinds = ReportKind::ALL.iter().filter(|k| k.source() == source);
                    for (i, kind) in kinds.enumerate() {
                        if i > 0 {
                            f.write_str("; ")?;
                        }
                        write!(f, "{} ({})", kind.title(), kind.id())?;
                    }
                    f.write_str(".")?;
                }
                Ok(())
            }
            ImportErrorKind::Encoding { detail } => write!(
                f,
                "the text could not be decoded ({detail}). Save the file as UTF-8 CSV, or download it again from Amazon.",
            ),
            ImportErrorKind::Xlsx { detail } => write!(
                f,
                "the Excel workbook could not be read ({detail}). Download the report again, or download it as CSV.",
            ),
        }
    }
}

impl std::error::Error for ImportError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_file_the_line_and_what_to_do() {
        let error = ImportError::new(ImportErrorKind::Malformed { detail: "bad quote".into() }, "ads.csv").at_line(12);
        let text = error.to_string();
        assert!(text.starts_with("ads.csv, line 12: the file could not be read (bad quote)"), "{text}");
        assert!(text.contains("Download the report again"));
    }

    #[test]
    fn unknown_report_lists_every_kind() {
        let error = ImportError::new(ImportErrorKind::UnknownReport { header: vec!["foo".into(), "bar".into()] }, "x.csv");
        let text = error.to_string();
        assert!(text.contains("foo | bar"));
        for kind in ReportKind::ALL {
            assert!(text.contains(kind.id()) && text.contains(kind.title()), "{}", kind.id());
        }
        // Grouped by tool: every sellerboard export comes after the tool's name, before the next tool's.
        let sellerboard = text.find(" sellerboard: ").expect("a sellerboard group");
        let next = text.find(" Lingxing 领星: ").expect("a Lingxing group");
        for kind in ReportKind::ALL.iter().filter(|k| k.source() == ReportSource::Sellerboard) {
            let at = text.find(kind.id()).unwrap();
            assert!(sellerboard < at && at < next, "{}", kind.id());
        }
        assert!(text.find(" Amazon: ").unwrap() < sellerboard);
    }

    #[test]
    fn errors_cross_a_worker_boundary_as_json() {
        let error = ImportError::new(ImportErrorKind::Binary { what: "a PDF document".into() }, "a.pdf");
        let json = serde_json::to_string(&error).unwrap();
        assert_eq!(serde_json::from_str::<ImportError>(&json).unwrap(), error);
    }
}
