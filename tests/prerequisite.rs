//! What a test does when something it needs from the machine is missing (the survey files in
//! `../shared/data`, a folder that can be made read-only, a home directory): it says so loudly
//! and stops — and under `ANPROBE_REQUIRE_ALL=1` (CI sets it) it fails, so that a missing
//! prerequisite never passes for a test that ran.

/// The environment variable under which a missing prerequisite fails the test.
pub const REQUIRE_ALL_ENV: &str = "ANPROBE_REQUIRE_ALL";

/// Whether a missing prerequisite must fail (`ANPROBE_REQUIRE_ALL=1`).
pub fn required() -> bool {
    std::env::var(REQUIRE_ALL_ENV).is_ok_and(|v| v == "1")
}

/// Reports that `test` cannot run here because `what` is missing: panics under
/// `ANPROBE_REQUIRE_ALL=1`, otherwise writes a `SKIPPED` line straight to stderr (past libtest's
/// capture, so it shows in every test log) and returns; the caller then returns too.
///
/// ```ignore
/// let Some(dir) = survey_dir() else {
///     return prerequisite::missing("model::committed_model…", "the ANSUR II files in ../shared/data");
/// };
/// ```
#[track_caller]
pub fn missing(test: &str, what: &str) {
    if required() {
        panic!("{test} cannot run: it needs {what} ({REQUIRE_ALL_ENV}=1 makes this a failure)");
    }
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: it needs {what}; with {REQUIRE_ALL_ENV}=1 this fails"
    );
}

/// The folder of the ANSUR II survey files, `../shared/data` beside the checkout (developers and
/// CI have it; a shopper's clone does not). When it is absent, `test` is reported as
/// [`missing`] and `None` is returned.
#[track_caller]
pub fn survey_dir(test: &str) -> Option<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if dir.join("ansur2_male_train.csv").is_file() && dir.join("ansur2_female_train.csv").is_file()
    {
        Some(dir)
    } else {
        missing(
            test,
            &format!("the ANSUR II survey files in {}", dir.display()),
        );
        None
    }
}
