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

/// The header of the same report downloaded with the daily time unit: Amazon replaces the
/// `Start Date` and `End Date` columns with one `Date` column; the rest is unchanged.
pub const SEARCH_TERM_DAILY_HEADER: &str = "Date,Portfolio name,Currency,Campaign Name,Ad Group Name,Retailer,Country,Targeting,Match Type,Customer Search Term,Impressions,Clicks,Click-Thru Rate (CTR),Cost Per Click (CPC),Spend,7 Day Total Sales ,Total Advertising Cost of Sales (ACOS) ,Total Return on Advertising Spend (ROAS),7 Day Total Orders (#),7 Day Total Units (#),7 Day Conversion Rate,7 Day Advertised SKU Units (#),7 Day Other SKU Units (#),7 Day Advertised SKU Sales ,7 Day Other SKU Sales ";

/// How many days the generated daily report covers.
pub const SEARCH_TERM_DAYS: u32 = 60;
/// The exponent of the Zipf law over a target's search terms.
const TERM_EXPONENT: f64 = 1.2;

/// A rank in `0..n` drawn from a Zipf-like law with exponent `s` (inverse of the continuous
/// law's distribution function): rank 0 is the most likely, and the tail is long.
fn zipf(rng: &mut Rng, n: u64, s: f64) -> u64 {
    let u = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
    let n = n as f64;
    let x = if (s - 1.0).abs() < 1e-9 { n.powf(u) } else { ((n.powf(1.0 - s) - 1.0) * u + 1.0).powf(1.0 / (1.0 - s)) };
    (x as u64).saturating_sub(1).min(n as u64 - 1)
}

/// A stable 64-bit mix of two numbers, so a target's n-th most common search term is always the
/// same text.
fn mix(a: u64, b: u64) -> u64 {
    let mut x = a.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ b.wrapping_add(0x632B_E59B_D9B4_E019);
    x ^= x >> 31;
    x = x.wrapping_mul(0xD6E8_FEB8_6659_FD93);
    x ^ (x >> 29)
}

/// One target of the account: a keyword, an auto target or a product target, in an ad group of
/// a campaign. Its text cells are written out once.
struct Target {
    /// `Campaign Name,Ad Group Name,Retailer,Country,Targeting,Match Type,`, CSV-quoted as needed.
    cells: String,
    /// Cost per click in cents, about the same every day.
    cpc: u64,
    /// How many different search terms the target can match: a handful for an exact keyword,
    /// thousands for an auto target or a broad keyword.
    terms: u64,
}

/// The account's fixed population of targets: 150 campaigns (a third of them automatic), 1 to 8
/// ad groups each, and in manual ad groups 3 to 15 keywords or product targets.
fn targets(rng: &mut Rng) -> Vec<Target> {
    let mut targets = Vec::new();
    let auto_targets = ["close-match", "loose-match", "substitutes", "complements"];
    for campaign in 0..150u64 {
        let auto = campaign % 3 == 0;
        let w = |i: u64| WORDS[(i % WORDS.len() as u64) as usize];
        let campaign_name = format!(
            "SP - {} - {} {} - {}",
            if auto { "Auto" } else { "Manual" },
            w(campaign * 7 + 1),
            w(campaign * 3 + 5),
            1000 + campaign
        );
        for ad_group in 0..1 + rng.below(8) {
            let ad_group_name = format!("{} {} - AG{ad_group}", w(campaign + ad_group * 11), w(campaign * 5 + ad_group));
            let mut push = |targeting: String, match_type: &str, terms: u64, rng: &mut Rng| {
                let targeting = if targeting.contains('"') { format!("\"{}\"", targeting.replace('"', "\"\"")) } else { targeting };
                targets.push(Target {
                    cells: format!("{campaign_name},{ad_group_name},Amazon,United States,{targeting},{match_type},"),
                    cpc: 25 + rng.below(250),
                    terms,
                });
            };
            if auto {
                for target in auto_targets {
                    push(target.to_string(), "-", 2_000, rng);
                }
            } else {
                for _ in 0..3 + rng.below(13) {
                    if rng.below(5) == 0 {
                        push(format!("asin=\"B0{:08X}\"", rng.next() as u32), "-", 50, rng);
                    } else {
                        let words = 1 + rng.below(3);
                        let keyword: Vec<&str> = (0..words).map(|_| WORDS[rng.below(WORDS.len() as u64) as usize]).collect();
                        let (match_type, terms) = [("BROAD", 1_000), ("PHRASE", 200), ("EXACT", 8)][rng.below(3) as usize];
                        push(keyword.join(" "), match_type, terms, rng);
                    }
                }
            }
        }
    }
    targets
}

/// Writes the search term with vocabulary index `index`: two to four words, or now and then an
/// ASIN that a shopper's search led to (Amazon lists those as search terms too).
fn search_term(out: &mut String, index: u64) {
    if index % 12 == 11 {
        let _ = write!(out, "b0{:08x}", index);
        return;
    }
    let n = WORDS.len() as u64;
    let mut rest = index;
    let words = 2 + index % 3;
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(WORDS[(rest % n) as usize]);
        rest /= n;
    }
    if rest > 0 {
        let _ = write!(out, " {rest}");
    }
}

/// A Sponsored Products search term report of about `target_bytes`, as Amazon writes it with the
/// daily time unit: one row per day and campaign x ad group x targeting x match type x search
/// term that had an impression that day.
///
/// The shape is that of a real account rather than of random keys:
/// - a fixed population of about 3,000 targets (see `targets`) whose traffic follows a Zipf law
///   (exponent 1): a few targets carry most impressions;
/// - each target's search terms also follow a Zipf law (exponent 1.2) over the terms it can
///   match: 8 for an exact keyword, 50 for a product target, 200 for a phrase keyword, 1,000
///   for a broad one and 2,000 for an auto target; a target's n-th most common term is always
///   the same text, so the same keys come back day after day while a long tail of rare terms
///   appears once or twice;
/// - rows are spread evenly over [`SEARCH_TERM_DAYS`] days, and a key appears at most once a day;
/// - impressions, clicks, spend and sales are small per row (most rows have no order), money
///   is written `$1.23` (quoted with a thousands separator when needed), dates `"Sep 01, 2026"`.
///
/// Distinct keys therefore grow more slowly than rows: 0.40 keys per row at 50 MB (106k keys,
/// 267k rows), 0.28 at 200 MB (295k, 1.07 M) and 0.17 at 1 GB (923k, 5.47 M); 1.0 would be a
/// file where no key repeats.
pub fn search_term_daily_csv(target_bytes: usize, seed: u64) -> Vec<u8> {
    let mut rng = Rng::new(seed);
    let targets = targets(&mut rng);
    let mut out = String::with_capacity(target_bytes + 4096);
    out.push_str(SEARCH_TERM_DAILY_HEADER);
    out.push('\n');
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let first = chrono_free_days_from_civil(2026, 8, 1);
    let mut seen_today = std::collections::HashSet::new();
    for day in 0..SEARCH_TERM_DAYS {
        let (y, m, d) = civil_from_days(first + i64::from(day));
        let date = format!("\"{} {:02}, {y}\",Not grouped,USD,", months[(m - 1) as usize], d);
        let day_end = target_bytes * (day as usize + 1) / SEARCH_TERM_DAYS as usize;
        seen_today.clear();
        while out.len() < day_end {
            let target = zipf(&mut rng, targets.len() as u64, 1.0);
            let rank = zipf(&mut rng, targets[target as usize].terms, TERM_EXPONENT);
            // A key shows at most once a day: a repeat draw is dropped (busy days reach deeper
            // into the tail, as they do in real reports).
            if !seen_today.insert((target, rank)) {
                continue;
            }
            let t = &targets[target as usize];
            out.push_str(&date);
            out.push_str(&t.cells);
            // Targets of the same ad group share most of their search terms' vocabulary.
            search_term(&mut out, mix(target / 8, rank) % 3_000_000);
            out.push(',');
            let impressions = 1 + zipf(&mut rng, 2_000, 1.3);
            let clicks = if rng.below(4) == 0 { 1 + zipf(&mut rng, impressions.min(50), 1.5) } else { 0 };
            let cpc = t.cpc + rng.below(20);
            let spend = clicks * cpc;
            let orders = if clicks > 0 && rng.below(8) == 0 { 1 + rng.below(clicks.min(3)) } else { 0 };
            let sales = orders * (999 + rng.below(5000));
            traffic_cells(&mut out, impressions, clicks, (clicks > 0).then_some(cpc), spend, sales);
            let units = orders + u64::from(orders > 0 && rng.below(4) == 0);
            let _ = write!(out, "{orders},{units},{}.00%,{orders},{},", (orders * 100).checked_div(clicks).unwrap_or(0), units - orders);
            money(&mut out, sales);
            out.push_str(",$0.00\n");
        }
    }
    out.into_bytes()
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm), so the generator needs no
/// date crate.
fn chrono_free_days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}


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
        traffic_cells(&mut out, impressions, clicks, Some(cpc), spend, sales);
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

/// Writes the cells both layouts share, from impressions to ROAS: impressions (grouped), clicks,
/// CTR, CPC (blank without clicks), spend, sales, ACoS and ROAS (blank ACoS without sales), each
/// followed by its comma.
fn traffic_cells(out: &mut String, impressions: u64, clicks: u64, cpc: Option<u64>, spend: u64, sales: u64) {
    count(out, impressions);
    let _ = write!(out, ",{clicks},{}.{:02}%,", clicks * 100 / impressions, (clicks * 10_000 / impressions) % 100);
    if let Some(cpc) = cpc {
        money(out, cpc);
    }
    out.push(',');
    money(out, spend);
    out.push(',');
    money(out, sales);
    match ((spend * 100).checked_div(sales), (spend * 10_000).checked_div(sales)) {
        (Some(acos), Some(acos_hundredths)) => {
            let _ = write!(out, ",{acos}.{:02}%,{}.{:02},", acos_hundredths % 100, sales / spend.max(1), sales % 100);
        }
        _ => out.push_str(",,0.00,"),
    }
}
