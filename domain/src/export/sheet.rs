//! The actions as a spreadsheet: a CSV file and an `.xlsx` workbook with the same columns.
//!
//! Both are downloads. The team imports either into a Feishu/Lark Bitable (多维表格: 导入 → Excel/CSV)
//! as its "行动项" table, or opens it in Excel, WPS, a DingTalk sheet or a WeCom (Tencent) sheet.
//! The columns are the ones a Bitable import needs: title, owner (负责人) as plain text, due date as
//! `YYYY-MM-DD`, status, priority, topic, ASIN/SKU, problem, root cause, countermeasure and meeting
//! date. The owner stays text because a Bitable person field needs Feishu user ids the page does
//! not have; after import the team converts the column to 「人员」.
//!
//! The CSV is UTF-8 with a byte order mark, which Excel and WPS need to read Chinese correctly
//! rather than as GBK mojibake, and its cells go through [`crate::metrics::export::escape_cell`]
//! so a title such as `=HYPERLINK(...)` is shown, not run. The `.xlsx` writes every text as a
//! string cell, which a spreadsheet never evaluates, and the dates as real date cells formatted
//! `yyyy-mm-dd`, which Bitable and Excel recognise as dates.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};
use thiserror::Error;

use super::lang::{ExportLang, Label};
use super::rows::{ActionRow, cut_chars};
use crate::metrics::export::{EXCEL_BOM, cells_to_csv};

/// Why the `.xlsx` could not be written.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("the actions workbook could not be written: {0}")]
pub struct SheetError(String);

impl From<XlsxError> for SheetError {
    fn from(e: XlsxError) -> SheetError {
        SheetError(e.to_string())
    }
}

/// The columns, in order. Both files use them; the due and meeting dates are columns 2 and 10.
const COLUMNS: [Label; 11] = [
    Label::Title,
    Label::Owner,
    Label::DueDate,
    Label::Status,
    Label::Priority,
    Label::Topic,
    Label::AsinSku,
    Label::Problem,
    Label::RootCause,
    Label::Countermeasure,
    Label::Meeting,
];
const DUE_COLUMN: usize = 2;
const MEETING_COLUMN: usize = 10;

/// Excel's limit on the characters in one cell; longer text is cut rather than failing the file.
const EXCEL_CELL_MAX_CHARS: usize = 32_767;

/// The column headers in `lang`.
pub fn action_columns(lang: ExportLang) -> Vec<&'static str> {
    COLUMNS.iter().map(|c| c.text(lang)).collect()
}

/// One row's cells as text, in [`action_columns`] order; dates as `YYYY-MM-DD`, empty when unset.
pub fn action_cells(row: &ActionRow, lang: ExportLang) -> Vec<String> {
    vec![
        row.title.clone(),
        row.owner.clone().unwrap_or_default(),
        row.due_iso(),
        lang.action_status(row.status).to_string(),
        row.priority
            .map(|p| p.label(lang).to_string())
            .unwrap_or_default(),
        row.topic
            .map(|t| lang.topic(t).to_string())
            .unwrap_or_default(),
        row.subject.clone().unwrap_or_default(),
        row.problem.clone(),
        row.root_cause.clone(),
        row.countermeasure.clone(),
        row.meeting_iso(),
    ]
}

/// The actions as CSV text: byte order mark, header, one row per action, formula-like cells
/// escaped. Save it as UTF-8 bytes (`.csv`).
pub fn actions_csv(rows: &[ActionRow], lang: ExportLang) -> String {
    let body = cells_to_csv(
        &action_columns(lang),
        rows.iter().map(|r| action_cells(r, lang)),
    );
    format!("{EXCEL_BOM}{body}")
}

/// The actions as an `.xlsx` workbook (one sheet named 行动项 / Actions, bold frozen header,
/// filter on every column, dates as date cells). Returns the file's bytes.
pub fn actions_xlsx(rows: &[ActionRow], lang: ExportLang) -> Result<Vec<u8>, SheetError> {
    let mut workbook = Workbook::new();
    let header = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = workbook.add_worksheet();
    sheet.set_name(Label::Actions.text(lang))?;
    for (col, name) in action_columns(lang).iter().enumerate() {
        let col = col_num(col)?;
        sheet.write_string_with_format(0, col, *name, &header)?;
        let width = match COLUMNS.get(usize::from(col)) {
            Some(Label::Title | Label::Problem | Label::RootCause | Label::Countermeasure) => 36,
            Some(Label::Topic) => 22,
            _ => 14,
        };
        sheet.set_column_width(col, width)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = u32::try_from(i + 1).map_err(|_| SheetError("too many rows".into()))?;
        let dates = [(DUE_COLUMN, row.due), (MEETING_COLUMN, row.meeting_date)];
        for (col, cell) in action_cells(row, lang).into_iter().enumerate() {
            let c = col_num(col)?;
            if let Some((_, Some(d))) = dates.iter().find(|(dc, _)| *dc == col) {
                sheet.write_datetime_with_format(r, c, &excel_date(*d)?, &date)?;
            } else if !cell.is_empty() {
                sheet.write_string(r, c, cut_chars(&cell, EXCEL_CELL_MAX_CHARS))?;
            }
        }
    }
    let last_row = u32::try_from(rows.len()).map_err(|_| SheetError("too many rows".into()))?;
    let last_col = col_num(COLUMNS.len() - 1)?;
    sheet.autofilter(0, 0, last_row, last_col)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(workbook.save_to_buffer()?)
}

fn col_num(col: usize) -> Result<u16, SheetError> {
    u16::try_from(col).map_err(|_| SheetError("too many columns".into()))
}

fn excel_date(d: chrono::NaiveDate) -> Result<ExcelDateTime, SheetError> {
    use chrono::Datelike;
    let year = u16::try_from(d.year()).map_err(|_| SheetError(format!("date {d} out of range")))?;
    let month =
        u8::try_from(d.month()).map_err(|_| SheetError(format!("date {d} out of range")))?;
    let day = u8::try_from(d.day()).map_err(|_| SheetError(format!("date {d} out of range")))?;
    Ok(ExcelDateTime::from_ymd(year, month, day)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::ActionStatus;
    use crate::report::Topic;
    use chrono::NaiveDate;

    fn row(title: &str) -> ActionRow {
        ActionRow {
            id: "a1".into(),
            title: title.into(),
            owner: Some("李雷".into()),
            due: NaiveDate::from_ymd_opt(2026, 9, 14),
            status: ActionStatus::InProgress,
            overdue: false,
            priority: None,
            topic: Some(Topic::Inventory),
            subject: Some("SKU-RED-01".into()),
            problem: "断货风险".into(),
            root_cause: "头程延误".into(),
            countermeasure: "空运补货 200 件".into(),
            meeting_date: NaiveDate::from_ymd_opt(2026, 9, 7),
            carried: 0,
        }
    }

    #[test]
    fn the_csv_starts_with_a_bom_and_chinese_headers() {
        let csv = actions_csv(&[row("补货")], ExportLang::Zh);
        assert!(csv.starts_with('\u{feff}'));
        let first = csv.lines().next().unwrap_or_default();
        assert_eq!(
            first.trim_start_matches('\u{feff}'),
            "标题,负责人,截止日期,状态,优先级,议题,ASIN/SKU,问题,根本原因,对策,会议日期"
        );
        assert!(csv.contains("补货,李雷,2026-09-14,进行中,,库存与FBA物流,SKU-RED-01,"));
    }

    #[test]
    fn a_formula_title_is_escaped_in_the_csv() {
        let csv = actions_csv(&[row("=HYPERLINK(\"http://x\")")], ExportLang::En);
        assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""));
    }

    #[test]
    fn the_workbook_is_a_zip() {
        let bytes = actions_xlsx(&[row("补货")], ExportLang::Zh).unwrap_or_default();
        assert!(bytes.starts_with(b"PK"));
    }
}
