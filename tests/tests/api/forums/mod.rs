//! Forums: listing and its filters, one forum by id or slug, writes by officials and admins,
//! validation, sanitised descriptions and keyset pagination. The seeded forums and the helpers
//! the forum and comment tests share are here; the tests are in one module per feature.

mod changing;
mod creating;
mod listing;
mod paging;

use std::time::{SystemTime, UNIX_EPOCH};

use opendetat_tests::*;

// The seeded forums, by start date: the first cycle's five (2018), then three more.
pub(crate) const ESSAI: &str = "2018-07-premier-forum-open-detat";
pub(crate) const COMMANDE: &str = "2018-09-transparence-commande-publique";
pub(crate) const CONSULTATION_2018: &str = "2018-12-consultation-publique";
pub(crate) const ALGORITHMES: &str = "2018-10-transparence-algorithmes-publics";
pub(crate) const DONNEES: &str = "2018-11-donnees-ouvertes";
pub(crate) const SCIENCE: &str = "2026-06-science-ouverte";
pub(crate) const DIALOGUE: &str = "2027-01-espace-de-dialogue-en-ligne";
pub(crate) const CONSULTATION: &str = "2027-03-consultation-et-developpement-durable";
pub(crate) const SEEDED: [&str; 8] =
    [ESSAI, COMMANDE, ALGORITHMES, DONNEES, CONSULTATION_2018, SCIENCE, DIALOGUE, CONSULTATION];
/// How many forums the seed has.
pub(crate) const N: i64 = SEEDED.len() as i64;

// ---------------------------------------------------------------------------------------------
// Helpers (also used by the comment tests)
// ---------------------------------------------------------------------------------------------

pub(crate) fn ids(items: &[Value]) -> Vec<i64> {
    items.iter().map(|i| i["id"].as_i64().expect("an id")).collect()
}

pub(crate) fn slugs(items: &[Value]) -> Vec<String> {
    items.iter().map(|i| i["slug"].as_str().expect("a slug").to_string()).collect()
}

/// The `items` of one page.
pub(crate) fn page_items(app: &TestApp, path: &str) -> Vec<Value> {
    app.get(path).expect(200).json()["items"].as_array().expect("items").clone()
}

/// The fields named by a validation problem, sorted.
pub(crate) fn field_names(problem: &Value) -> Vec<String> {
    let mut names: Vec<String> = problem["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no errors in {problem}"))
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Nanoseconds since the epoch of an RFC 3339 UTC instant (`YYYY-MM-DDTHH:MM:SS[.f]Z`);
/// panics on anything else (another offset included).
pub(crate) fn utc_nanos(ts: &str) -> i128 {
    let bad = || -> ! { panic!("not an RFC 3339 UTC instant: {ts:?}") };
    let rest = ts.strip_suffix('Z').unwrap_or_else(|| bad());
    let (date, time) = rest.split_once('T').unwrap_or_else(|| bad());
    let d: Vec<i64> = date.split('-').map(|p| p.parse::<i64>().unwrap_or_else(|_| bad())).collect();
    let (hms, frac) = match time.split_once('.') {
        Some((hms, frac)) => (hms, frac),
        None => (time, ""),
    };
    let t: Vec<i64> = hms.split(':').map(|p| p.parse::<i64>().unwrap_or_else(|_| bad())).collect();
    if d.len() != 3 || t.len() != 3 || date.len() != 10 || hms.len() != 8 || frac.len() > 9 {
        bad();
    }
    if !frac.chars().all(|c| c.is_ascii_digit()) {
        bad();
    }
    let nanos: i128 = if frac.is_empty() { 0 } else { format!("{frac:0<9}").parse().unwrap() };
    // Days from the civil date (H. Hinnant's algorithm).
    let (y, m, day) = (if d[1] <= 2 { d[0] - 1 } else { d[0] }, d[1], d[2]);
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + day - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    let secs = days * 86_400 + t[0] * 3600 + t[1] * 60 + t[2];
    secs as i128 * 1_000_000_000 + nanos
}

pub(crate) fn now_nanos() -> i128 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos() as i128
}

pub(crate) fn commitment_codes(forum: &Value) -> Vec<String> {
    forum["commitments"].as_array().unwrap().iter().map(|c| c["code"].as_str().unwrap().to_string()).collect()
}

pub(crate) fn all_forums(app: &TestApp) -> Vec<Value> {
    page_items(app, "/forums?limit=100")
}
