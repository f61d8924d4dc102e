//! The strings of the share panel: copying the brief and exporting the actions.

use super::Translate;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ShareText {
    Title,
    Intro,
    BriefGroup,
    ActionsGroup,
    CopyMarkdown,
    CopyWecom,
    CopyDingtalk,
    CopyRichText,
    DownloadMarkdown,
    ActionsCsv,
    ActionsXlsx,
    CopyTrello,
    CopyPlainList,
    Copied,
    Downloaded,
    Failed,
    NothingYet,
}

impl Translate for ShareText {
    fn both(self) -> (&'static str, &'static str) {
        match self {
            ShareText::Title => ("Share", "分享与导出"),
            ShareText::Intro => (
                "Paste the brief into your chat or doc, or hand the actions to your board. OpsBrief only makes the text and files; nothing is sent.",
                "把简报粘贴到聊天或文档，或把行动项交给任务看板。OpsBrief 只生成文本和文件，不发送任何数据。",
            ),
            ShareText::BriefGroup => ("Weekly brief", "周度经营简报"),
            ShareText::ActionsGroup => ("Actions", "行动项"),
            ShareText::CopyMarkdown => ("Copy as Markdown", "复制为 Markdown"),
            ShareText::CopyWecom => ("Copy for WeCom (markdown_v2)", "复制到企业微信（markdown_v2）"),
            ShareText::CopyDingtalk => ("Copy for DingTalk", "复制到钉钉"),
            ShareText::CopyRichText => ("Copy rich text (Feishu, DingTalk, WeCom docs)", "复制富文本（飞书、钉钉、企业微信文档）"),
            ShareText::DownloadMarkdown => ("Download .md", "下载 .md"),
            ShareText::ActionsCsv => ("Actions as CSV (Excel, WPS, Feishu Bitable)", "行动项导出 CSV（Excel、WPS、飞书多维表格）"),
            ShareText::ActionsXlsx => ("Actions as .xlsx", "行动项导出 .xlsx"),
            ShareText::CopyTrello => ("Copy for Trello (Text to Cards)", "复制到 Trello（Text to Cards）"),
            ShareText::CopyPlainList => ("Copy as a plain list", "复制为纯文本清单"),
            ShareText::Copied => ("Copied to the clipboard.", "已复制到剪贴板。"),
            ShareText::Downloaded => ("The file was saved by your browser.", "文件已由浏览器保存。"),
            ShareText::Failed => ("That did not work:", "操作失败：",),
            ShareText::NothingYet => (
                "Load reports or hold a meeting first: there is nothing to share yet.",
                "请先加载报表或召开会议：目前还没有可分享的内容。",
            ),
        }
    }
}
