//! "Today" is the shopper's calendar day, not UTC's; instants stay in UTC.

use anprobe::store::date::{self, Day, local_day};
use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since 1970 of a day and a time in UTC.
fn utc(day: Day, hour: i64, minute: i64) -> i64 {
    day.to_days() * 86_400 + hour * 3600 + minute * 60
}

#[test]
fn the_local_day_turns_at_local_midnight() {
    let march_1 = date::parse("2026-03-01").unwrap();
    let hour = 3600;
    // 23:30 UTC on 1 March: already 2 March in Berlin (UTC+1), still 1 March in New York.
    let late = utc(march_1, 23, 30);
    assert_eq!(local_day(late, 0).to_string(), "2026-03-01");
    assert_eq!(local_day(late, hour).to_string(), "2026-03-02");
    assert_eq!(local_day(late, -5 * hour).to_string(), "2026-03-01");
    // 00:30 UTC on 1 March: still the last day of February in New York (a leap-free year).
    let early = utc(march_1, 0, 30);
    assert_eq!(local_day(early, -5 * hour).to_string(), "2026-02-28");
    assert_eq!(local_day(early, 14 * hour).to_string(), "2026-03-01");
    // Offsets of half and three quarters of an hour (India, Nepal), and the year's turn.
    let new_year = utc(date::parse("2026-12-31").unwrap(), 18, 20);
    assert_eq!(
        local_day(new_year, 5 * hour + 1800).to_string(),
        "2026-12-31"
    );
    assert_eq!(
        local_day(new_year, 5 * hour + 2700).to_string(),
        "2027-01-01"
    );
    // Before 1970.
    assert_eq!(local_day(-1, 0).to_string(), "1969-12-31");
}

#[test]
fn today_is_a_date_within_a_day_of_utc() {
    let before = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let today = date::today_local();
    let after = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let day = date::parse(&today).unwrap();
    assert_eq!(day.to_string(), today, "YYYY-MM-DD");
    // Every time zone is within 14 hours of UTC (26 hours apart at most).
    let earliest = local_day(before, -14 * 3600);
    let latest = local_day(after, 14 * 3600);
    assert!(earliest <= day && day <= latest, "{today}");
}
