//! The strings of the shell: header, navigation, import panel, the pages' introductions.

use super::Translate;

/// Every fixed string of the UI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Text {
    AppTitle,
    Tagline,
    NavLabel,
    NavBrief,
    NavMeeting,
    NavActions,
    NavHistory,
    NavSettings,
    SwitchLanguage,
    SwitchLanguageLabel,
    SkipToContent,
    PrivacyPromise,
    DropHere,
    ChooseFiles,
    LoadSample,
    Loading,
    LoadedFiles,
    NoFilesYet,
    ColFile,
    ColKind,
    ColMarketplace,
    ColPeriod,
    ColRows,
    ColSkipped,
    Remove,
    DuplicateFile,
    CouldNotRead,
    SkippedRows,
    Line,
    PeriodUnknown,
    BriefIntro,
    MeetingIntro,
    ActionsIntro,
    HistoryIntro,
    SettingsIntro,
    LanguageSetting,
    StorageUnavailable,
    StorageFull,
    Cancel,
    Cancelled,
    RowsSoFar,
    ReadingFile,
    WorkerUnavailable,
    PeriodFrom,
    PeriodTo,
    SetPeriod,
}

impl Translate for Text {
    fn both(self) -> (&'static str, &'static str) {
        match self {
            Text::AppTitle => ("OpsBrief", "OpsBrief 运营周会"),
            Text::Tagline => (
                "Your weekly Amazon operations meeting, computed from your own reports.",
                "用你自己下载的报表，算出每周亚马逊运营会议的全部数据。",
            ),
            Text::NavLabel => ("Main", "主导航"),
            Text::NavBrief => ("Brief", "简报"),
            Text::NavMeeting => ("Meeting", "会议"),
            Text::NavActions => ("Actions", "行动项"),
            Text::NavHistory => ("History", "历史"),
            Text::NavSettings => ("Settings", "设置"),
            Text::SwitchLanguage => ("中文", "English"),
            Text::SwitchLanguageLabel => ("Switch the language to Chinese", "将界面语言切换为英文"),
            Text::SkipToContent => ("Skip to content", "跳到正文"),
            Text::PrivacyPromise => (
                "Your files never leave this computer: they are read and computed here, in your browser. The page sends nothing anywhere.",
                "你的文件不会离开这台电脑：它们只在本浏览器内读取和计算，页面不向任何地方发送数据。",
            ),
            Text::DropHere => (
                "Drop your Seller Central and Amazon Ads reports here (CSV, TXT, XLSX, JSON), several at once.",
                "把 Seller Central 和广告后台下载的报表拖到这里（CSV、TXT、XLSX、JSON），可一次拖入多个。",
            ),
            Text::ChooseFiles => ("Choose files…", "选择文件…"),
            Text::LoadSample => ("Load sample data", "加载示例数据"),
            Text::Loading => ("Reading…", "正在读取…"),
            Text::LoadedFiles => ("Loaded reports", "已加载的报表"),
            Text::NoFilesYet => (
                "No report loaded yet. Drop files above or load the sample data to see the page at work.",
                "尚未加载报表。把文件拖到上方，或加载示例数据看看效果。",
            ),
            Text::ColFile => ("File", "文件"),
            Text::ColKind => ("Report", "报表类型"),
            Text::ColMarketplace => ("Marketplace", "站点"),
            Text::ColPeriod => ("Period", "周期"),
            Text::ColRows => ("Rows read", "读取行数"),
            Text::ColSkipped => ("Rows skipped", "跳过行数"),
            Text::Remove => ("Remove", "移除"),
            Text::DuplicateFile => (
                "This file was already loaded; it is kept once so no figure is counted twice.",
                "该文件已加载过；只保留一份，避免数据重复计算。",
            ),
            Text::CouldNotRead => ("Could not read", "无法读取"),
            Text::SkippedRows => ("Skipped rows", "跳过的行"),
            Text::Line => ("line", "行"),
            Text::PeriodUnknown => (
                "The file has no dates: which days does it cover?",
                "文件中没有日期：它覆盖哪几天？",
            ),
            Text::PeriodFrom => ("First day", "开始日期"),
            Text::PeriodTo => ("Last day", "结束日期"),
            Text::SetPeriod => ("Set period", "设定周期"),
            Text::BriefIntro => (
                "The four standing topics: sales against target, advertising and ACoS, inventory and FBA, account health and customer experience.",
                "四个固定议题：销售与目标达成、广告与 ACoS、库存与 FBA 物流、账户健康与客户体验。",
            ),
            Text::MeetingIntro => (
                "Run the weekly meeting: last week's actions first, then the four topics, every issue worked as problem, root cause, countermeasure, owner and due date.",
                "召开周会：先回顾上周行动项，再过四个议题；每个问题按“问题→归因→对策→责任人→截止日”五步推进。",
            ),
            Text::ActionsIntro => (
                "Every action from every meeting, followed to its end.",
                "所有会议的行动项，一直跟踪到关闭。",
            ),
            Text::HistoryIntro => (
                "Past meetings with their records and the figures they saw.",
                "历次会议的记录及当时的数据快照。",
            ),
            Text::SettingsIntro => (
                "Targets, thresholds and preferences, kept in this browser only.",
                "目标、阈值与偏好设置，仅保存在本浏览器中。",
            ),
            Text::LanguageSetting => ("Language", "语言"),
            Text::Cancel => ("Cancel", "取消"),
            Text::Cancelled => ("Reading was cancelled; nothing from this file was kept.", "已取消读取；该文件的数据均未保留。"),
            Text::RowsSoFar => ("rows", "行"),
            Text::ReadingFile => ("Reading", "正在读取"),
            Text::WorkerUnavailable => (
                "This browser could not start the page's background reader (a Web Worker); use a current Chrome, Edge, Firefox or Safari",
                "此浏览器无法启动页面的后台读取程序（Web Worker）；请使用最新版 Chrome、Edge、Firefox 或 Safari",
            ),
            Text::StorageUnavailable => (
                "This browser does not let the page keep data (private mode or blocked storage): your work will be lost on reload.",
                "此浏览器不允许页面保存数据（隐私模式或存储被禁用）：刷新后工作内容将丢失。",
            ),
            Text::StorageFull => (
                "The browser's storage for this page is full: the last change was not saved, the previous data is intact. Make a backup and remove old meetings.",
                "本页面的浏览器存储已满：最近的修改未保存，之前的数据完好。请先备份，再删除旧会议。",
            ),
        }
    }
}
