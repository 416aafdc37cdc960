//! The one vocabulary of regions and verdicts as a shopper meets it: the feedback a returned
//! garment's region can get (the return form and `order return --fit` offer these).

use anprobe::garment::{Region, Verdict};

#[test]
fn a_girth_is_never_too_long_and_a_length_never_too_tight() {
    for region in Region::ALL {
        let offered = region.feedback_verdicts();
        assert!(offered.contains(&Verdict::Good), "{region:?}: {offered:?}");
        assert!(
            offered.iter().all(|v| Verdict::FEEDBACK.contains(v)),
            "{region:?} offers a verdict the store does not keep: {offered:?}"
        );
        let lengthwise = offered.contains(&Verdict::Short) || offered.contains(&Verdict::Long);
        let roundwise = offered.contains(&Verdict::Tight) || offered.contains(&Verdict::Loose);
        assert_eq!(lengthwise, region.is_length(), "{region:?}: {offered:?}");
        assert_eq!(roundwise, !region.is_length(), "{region:?}: {offered:?}");
    }
}
