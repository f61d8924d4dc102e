//! Deterministic, realistic report files for benchmarks: a Sponsored Products search term CSV and
//! a Business Report by child item, of any size, from a fixed seed.
//!
//! Shared by `benches/ingest.rs` and `examples/gen_search_terms.rs` through `#[path]`.

#![allow(dead_code)]

use std::fmt::Write;

/// A small xorshift generator: the same seed gives the same file on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const WORDS: &[&str] = &[
    "wireless", "widget", "red", "blue", "cheap", "best", "mini", "pro", "kitchen", "garden", "fishing", "net", "pliers", "steel",
    "cast", "bait", "tool", "set", "for", "men", "women", "kids", "large", "small", "portable", "outdoor", "camping", "light",
    "charger", "cable", "usb", "case", "cover", "holder", "stand", "mount", "bag", "box", "gift", "organizer", "storage", "travel",
];

/// Writes an amount with a currency symbol and thousands separators, quoted when it has a comma.
fn money(out: &mut String, cents: u64) {
    let units = cents / 100;
    let text = if units >= 1000 {
        format!("\"${},{:03}.{:02}\"", units / 1000, units % 1000, cents % 100)
    } else {
        format!("${units}.{:02}", cents % 100)
    };
    out.push_str(&text);
}

fn count(out: &mut String, n: u64) {
    if n >= 1000 {
        let _ = write!(out, "\"{},{:03}\"", n / 1000, n % 1000);
    } else {
        let _ = write!(out, "{n}");
    }
}

/// The header of the classic Sponsored Products search term report, trailing spaces included.
pub const SEARCH_TERM_HEADER: &str = "Start Date,End Date,Portfolio name,Currency,Campaign Name,Ad Group Name,Retailer,Country,Targeting,Match Type,Customer Search Term,Impressions,Clicks,Click-Thru Rate (CTR),Cost Per Click (CPC),Spend,7 Day Total Sales ,Total Advertising Cost of Sales (ACOS) ,Total Return on Advertising Spend (ROAS),7 Day Total Orders (#),7 Day Total Units (#),7 Day Conversion Rate,7 Day Advertised SKU Units (#),7 Day Other SKU Units (#),7 Day Advertised SKU Sales ,7 Day Other SKU Sales ";

/// A search term report of about `target_bytes`, with many distinct campaign x search term keys.
pub fn search_term_csv(target_bytes: usize, seed: u64) -> Vec<u8> {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(target_bytes + 4096);
    out.push_str(SEARCH_TERM_HEADER);
    out.push('\n');
    let auto_targets = ["close-match", "loose-match", "substitutes", "complements"];
    while out.len() < target_bytes {
        let campaign = rng.below(300);
        let auto = campaign.is_multiple_of(3);
        let _ = write!(out, "\"Sep 01, 2026\",\"Sep 07, 2026\",Not grouped,USD,");
        let _ = write!(out, "{} - {}_{campaign},", if auto { "SP Auto" } else { "SP Manual" }, WORDS[(campaign % WORDS.len() as u64) as usize]);
        let _ = write!(out, "Ad group {},Amazon,US,", rng.below(4));
        let (targeting, match_type) = if auto {
            (auto_targets[rng.below(4) as usize].to_string(), "-")
        } else {
            (format!("{} {}", WORDS[rng.below(WORDS.len() as u64) as usize], WORDS[rng.below(WORDS.len() as u64) as usize]), ["BROAD", "PHRASE", "EXACT"][rng.below(3) as usize])
        };
        let _ = write!(out, "{targeting},{match_type},");
        // Zipf-like search terms: a few very common, a long tail of rare ones.
        let words = 1 + rng.below(4);
        for i in 0..words {
            let spread = if rng.below(4) == 0 { WORDS.len() as u64 } else { 12 };
            if i > 0 {
                out.push(' ');
            }
            out.push_str(WORDS[rng.below(spread) as usize]);
        }
        if rng.below(3) == 0 {
            let _ = write!(out, " {}", rng.below(5000));
        }
        out.push(',');
        let impressions = 1 + rng.below(20_000);
        let clicks = rng.below(impressions.min(300) + 1);
        let cpc = 20 + rng.below(200);
        let spend = clicks * cpc;
        let orders = if clicks > 0 { rng.below(clicks / 5 + 1) } else { 0 };
        let sales = orders * (999 + rng.below(5000));
        count(&mut out, impressions);
        let _ = write!(out, ",{clicks},{}.{:02}%,", clicks * 100 / impressions, (clicks * 10_000 / impressions) % 100);
        money(&mut out, cpc);
        out.push(',');
        money(&mut out, spend);
        out.push(',');
        money(&mut out, sales);
        match ((spend * 100).checked_div(sales), (spend * 10_000).checked_div(sales)) {
            (Some(acos), Some(acos_hundredths)) => {
                let _ = write!(out, ",{acos}.{:02}%,{}.{:02},", acos_hundredths % 100, sales / spend.max(1), sales % 100);
            }
            _ => out.push_str(",,0.00,"),
        }
        let units = orders + rng.below(2);
        let _ = write!(out, "{orders},{units},{}.00%,{orders},{},", (orders * 100).checked_div(clicks).unwrap_or(0), units - orders);
        money(&mut out, sales);
        out.push_str(",$0.00\n");
    }
    out.into_bytes()
}

/// A Business Report by child item of about `target_bytes`.
pub fn business_child_csv(target_bytes: usize, seed: u64) -> Vec<u8> {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(target_bytes + 4096);
    out.push('\u{feff}');
    out.push_str("(Parent) ASIN,(Child) ASIN,Title,SKU,Sessions - Total,Sessions - Total - B2B,Session Percentage - Total,Session Percentage - Total - B2B,Page Views - Total,Page Views - Total - B2B,Page Views Percentage - Total,Page Views Percentage - Total - B2B,Featured Offer (Buy Box) Percentage,Featured Offer (Buy Box) Percentage - B2B,Units Ordered,Units Ordered - B2B,Unit Session Percentage,Unit Session Percentage - B2B,Ordered Product Sales,Ordered Product Sales - B2B,Total Order Items,Total Order Items - B2B\r\n");
    let mut row = 0u64;
    while out.len() < target_bytes {
        row += 1;
        let sessions = rng.below(20_000);
        let units = rng.below(sessions / 10 + 1);
        let _ = write!(out, "B0P{:07},B0C{:07},\"BasicGear {} {}, {} in, for {}\",SKU-{row},", row / 5, row, WORDS[rng.below(40) as usize], WORDS[rng.below(40) as usize], rng.below(30), WORDS[rng.below(40) as usize]);
        count(&mut out, sessions);
        let _ = write!(out, ",{},1.{:02}%,0.50%,", rng.below(300), rng.below(100));
        count(&mut out, sessions + rng.below(5000));
        let _ = write!(out, ",{},1.10%,0.40%,{}.{:02}%,100.00%,{units},{},5.63%,1.92%,", rng.below(300), 90 + rng.below(10), rng.below(100), rng.below(5));
        money(&mut out, units * (999 + rng.below(3000)));
        out.push(',');
        money(&mut out, rng.below(10_000));
        let _ = write!(out, ",{units},{}\r\n", rng.below(5));
    }
    out.into_bytes()
}
