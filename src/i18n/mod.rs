//! The UI's two languages, English and Simplified Chinese, and every string it shows.
//!
//! Each string enum implements [`Translate`], whose one method returns both translations from a
//! single match arm, so a string cannot exist in one language only: leaving out a translation is
//! a compile error. One enum per area of the UI (`shell`, ...) keeps the files apart. The sellers'
//! data (file names, ASINs, notes) is never translated and never passes through here.

mod brief;
mod document;
mod mapping;
mod meeting;
mod share;
mod shell;

use serde::{Deserialize, Serialize};

pub use brief::BriefText;
pub use document::DocText;
pub use mapping::MapText;
pub use meeting::MeetingText;
pub use share::ShareText;
pub use shell::Text;

/// A fixed UI string in both languages.
pub trait Translate: Copy + Send + Sync + 'static {
    /// Both translations: English first, Simplified Chinese second.
    fn both(self) -> (&'static str, &'static str);

    /// The text in `lang`.
    fn get(self, lang: Lang) -> &'static str {
        let (en, zh) = self.both();
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// A language the UI speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// The BCP 47 tag written to `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// Picks the language from the browser's preferred languages: Chinese if any Chinese
    /// variant comes before English, English otherwise.
    pub fn from_preferences<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        for tag in tags {
            let tag = tag.to_ascii_lowercase();
            if tag.starts_with("zh") {
                return Lang::Zh;
            }
            if tag.starts_with("en") {
                return Lang::En;
            }
        }
        Lang::En
    }

    /// Parses the stored choice (`"en"` or `"zh-CN"`).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag {
            "en" => Some(Lang::En),
            "zh-CN" | "zh" => Some(Lang::Zh),
            _ => None,
        }
    }

    /// The other language, for the switch button.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }
}

