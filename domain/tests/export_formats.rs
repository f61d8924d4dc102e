//! The exports end to end: a real weekly meeting (Chinese names, a formula-like title, a note with
//! markup) is written in every format, and each output is read back the way the receiving tool
//! would read it (CSV parser, xlsx reader, Trello's Text to Cards lines, HTML) to check that every
//! action arrives with its owner, due date and topic, and that no user text turns into markup.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use chrono::{NaiveDate, NaiveDateTime};
use opsbrief_domain::dataset::{Currency, LoadedReport, Marketplace, Period, add_report};
use opsbrief_domain::export::*;
use opsbrief_domain::meeting::*;
use opsbrief_domain::metrics::{self, Brief, Settings};
use opsbrief_domain::report::{Topic, read_report};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("valid test date")
}

fn at(date: NaiveDate, h: u32, min: u32) -> NaiveDateTime {
    date.and_hms_opt(h, min, 0).expect("valid test time")
}

const NOTE: &str = "Supplier said <script>alert(1)</script> & \"soon\"\nsecond line";

/// The team, a closed weekly meeting on 2026-09-07 (10:00 to 11:00, five people at 50 an hour)
/// and the three actions it raised.
struct Week {
    roster: Roster,
    meeting: Meeting,
    actions: Vec<Action>,
}

fn week() -> Week {
    let date = day(9, 7);
    let now = at(date, 9, 55);
    let mut roster = Roster::default();
    let people = [
        ("p0", "张伟", Role::OperationsLead),
        ("p1", "王芳", Role::Advertising),
        ("p2", "李雷", Role::SupplyChain),
        ("p3", "Anna Smith", Role::CustomerService),
        ("p4", "刘洋", Role::MarketplaceRep(Region::Us)),
    ];
    for (id, name, role) in people {
        roster
            .add(Member::new(id.into(), name, role, now))
            .expect("unique member");
    }
    let mut meeting = Meeting::weekly("m-0907".into(), date, now);
    for member in roster.members() {
        meeting.add_attendee(member, now).expect("open meeting");
    }
    meeting.set_chair(Some("p0".into()), now).expect("attendee");
    meeting
        .set_recorder(Some("p1".into()), now)
        .expect("attendee");
    meeting.set_notes(NOTE, now).expect("open meeting");
    meeting.set_rating(8, now).expect("valid rating");
    meeting.start(at(date, 10, 0)).expect("open meeting");
    meeting
        .edit_agenda(now, |agenda| {
            let ads = agenda
                .position(AgendaItemKind::Topic(Topic::Ads))
                .unwrap_or_default();
            agenda.set_conclusion(ads, "暂停广泛匹配 & 否定 40 个词")?;
            let inv = agenda
                .position(AgendaItemKind::Topic(Topic::Inventory))
                .unwrap_or_default();
            agenda.set_conclusion(inv, "红色款空运补货")
        })
        .expect("agenda edit");

    let fields =
        |topic, problem: &str, countermeasure: &str, owner: Option<&str>, due| ActionFields {
            topic: Some(topic),
            problem: problem.into(),
            root_cause: "根因: 出价过高, 词不精准".into(),
            countermeasure: countermeasure.into(),
            owner: owner.map(PersonId::from),
            due,
            subject: Some(Subject {
                kind: SubjectKind::Asin,
                value: "B0TEST0001".into(),
            }),
            metric: None,
            notes: String::new(),
        };
    let actions = vec![
        Action::new(
            "a1".into(),
            Some("m-0907".into()),
            fields(
                Topic::Ads,
                "SP ACoS 升至 38%",
                "自动广告出价下调 20%",
                Some("p1"),
                Some(day(9, 14)),
            ),
            now,
        ),
        Action::new(
            "a2".into(),
            Some("m-0907".into()),
            fields(
                Topic::Inventory,
                "红色款 12 天后断货",
                "=HYPERLINK(\"http://evil\",\"空运 200 件\")",
                Some("p2"),
                Some(day(9, 10)),
            ),
            now,
        ),
        Action::new(
            "a3".into(),
            Some("m-0907".into()),
            fields(
                Topic::Health,
                "退货率 | 异常, 需排查",
                "Check \"fit\" complaints, then update listing",
                Some("p3"),
                None,
            ),
            now,
        ),
    ];
    let snapshot = MetricSnapshot {
        period: Some(Period::new(day(8, 31), day(9, 6))),
        marketplace: Some(Marketplace::US),
        currency: Currency::from_code("USD"),
        values: BTreeMap::from([
            ("ads.acos".to_string(), Some(0.38)),
            ("ads.spend".to_string(), Some(1520.4)),
            ("sales.conversion".to_string(), Some(0.126)),
            ("health.odr".to_string(), None),
        ]),
        ..MetricSnapshot::default()
    };
    meeting
        .close(&actions, snapshot, at(date, 11, 0), CloseMode::Forced)
        .expect("forced close");
    Week {
        roster,
        meeting,
        actions,
    }
}

fn rows(week: &Week) -> Vec<ActionRow> {
    let meetings = [week.meeting.clone()];
    let mut rows = action_rows(&week.actions, &week.roster, &meetings, day(9, 11));
    for row in &mut rows {
        row.priority = Priority::by_due_date(row.due, day(9, 11));
    }
    rows
}

fn sample_brief() -> Brief {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/sample");
    let index: Vec<String> =
        serde_json::from_slice(&std::fs::read(dir.join("index.json")).expect("sample index"))
            .expect("index is a list of names");
    let mut reports: Vec<LoadedReport> = Vec::new();
    for name in index {
        let bytes = std::fs::read(dir.join(&name)).expect("sample file");
        let report = read_report(&name, &bytes).expect("sample report reads");
        add_report(&mut reports, report);
    }
    let selection = metrics::selections(&reports)
        .into_iter()
        .next()
        .expect("a selection");
    metrics::compute(&reports, &selection, &Settings::default(), day(11, 25))
}

#[test]
fn csv_reads_back_with_every_action_and_bom() {
    let week = week();
    let rows = rows(&week);
    let csv = actions_csv(&rows, ExportLang::Zh);
    let body = csv
        .strip_prefix('\u{feff}')
        .expect("the CSV starts with a byte order mark for Excel and WPS");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "标题",
            "负责人",
            "截止日期",
            "状态",
            "优先级",
            "议题",
            "ASIN/SKU",
            "问题",
            "根本原因",
            "对策",
            "会议日期"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    assert_eq!(records.len(), 3);
    let get = |i: usize, col: &str| {
        let c = header.iter().position(|h| h == col).expect("column");
        records[i].get(c).unwrap_or_default().to_string()
    };
    assert_eq!(get(0, "标题"), "自动广告出价下调 20%");
    assert_eq!(get(0, "负责人"), "王芳");
    assert_eq!(get(0, "截止日期"), "2026-09-14");
    assert_eq!(get(0, "状态"), "未开始");
    assert_eq!(get(0, "优先级"), "高");
    assert_eq!(get(0, "议题"), "广告与ACoS");
    assert_eq!(get(0, "ASIN/SKU"), "B0TEST0001");
    assert_eq!(get(0, "根本原因"), "根因: 出价过高, 词不精准");
    assert_eq!(get(0, "会议日期"), "2026-09-07");
    // The formula-like countermeasure is prefixed so Excel shows it instead of running it.
    assert_eq!(
        get(1, "标题"),
        "'=HYPERLINK(\"http://evil\",\"空运 200 件\")"
    );
    assert_eq!(get(1, "议题"), "库存与FBA物流");
    assert_eq!(get(2, "问题"), "退货率 | 异常, 需排查");
    assert_eq!(get(2, "负责人"), "Anna Smith");
    assert_eq!(get(2, "截止日期"), "");
    assert_eq!(get(2, "优先级"), "");
}

/// An Excel serial day (1900 date system) as a date.
fn excel_day(serial: f64) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(chrono::Duration::days(serial as i64))
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::DateTime(dt) => excel_day(dt.as_f64())
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

#[test]
fn xlsx_reads_back_with_the_same_actions_and_real_dates() {
    let week = week();
    let rows = rows(&week);
    for lang in [ExportLang::Zh, ExportLang::En] {
        let bytes = actions_xlsx(&rows, lang).expect("workbook");
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("a valid xlsx");
        let names = book.sheet_names();
        assert_eq!(names, [Label::Actions.text(lang)]);
        let range = book
            .worksheet_range(Label::Actions.text(lang))
            .expect("sheet");
        let table: Vec<Vec<&Data>> = range.rows().map(|r| r.iter().collect()).collect();
        let header: Vec<String> = table[0].iter().map(|c| cell_text(c)).collect();
        assert_eq!(header, action_columns(lang));
        assert_eq!(table.len(), rows.len() + 1);
        for (row, cells) in rows.iter().zip(&table[1..]) {
            let mut expected = action_cells(row, lang);
            expected.resize(header.len(), String::new());
            let mut got: Vec<String> = cells.iter().map(|c| cell_text(c)).collect();
            got.resize(header.len(), String::new());
            // In .xlsx a formula-like title is a plain string cell: nothing to escape, so it
            // arrives exactly as typed.
            assert_eq!(got, expected);
        }
        // Dates are real date cells, which Bitable and Excel recognise as dates.
        let due = header
            .iter()
            .position(|h| h == Label::DueDate.text(lang))
            .expect("due column");
        assert!(matches!(table[1][due], Data::DateTime(_)));
    }
}

#[test]
fn trello_text_to_cards_has_every_action_with_owner_label_and_due_date() {
    let week = week();
    let rows = rows(&week);
    let members = TrelloMembers::from([("王芳".to_string(), "wangfang".to_string())]);
    let text = trello_text_to_cards(&rows, ExportLang::Zh, &members);
    let cards: Vec<&str> = text.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(cards.len(), rows.len(), "{text}");
    assert_eq!(
        cards[0],
        "::自动广告出价下调 20% @wangfang #广告与ACoS $due:2026-09-14"
    );
    assert!(
        cards[1].contains("@李雷")
            && cards[1].contains("#库存与FBA物流")
            && cards[1].contains("$due:2026-09-10")
    );
    // No due date, no `$due:`; a name with a space becomes one token.
    assert_eq!(
        cards[2],
        "::Check \"fit\" complaints, then update listing @AnnaSmith #账户健康与客户体验"
    );
    // The description lines sit under their card and never start a new one.
    assert!(text.contains("\n问题：SP ACoS 升至 38%\n"));
    assert!(text.contains("根本原因：根因: 出价过高, 词不精准\n"));
    assert_eq!(text.matches("ASIN/SKU：B0TEST0001").count(), 3);

    let en = trello_text_to_cards(&rows, ExportLang::En, &TrelloMembers::new());
    assert!(en.contains("#{Advertising and ACoS} $due:2026-09-14"));
}

#[test]
fn trello_plain_list_is_one_card_per_line() {
    let week = week();
    let rows = rows(&week);
    let text = trello_plain_list(&rows, ExportLang::En);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "[王芳] 自动广告出价下调 20% (due 2026-09-14)",
            "[李雷] =HYPERLINK(\"http://evil\",\"空运 200 件\") (due 2026-09-10)",
            "[Anna Smith] Check \"fit\" complaints, then update listing",
        ]
    );
}

#[test]
fn html_brief_escapes_user_text_and_has_tables() {
    let week = week();
    let rows = rows(&week);
    let snapshot = &week.meeting.closed().expect("closed").snapshot;
    let input = BriefInput::from_meeting(
        &week.meeting,
        "Acme & Co <US>",
        BriefMetrics::Snapshot(snapshot),
        &rows,
        Some("CNY"),
    );
    let clip = brief_clipboard(&input, ExportLang::Zh);
    let html = &clip.html;
    assert!(!html.contains("<script>"), "{html}");
    assert!(
        html.contains("Supplier said &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;soon&quot;")
    );
    assert!(html.contains("<h1>Acme &amp; Co &lt;US&gt; 运营周报 2026-09-07</h1>"));
    assert!(html.contains("暂停广泛匹配 &amp; 否定 40 个词"));
    // Every `&` is the start of an entity: none is left raw.
    for (i, _) in html.match_indices('&') {
        let rest = &html[i..];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                .iter()
                .any(|e| rest.starts_with(e)),
            "raw & at {}",
            &rest[..rest.len().min(20)]
        );
    }
    // Tables are well formed: scorecard, key figures, actions.
    assert_eq!(html.matches("<table").count(), 3);
    assert_eq!(html.matches("<tr>").count(), html.matches("</tr>").count());
    assert!(html.contains("<td>王芳</td><td>2026-09-14</td>"));
    assert!(html.contains("<td>=HYPERLINK(&quot;http://evil&quot;,&quot;空运 200 件&quot;)</td>"));
    // The plain-text alternative carries the same content unescaped.
    let text = &clip.text;
    assert!(text.contains("Supplier said <script>alert(1)</script> & \"soon\""));
    assert!(text.contains("会议成本：250.00 CNY"));
    assert!(text.contains("1. 自动广告出价下调 20% — 负责人：王芳; 截止日期：2026-09-14"));
    assert!(text.contains("ACoS：38%"));
    assert!(text.contains("订单缺陷率 ODR：缺数据"));
}

#[test]
fn markdown_brief_from_a_live_brief_has_scorecard_figures_decisions_and_actions() {
    let week = week();
    let rows = rows(&week);
    let brief = sample_brief();
    let input = BriefInput::from_meeting(
        &week.meeting,
        "Acme",
        BriefMetrics::Live(&brief),
        &rows,
        Some("CNY"),
    );
    let md = brief_markdown(&input, ExportLang::Zh);

    let section = |name: &str| -> Vec<&str> {
        md.lines()
            .skip_while(|l| *l != format!("### {name}"))
            .skip(1)
            .take_while(|l| !l.starts_with("### "))
            .filter(|l| !l.trim().is_empty())
            .collect()
    };
    let scorecard = section("四大议题记分卡");
    assert_eq!(scorecard.len(), 4, "{md}");
    for (line, topic) in scorecard.iter().zip(Topic::ALL) {
        let name = ExportLang::Zh.topic(topic);
        assert!(line.contains(&format!("**{name}**")), "{line}");
        // A status word, never only the emoji.
        assert!(
            ["达标", "关注", "未达标", "未评估"]
                .iter()
                .any(|w| line.contains(w)),
            "{line}"
        );
    }
    let figures = section("关键指标");
    let acos = brief.value("ads.acos").expect("the sample has ACoS");
    let acos_line = figures
        .iter()
        .find(|l| l.contains("- ACoS："))
        .expect("ACoS is listed");
    assert!(
        acos_line.contains(&metrics::figure::fmt_pct(acos)),
        "{acos_line}"
    );
    let sales_line = figures
        .iter()
        .find(|l| l.contains("销售额："))
        .expect("sales listed");
    assert!(
        sales_line.contains(" USD"),
        "money carries its currency: {sales_line}"
    );
    assert_eq!(
        section("会议决议"),
        [
            "- [广告与ACoS] 暂停广泛匹配 & 否定 40 个词",
            "- [库存与FBA物流] 红色款空运补货"
        ]
    );
    let actions = section("行动项");
    assert_eq!(actions.len(), 3);
    assert!(actions[0].starts_with("1. **自动广告出价下调 20%** — 负责人：王芳 · 截止日期：2026-09-14 · 未开始 · 广告与ACoS · B0TEST0001"));
    assert!(
        actions[1].contains("截止日期：2026-09-10 · 未开始、已逾期"),
        "{}",
        actions[1]
    );
    assert!(actions[2].contains("截止日期：未定截止日期"));
    // Notes keep their text but not their line breaks' power to start new blocks.
    assert_eq!(
        section("备注"),
        [
            "- Supplier said <script>alert(1)</script> & \"soon\"",
            "- second line"
        ]
    );
}

/// The cells of a Markdown table row.
fn table_cells(line: &str) -> Vec<&str> {
    line.trim()
        .trim_start_matches('|')
        .trim_end_matches('|')
        .split('|')
        .map(str::trim)
        .collect()
}

#[test]
fn wecom_brief_has_well_formed_tables_within_4096_bytes() {
    let week = week();
    let mut rows = rows(&week);
    let brief = sample_brief();
    let input = BriefInput::from_meeting(
        &week.meeting,
        "Acme",
        BriefMetrics::Live(&brief),
        &rows,
        None,
    );
    let text = brief_wecom_markdown_v2(&input, ExportLang::Zh);
    assert!(text.len() <= WECOM_MAX_BYTES, "{} bytes", text.len());
    // Every table row has as many cells as its header: the `|` in a problem text was neutralised.
    let mut width = 0;
    for line in text.lines() {
        if line.starts_with('|') {
            let n = table_cells(line).len();
            if width == 0 || line.starts_with("| :") {
                width = n;
            }
            assert_eq!(n, width, "{line}");
        } else {
            width = 0;
        }
    }
    assert!(text.contains("| 自动广告出价下调 20% | 王芳 | 2026-09-14 | 未开始 |"));
    assert!(text.contains("| 广告与ACoS |"));

    // Fifty more actions do not fit: the key figures go first, then whole lines, with a note.
    let template = rows[0].clone();
    for i in 0..50 {
        let mut r = template.clone();
        r.title = format!("补充行动 {i}");
        rows.push(r);
    }
    let input = BriefInput::from_meeting(
        &week.meeting,
        "Acme",
        BriefMetrics::Live(&brief),
        &rows,
        None,
    );
    let long = brief_wecom_markdown_v2(&input, ExportLang::Zh);
    assert!(long.len() <= WECOM_MAX_BYTES, "{} bytes", long.len());
    assert!(long.ends_with(Label::Truncated.text(ExportLang::Zh)));
    assert!(long.contains("## 四大议题记分卡"));
    assert!(long.contains("自动广告出价下调 20%"));
}

#[test]
fn dingtalk_brief_uses_lists_instead_of_tables() {
    let week = week();
    let rows = rows(&week);
    let snapshot = &week.meeting.closed().expect("closed").snapshot;
    let input = BriefInput::from_meeting(
        &week.meeting,
        "Acme",
        BriefMetrics::Snapshot(snapshot),
        &rows,
        Some("CNY"),
    );
    let text = brief_dingtalk_markdown(&input, ExportLang::En);
    assert!(text.len() <= DINGTALK_MAX_BYTES);
    assert!(
        !text.lines().any(|l| l.trim_start().starts_with('|')),
        "{text}"
    );
    assert!(text.starts_with("## Acme Weekly operations brief 2026-09-07"));
    assert!(text.contains("- **Meeting cost**: 250.00 CNY"));
    assert!(text.contains("- **Period**: 2026-08-31 to 2026-09-06"));
    assert!(text.contains("- ⚪ **Advertising and ACoS**: not rated — ACoS 38%"));
    assert!(text.contains("  - Ad spend: 1520.40 USD"));
    assert!(text.contains("1. **自动广告出价下调 20%** — Owner: 王芳 · Due date: 2026-09-14 · Open · Advertising and ACoS"));
    assert!(text.contains("张伟 (operations lead)"));
    // Nothing was due on the meeting's date: the rate is not shown as 0 % or as missing data.
    assert!(text.contains(
        "- **Completion rate of actions due**: no actions were due, Overdue actions 0, Carried actions 0"
    ));
    // Figures without a target carry no status word; judged ones do.
    assert!(
        !text.contains("not rated ·") && !text.contains("· not rated"),
        "{text}"
    );
}
