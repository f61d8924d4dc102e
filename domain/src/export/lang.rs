//! The language of an export, and every word an export writes that is not the user's own text.
//!
//! None of the tools that take these exports translates anything: a Feishu Bitable imported from
//! the actions `.xlsx` keeps the column names it was given, and a brief pasted into a WeCom or
//! DingTalk group is read as written. So the team picks English or Chinese once and every label,
//! column header, topic name and status word follows. Each label gives both languages in one match
//! arm, so a label can never exist in one language only.

use serde::{Deserialize, Serialize};

use crate::meeting::{ActionStatus, Region, Role};
use crate::metrics::Status;
use crate::report::Topic;

/// The language an export is written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportLang {
    #[default]
    En,
    /// Simplified Chinese, for the cross-border teams whose tools are Feishu, DingTalk and WeCom.
    Zh,
}

impl ExportLang {
    /// Picks the English or the Chinese text.
    pub fn pick(self, en: &'static str, zh: &'static str) -> &'static str {
        match self {
            ExportLang::En => en,
            ExportLang::Zh => zh,
        }
    }

    /// The separator between a label and its value (`Owner: Li`, `负责人：李`).
    pub fn colon(self) -> &'static str {
        self.pick(": ", "：")
    }

    /// The separator between items in running text (`a, b`, `a、b`).
    pub fn list_sep(self) -> &'static str {
        self.pick(", ", "、")
    }

    /// The name of a meeting topic, as the source article names it in Chinese.
    pub fn topic(self, topic: Topic) -> &'static str {
        match topic {
            Topic::Sales => self.pick("Sales and target attainment", "销售与目标达成"),
            Topic::Ads => self.pick("Advertising and ACoS", "广告与ACoS"),
            Topic::Inventory => self.pick("Inventory and FBA logistics", "库存与FBA物流"),
            Topic::Health => self.pick(
                "Account health and customer experience",
                "账户健康与客户体验",
            ),
        }
    }

    /// The topic of an action, or "other" for an action raised under "anything else".
    pub fn topic_or_other(self, topic: Option<Topic>) -> &'static str {
        match topic {
            Some(t) => self.topic(t),
            None => self.pick("Other", "其他"),
        }
    }

    /// The word for a figure's status. Always written out: a colour or an emoji alone does not
    /// survive a paste into plain text and is not readable by everyone.
    pub fn status(self, status: Option<Status>) -> &'static str {
        match status {
            Some(Status::OnTrack) => self.pick("on track", "达标"),
            Some(Status::Watch) => self.pick("watch", "关注"),
            Some(Status::OffTrack) => self.pick("off track", "未达标"),
            None => self.pick("not rated", "未评估"),
        }
    }

    /// The word for an action's status.
    pub fn action_status(self, status: ActionStatus) -> &'static str {
        match status {
            ActionStatus::Open => self.pick("Open", "未开始"),
            ActionStatus::InProgress => self.pick("In progress", "进行中"),
            ActionStatus::Done => self.pick("Done", "已完成"),
            ActionStatus::Dropped => self.pick("Dropped", "已取消"),
        }
    }

    /// A meeting role, as the attendee list shows it.
    pub fn role(self, role: Role) -> &'static str {
        match role {
            Role::OperationsLead => self.pick("operations lead", "运营负责人"),
            Role::Advertising => self.pick("advertising", "广告专员"),
            Role::SupplyChain => self.pick("supply chain", "供应链负责人"),
            Role::CustomerService => self.pick("customer service", "客服负责人"),
            Role::MarketplaceRep(Region::Us) => self.pick("US marketplace", "美国站代表"),
            Role::MarketplaceRep(Region::Eu) => self.pick("EU marketplaces", "欧洲站代表"),
            Role::MarketplaceRep(Region::Jp) => self.pick("JP marketplace", "日本站代表"),
        }
    }

    /// A fixed label.
    pub fn label(self, label: Label) -> &'static str {
        label.text(self)
    }
}

/// Every fixed word or phrase the exports write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Label {
    WeeklyBrief,
    Shop,
    Marketplace,
    Period,
    MeetingDate,
    Attendees,
    MeetingCost,
    Scorecard,
    KeyFigures,
    Decisions,
    Notes,
    Actions,
    Topic,
    Status,
    Figure,
    Value,
    Target,
    Title,
    Owner,
    DueDate,
    Priority,
    AsinSku,
    Problem,
    RootCause,
    Countermeasure,
    Meeting,
    Overdue,
    NoOwner,
    NoDueDate,
    NoActions,
    NoDecisions,
    Missing,
    Truncated,
    Snapshot,
    Completion,
    NothingDue,
    Carried,
    Yes,
    No,
    PriorityHigh,
    PriorityMedium,
    PriorityLow,
}

impl Label {
    /// The label's text in `lang`; both languages sit in the same arm.
    pub fn text(self, lang: ExportLang) -> &'static str {
        let (en, zh) = match self {
            Label::WeeklyBrief => ("Weekly operations brief", "运营周报"),
            Label::Shop => ("Shop", "店铺"),
            Label::Marketplace => ("Marketplace", "站点"),
            Label::Period => ("Period", "统计周期"),
            Label::MeetingDate => ("Meeting date", "会议日期"),
            Label::Attendees => ("Attendees", "参会人"),
            Label::MeetingCost => ("Meeting cost", "会议成本"),
            Label::Scorecard => ("Scorecard", "四大议题记分卡"),
            Label::KeyFigures => ("Key figures", "关键指标"),
            Label::Decisions => ("Decisions", "会议决议"),
            Label::Notes => ("Notes", "备注"),
            Label::Actions => ("Actions", "行动项"),
            Label::Topic => ("Topic", "议题"),
            Label::Status => ("Status", "状态"),
            Label::Figure => ("Figure", "指标"),
            Label::Value => ("Value", "数值"),
            Label::Target => ("Target", "目标"),
            Label::Title => ("Title", "标题"),
            Label::Owner => ("Owner", "负责人"),
            Label::DueDate => ("Due date", "截止日期"),
            Label::Priority => ("Priority", "优先级"),
            Label::AsinSku => ("ASIN/SKU", "ASIN/SKU"),
            Label::Problem => ("Problem", "问题"),
            Label::RootCause => ("Root cause", "根本原因"),
            Label::Countermeasure => ("Countermeasure", "对策"),
            Label::Meeting => ("Meeting date", "会议日期"),
            Label::Overdue => ("overdue", "已逾期"),
            Label::NoOwner => ("no owner", "未指定负责人"),
            Label::NoDueDate => ("no due date", "未定截止日期"),
            Label::NoActions => ("No actions.", "暂无行动项。"),
            Label::NoDecisions => ("No decisions recorded.", "暂无决议。"),
            Label::Missing => ("missing", "缺数据"),
            Label::Truncated => (
                "Truncated to fit the message size limit; see the full brief in OpsBrief.",
                "内容超出消息长度限制，已截断；完整周报请在 OpsBrief 中查看。",
            ),
            Label::Snapshot => (
                "Values as frozen when the meeting closed (no statuses).",
                "数值为会议结束时的快照（不含达标判断）。",
            ),
            Label::Completion => ("Completion rate of actions due", "到期行动项完成率"),
            Label::NothingDue => ("no actions were due", "无到期行动项"),
            Label::Carried => ("carried", "已顺延"),
            Label::Yes => ("yes", "是"),
            Label::No => ("no", "否"),
            Label::PriorityHigh => ("High", "高"),
            Label::PriorityMedium => ("Medium", "中"),
            Label::PriorityLow => ("Low", "低"),
        };
        lang.pick(en, zh)
    }
}

/// The name of a figure of the brief in `lang`, for the ids the brief shows; `None` for others,
/// which the brief then does not show (it lists a fixed set of key figures, see `brief.rs`).
pub fn figure_name(id: &str, lang: ExportLang) -> Option<&'static str> {
    let (en, zh) = match id {
        "sales.ordered_sales" => ("Ordered sales", "销售额"),
        "sales.units" => ("Units ordered", "销量"),
        "sales.sessions" => ("Sessions", "访问量"),
        "sales.conversion" => ("Conversion (units / sessions)", "转化率"),
        "sales.target_attainment" => ("Target attainment", "目标达成率"),
        "sales.pace" => ("Pace to target", "目标进度"),
        "sales.change" => ("Sales vs previous period", "销售额环比"),
        "ads.spend" => ("Ad spend", "广告花费"),
        "ads.sales" => ("Ad sales", "广告销售额"),
        "ads.acos" => ("ACoS", "ACoS"),
        "ads.tacos" => ("TACoS", "TACoS"),
        "ads.roas" => ("ROAS", "ROAS"),
        "inventory.ipi" => ("IPI", "IPI 库存绩效指标"),
        "inventory.available" => ("Units available", "可售库存"),
        "inventory.aged_90_plus_share" => ("Units aged over 90 days", "库龄超 90 天占比"),
        "inventory.skus_at_risk" => ("SKUs at risk of stock-out", "断货风险 SKU 数"),
        "health.odr" => ("Order defect rate", "订单缺陷率 ODR"),
        "health.lsr" => ("Late shipment rate", "迟发率"),
        "health.cancel_rate" => ("Cancellation rate", "取消率"),
        "health.vtr" => ("Valid tracking rate", "有效追踪率"),
        "health.return_rate" => ("Return rate", "退货率"),
        "actions.completion_rate" => ("Completion rate of actions due", "到期行动项完成率"),
        "actions.overdue" => ("Overdue actions", "逾期行动项"),
        "actions.carried" => ("Carried actions", "顺延行动项"),
        _ => return None,
    };
    Some(lang.pick(en, zh))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_use_the_article_names_in_chinese() {
        let zh: Vec<&str> = Topic::ALL
            .iter()
            .map(|t| ExportLang::Zh.topic(*t))
            .collect();
        assert_eq!(
            zh,
            [
                "销售与目标达成",
                "广告与ACoS",
                "库存与FBA物流",
                "账户健康与客户体验"
            ]
        );
        assert_eq!(ExportLang::En.topic(Topic::Ads), "Advertising and ACoS");
    }

    #[test]
    fn column_labels_exist_in_both_languages() {
        assert_eq!(Label::Owner.text(ExportLang::Zh), "负责人");
        assert_eq!(Label::DueDate.text(ExportLang::Zh), "截止日期");
        assert_eq!(Label::Owner.text(ExportLang::En), "Owner");
        assert_eq!(ExportLang::Zh.status(Some(Status::OffTrack)), "未达标");
        assert_eq!(
            ExportLang::En.action_status(ActionStatus::InProgress),
            "In progress"
        );
    }

    #[test]
    fn every_figure_the_brief_lists_has_a_name() {
        for id in super::super::brief::KEY_FIGURES.iter().map(|k| k.id) {
            assert!(figure_name(id, ExportLang::En).is_some(), "{id}");
            assert!(figure_name(id, ExportLang::Zh).is_some(), "{id}");
        }
        assert_eq!(figure_name("nope", ExportLang::En), None);
    }
}
