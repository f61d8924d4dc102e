//! The strings of the brief as a document: its header, decisions and actions, the print button,
//! and a past meeting's brief on the History page.

use super::Translate;

/// Every fixed string of the brief document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocText {
    WeeklyBrief,
    Shop,
    ShopUnnamed,
    Marketplace,
    Period,
    MeetingDate,
    NoMeetingYet,
    Attendees,
    NoAttendees,
    Cost,
    CostEstimated,
    Decisions,
    NoDecisions,
    Actions,
    NoActions,
    ColAction,
    ColOwner,
    ColDue,
    ColStatus,
    ColTopic,
    Unassigned,
    NoDue,
    Print,
    PrintHint,
    ViewBrief,
    CloseBrief,
    FrozenNote,
    NoFrozenBrief,
    FrozenValues,
    ShopNameLabel,
    ShopNameHelp,
}

impl Translate for DocText {
    fn both(self) -> (&'static str, &'static str) {
        match self {
            DocText::WeeklyBrief => ("Weekly business brief", "每周运营简报"),
            DocText::Shop => ("Shop", "店铺"),
            DocText::ShopUnnamed => ("(shop name not set: Settings)", "（未设置店铺名：见“设置”）"),
            DocText::Marketplace => ("Marketplace", "站点"),
            DocText::Period => ("Period", "数据周期"),
            DocText::MeetingDate => ("Meeting date", "会议日期"),
            DocText::NoMeetingYet => ("no meeting open", "暂无进行中的会议"),
            DocText::Attendees => ("Attendees", "参会人"),
            DocText::NoAttendees => ("none recorded", "未记录"),
            DocText::Cost => ("Meeting cost", "会议成本"),
            DocText::CostEstimated => ("so far", "截至目前"),
            DocText::Decisions => ("Decisions", "会议决议"),
            DocText::NoDecisions => ("No decisions recorded.", "未记录决议。"),
            DocText::Actions => ("Actions", "行动项"),
            DocText::NoActions => ("No actions.", "没有行动项。"),
            DocText::ColAction => ("Action", "行动"),
            DocText::ColOwner => ("Owner", "负责人"),
            DocText::ColDue => ("Due", "截止日期"),
            DocText::ColStatus => ("Status", "状态"),
            DocText::ColTopic => ("Topic", "议题"),
            DocText::Unassigned => ("unassigned", "未指定"),
            DocText::NoDue => ("no date", "无日期"),
            DocText::Print => ("Print the brief", "打印简报"),
            DocText::PrintHint => (
                "Prints on A4 portrait without navigation or buttons; choose “Save as PDF” to keep a file.",
                "按 A4 纵向打印，不含导航和按钮；选择“另存为 PDF”即可保存文件。",
            ),
            DocText::ViewBrief => ("Brief", "简报"),
            DocText::CloseBrief => ("Close the brief", "关闭简报"),
            DocText::FrozenNote => (
                "The figures as the meeting saw them; each table shows its first rows.",
                "数据为会议当时所见；每个表格只保留前若干行。",
            ),
            DocText::NoFrozenBrief => (
                "This meeting kept only its figures' values (it was closed before tables were kept, or without reports):",
                "该会议只保存了指标数值（关闭时尚未保存表格，或没有加载报表）：",
            ),
            DocText::FrozenValues => ("Values frozen at closing", "关闭会议时冻结的数值"),
            DocText::ShopNameLabel => ("Shop name (printed on the brief)", "店铺名称（打印在简报上）"),
            DocText::ShopNameHelp => ("Only stored in this browser.", "只保存在本浏览器中。"),
        }
    }
}
