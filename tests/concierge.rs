//! The concierge's sentences, as the command line and the JSON read them: a return's fit
//! feedback named region by region, a return window counted down to its last day.

use anprobe::concierge::{About, Returned};
use anprobe::garment::{Region, Verdict};

#[test]
fn a_return_without_feedback_reads_not_right_and_with_it_names_each_region() {
    let none = Returned {
        name: "Oxford Shirt".into(),
        fit: vec![],
    };
    assert_eq!(none.said(), "not right");
    let two = Returned {
        name: "Oxford Shirt".into(),
        fit: vec![
            (Region::Chest, Verdict::Tight),
            (Region::Sleeve, Verdict::Long),
        ],
    };
    assert_eq!(
        two.said(),
        "too tight at the chest and too long at the sleeve"
    );
}

#[test]
fn a_return_window_counts_down_to_the_last_day() {
    let about = |days_left| About::ReturnBy {
        name: "Blouse Colette".into(),
        order_number: "A-17".into(),
        days_left,
    };
    assert_eq!(
        about(2).english("Atelier Ravel", "2026-11-02"),
        "return the Blouse Colette (order A-17 at Atelier Ravel) by 2026-11-02: 2 days left"
    );
    assert!(about(1).english("R", "d").ends_with(": 1 day left"));
    assert!(
        about(0)
            .english("R", "d")
            .ends_with(": today is the last day")
    );
}
