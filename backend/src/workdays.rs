//! Working days on the French public-holiday calendar, as the administration counts its answer
//! deadlines: Monday to Friday, except the eleven public holidays of metropolitan France —
//! eight on fixed dates, three from Easter (computed for any year, never typed in) — and the
//! days admins add (a "pont", a local holiday: `extra_holidays`).

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Easter Sunday of `year` (Gregorian calendar; the anonymous algorithm of Meeus/Jones/Butcher).
pub fn easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is a date")
}

/// Where a public holiday comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidayKind {
    /// Same date every year (1 January, 1 May…).
    Fixed,
    /// Counted from Easter (Easter Monday, Ascension, Whit Monday).
    Easter,
}

/// The public holidays of `year` with their French names, in date order.
pub fn public_holidays(year: i32) -> Vec<(NaiveDate, &'static str, HolidayKind)> {
    let fixed = |m: u32, d: u32, name: &'static str| {
        (NaiveDate::from_ymd_opt(year, m, d).expect("a date"), name, HolidayKind::Fixed)
    };
    let e = easter(year);
    let after =
        |n: u64, name: &'static str| (e.checked_add_days(Days::new(n)).expect("a date"), name, HolidayKind::Easter);
    let mut days = vec![
        fixed(1, 1, "Jour de l'an"),
        after(1, "Lundi de Pâques"),
        fixed(5, 1, "Fête du Travail"),
        fixed(5, 8, "Victoire 1945"),
        after(39, "Ascension"),
        after(50, "Lundi de Pentecôte"),
        fixed(7, 14, "Fête nationale"),
        fixed(8, 15, "Assomption"),
        fixed(11, 1, "Toussaint"),
        fixed(11, 11, "Armistice 1918"),
        fixed(12, 25, "Noël"),
    ];
    days.sort_by_key(|(d, ..)| *d);
    days
}

/// The calendar deadlines are counted on: the public holidays, and the days admins added.
#[derive(Debug, Clone, Default)]
pub struct WorkingCalendar {
    extra: BTreeSet<NaiveDate>,
}

impl WorkingCalendar {
    pub fn new(extra: impl IntoIterator<Item = NaiveDate>) -> Self {
        WorkingCalendar { extra: extra.into_iter().collect() }
    }

    fn is_public_holiday(day: NaiveDate) -> bool {
        let fixed = matches!(
            (day.month(), day.day()),
            (1, 1) | (5, 1) | (5, 8) | (7, 14) | (8, 15) | (11, 1) | (11, 11) | (12, 25)
        );
        if fixed {
            return true;
        }
        let since_easter = (day - easter(day.year())).num_days();
        matches!(since_easter, 1 | 39 | 50)
    }

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
            && !Self::is_public_holiday(day)
            && !self.extra.contains(&day)
    }

    /// The `n`th working day after `day` (the day itself not counted): a deadline of `n`
    /// working days from a question asked on `day`.
    pub fn add_working_days(&self, day: NaiveDate, n: u32) -> NaiveDate {
        let mut d = day;
        let mut left = n;
        while left > 0 {
            d = d.succ_opt().expect("a date after");
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }

    /// Working days after `from` up to and including `to` (0 when `to` is not after `from`):
    /// how long an answer given on `to` took for a question asked on `from`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i32 {
        let mut n = 0;
        let mut d = from;
        while d < to {
            d = d.succ_opt().expect("a date after");
            if self.is_working_day(d) {
                n += 1;
            }
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn easter_is_computed_for_any_year() {
        // Known Easter Sundays, including the extremes of the range (22 March, 25 April).
        for (y, m, d) in [
            (2018, 4, 1),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2038, 4, 25),
            (2285, 3, 22),
        ] {
            assert_eq!(easter(y), day(y, m, d), "{y}");
        }
    }

    #[test]
    fn the_eleven_holidays_of_2026() {
        let h: Vec<String> = public_holidays(2026).iter().map(|(d, ..)| d.to_string()).collect();
        assert_eq!(
            h,
            [
                "2026-01-01",
                "2026-04-06",
                "2026-05-01",
                "2026-05-08",
                "2026-05-14",
                "2026-05-25",
                "2026-07-14",
                "2026-08-15",
                "2026-11-01",
                "2026-11-11",
                "2026-12-25"
            ]
        );
    }

    #[test]
    fn deadlines_skip_weekends_holidays_and_added_days() {
        let cal = WorkingCalendar::default();
        // Asked Friday 30 April 2027: Monday 3 May is the first working day (1 May is a
        // Saturday), 8 May a Saturday; Ascension is Thursday 6 May 2027.
        assert_eq!(cal.add_working_days(day(2027, 4, 30), 1), day(2027, 5, 3));
        assert_eq!(cal.add_working_days(day(2027, 4, 30), 4), day(2027, 5, 7));
        // 15 working days from Monday 7 December 2026: Christmas (Friday) is skipped.
        assert_eq!(cal.add_working_days(day(2026, 12, 7), 15), day(2026, 12, 29));
        let with_bridge = WorkingCalendar::new([day(2026, 12, 24)]);
        assert_eq!(with_bridge.add_working_days(day(2026, 12, 7), 15), day(2026, 12, 30));
        assert_eq!(cal.working_days_between(day(2026, 12, 7), day(2026, 12, 29)), 15);
        assert_eq!(cal.working_days_between(day(2026, 12, 7), day(2026, 12, 7)), 0);
        assert_eq!(cal.working_days_between(day(2026, 12, 11), day(2026, 12, 14)), 1, "Friday to Monday");
    }
}
