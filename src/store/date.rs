//! Calendar dates: ISO 8601 / RFC 3339 checks, days-from-civil arithmetic, and "today".
//!
//! The store keeps dates as the text the caller gave (`YYYY-MM-DD` or an RFC 3339 timestamp such
//! as `2026-03-01T14:05:00+01:00`); this module checks them and does the little arithmetic the
//! store needs (return deadlines, backup file names). "Today" is the shopper's own calendar day
//! ([`today_local`], the computer's time zone, read through `chrono`); instants such as file
//! stamps stay in UTC.

use std::time::{SystemTime, UNIX_EPOCH};

/// A calendar day (proleptic Gregorian).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    /// The year (proleptic Gregorian).
    pub year: i64,
    /// The month, 1–12.
    pub month: u32,
    /// The day of the month, 1–31.
    pub day: u32,
}

impl Day {
    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }

    /// The day `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Day {
        let (year, month, day) = civil_from_days(days);
        Day { year, month, day }
    }

    /// This day plus `n` days.
    pub fn plus_days(self, n: i64) -> Day {
        Day::from_days(self.to_days() + n)
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date `(year, month, day)` of a day count since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        _ => 28,
    }
}

fn digits(s: &str, range: std::ops::Range<usize>) -> Option<u32> {
    let part = s.get(range)?;
    if part.bytes().all(|b| b.is_ascii_digit()) {
        part.parse().ok()
    } else {
        None
    }
}

/// Parses `YYYY-MM-DD` or an RFC 3339 timestamp (`YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`) and
/// returns its calendar day (the day as written, in the timestamp's own offset).
pub fn parse(text: &str) -> Result<Day, String> {
    let s = text.trim();
    let expect = "expected a date like 2026-03-01 or 2026-03-01T14:05:00Z";
    let bytes = s.as_bytes();
    if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return Err(format!("{s:?} is not a date: {expect}"));
    }
    let (Some(year), Some(month), Some(day)) = (digits(s, 0..4), digits(s, 5..7), digits(s, 8..10))
    else {
        return Err(format!("{s:?} is not a date: {expect}"));
    };
    let year = i64::from(year);
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return Err(format!("{s:?} is not a calendar date"));
    }
    if bytes.len() > 10 {
        check_time(&s[10..]).map_err(|why| format!("{s:?} is not an RFC 3339 timestamp: {why}"))?;
    }
    Ok(Day { year, month, day })
}

/// Checks the part of an RFC 3339 timestamp after the date: `THH:MM:SS[.frac](Z|±HH:MM)`.
fn check_time(rest: &str) -> Result<(), &'static str> {
    let b = rest.as_bytes();
    if !matches!(b[0], b'T' | b't' | b' ') {
        return Err("the time must follow a 'T'");
    }
    if b.len() < 9 || b[3] != b':' || b[6] != b':' {
        return Err("expected the time as HH:MM:SS");
    }
    let (Some(h), Some(m), Some(sec)) =
        (digits(rest, 1..3), digits(rest, 4..6), digits(rest, 7..9))
    else {
        return Err("expected the time as HH:MM:SS");
    };
    if h > 23 || m > 59 || sec > 60 {
        return Err("the time is out of range");
    }
    let mut i = 9;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return Err("a decimal point must be followed by digits");
        }
    }
    match &rest[i..] {
        "Z" | "z" => Ok(()),
        offset if offset.len() == 6 && matches!(offset.as_bytes()[0], b'+' | b'-') => {
            match (
                digits(offset, 1..3),
                offset.as_bytes()[3],
                digits(offset, 4..6),
            ) {
                (Some(oh), b':', Some(om)) if oh <= 23 && om <= 59 => Ok(()),
                _ => Err("the offset must be Z or ±HH:MM"),
            }
        }
        _ => Err("the offset must be Z or ±HH:MM"),
    }
}

/// The calendar day `days` after `date`, as `YYYY-MM-DD`.
pub fn add_days(date: &str, days: i64) -> Result<String, String> {
    Ok(parse(date)?.plus_days(days).to_string())
}

/// Seconds and milliseconds since the Unix epoch, now.
fn now() -> (i64, u32) {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    (since.as_secs() as i64, since.subsec_millis())
}

/// Today where the shopper is (the computer's time zone), `YYYY-MM-DD`: the default date of
/// everything the shopper records (a wishlist item, an order, a return, a measurement) and the
/// day return deadlines are counted from. Around midnight it differs from the UTC date.
pub fn today_local() -> String {
    let now = chrono::Local::now();
    local_day(now.timestamp(), now.offset().local_minus_utc()).to_string()
}

/// The calendar day at `unix_secs` on a clock `offset_secs` ahead of UTC (negative: behind).
pub fn local_day(unix_secs: i64, offset_secs: i32) -> Day {
    Day::from_days((unix_secs + i64::from(offset_secs)).div_euclid(86_400))
}

/// A compact UTC timestamp for file names, to the millisecond: `20260301T140500123Z`.
pub fn file_stamp() -> String {
    let (secs, millis) = now();
    let day = Day::from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}{:03}Z",
        day.year,
        day.month,
        day.day,
        s / 3600,
        s / 60 % 60,
        s % 60,
        millis
    )
}
