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
                f.write_str("If it is another tool's export or a sheet of your own, map its columns (say which column holds what) and it is read from then on. Otherwise check that you downloaded one of these reports (Amazon's with the Seller Central language set to English, German, Japanese or Chinese), listed by where they come from.")?;
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

impl ImportError {
    /// The message in Simplified Chinese, for the page's Chinese UI: the same facts and the same
    /// advice as the English [`Display`](std::fmt::Display), report names and ids kept as Amazon
    /// and the tools write them.
    pub fn to_chinese(&self) -> String {
        let mut out = self.file_name.clone();
        if let Some(line) = self.line {
            out.push_str(&format!("，第 {line} 行"));
        }
        out.push('：');
        match &self.kind {
            ImportErrorKind::Empty => out.push_str("文件是空的。请从卖家中心或广告后台重新下载报表，再拖入新文件。"),
            ImportErrorKind::Binary { what } => {
                out.push_str(&format!("这是 {what}，不是报表。请拖入从亚马逊下载的 CSV、TXT、XLSX 或 JSON 文件。"))
            }
            ImportErrorKind::Truncated { detail } => {
                out.push_str(&format!("文件提前结束（{detail}），下载可能不完整：请重新下载报表。"))
            }
            ImportErrorKind::Malformed { detail } => out.push_str(&format!(
                "无法读取文件（{detail}）。请重新下载报表，不要在表格软件中打开后另存。"
            )),
            ImportErrorKind::UnknownReport { header } => {
                out.push_str("这不是本页面认识的报表。");
                if header.is_empty() {
                    out.push_str("前几行中没有找到表头。");
                } else {
                    out.push_str(&format!("它的表头是：{}。", header.join(" | ")));
                }
                out.push_str("如果这是其他工具的导出或自制表格，请映射它的列（指定每一列的含义），以后即可直接读取。否则请确认下载的是以下报表之一（亚马逊报表需将卖家中心语言设为英文、德文、日文或中文），按来源列出：");
                let mut sources: Vec<ReportSource> = ReportKind::ALL.iter().map(|k| k.source()).collect();
                sources.sort();
                sources.dedup();
                for source in sources {
                    let kinds: Vec<String> = ReportKind::ALL
                        .iter()
                        .filter(|k| k.source() == source)
                        .map(|k| format!("{}（{}）", k.title(), k.id()))
                        .collect();
                    out.push_str(&format!(" {}：{}。", source.name(), kinds.join("；")));
                }
            }
            ImportErrorKind::Encoding { detail } => out.push_str(&format!(
                "无法解码文本（{detail}）。请将文件另存为 UTF-8 CSV，或从亚马逊重新下载。"
            )),
            ImportErrorKind::Xlsx { detail } => out.push_str(&format!(
                "无法读取 Excel 工作簿（{detail}）。请重新下载报表，或下载 CSV 格式。"
            )),
        }
        out
    }
}

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
    fn the_chinese_message_says_the_same_and_names_the_line() {
        let error = ImportError::new(ImportErrorKind::Malformed { detail: "bad quote".into() }, "ads.csv").at_line(12);
        assert_eq!(error.to_chinese(), "ads.csv，第 12 行：无法读取文件（bad quote）。请重新下载报表，不要在表格软件中打开后另存。");
        let unknown = ImportError::new(ImportErrorKind::UnknownReport { header: vec!["foo".into()] }, "x.csv").to_chinese();
        assert!(unknown.contains("映射它的列") && unknown.contains("foo"));
        for kind in ReportKind::ALL {
            assert!(unknown.contains(kind.id()), "{}", kind.id());
        }
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
