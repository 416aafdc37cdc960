//! kill -9 during writes loses no committed record.

use super::{StDir, st_body, st_open, st_order, st_wish};
use anprobe::store::Store;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The libtest name of a function in this module, e.g. `store::kill_nine::kill_writer_child`.
fn st_test_name(function: &str) -> String {
    match module_path!().split_once("::") {
        Some((_, module)) => format!("{module}::{function}"),
        None => function.to_string(),
    }
}

/// The env var that turns [`kill_writer_child`] into the writer process.
const ST_KILL_WRITER_ENV: &str = "ANPROBE_KILL_WRITER_DIR";

/// Not a test: the writer process of [`kill_nine_during_writes_loses_no_committed_record`],
/// which starts this test binary with `--ignored --exact store::kill_nine::kill_writer_child`
/// and `ANPROBE_KILL_WRITER_DIR` set, then kills it. It adds records for 10 s at most, printing
/// each id only after its transaction committed.
///
/// An ignored entry point of this one test binary rather than a helper binary: a `[[bin]]`
/// would ship to every shopper with `cargo install`, and a separate test target would be a
/// second link of the crate (the project keeps one test binary). Started any other way (e.g. by
/// `cargo test -- --ignored`), it fails rather than pass for a test that never ran.
#[test]
#[ignore = "not a test: the writer process that kill_nine_during_writes_loses_no_committed_record starts and kills"]
fn kill_writer_child() {
    let Some(dir) = std::env::var_os(ST_KILL_WRITER_ENV) else {
        panic!(
            "kill_writer_child is not a test but the writer process of \
             kill_nine_during_writes_loses_no_committed_record, which starts it with \
             {ST_KILL_WRITER_ENV} set; run that test instead"
        );
    };
    let (mut store, _) = Store::open(&dir).expect("writer opens the store");
    let mut out = std::io::stdout().lock();
    let profile = match store.profiles().unwrap().first() {
        Some(p) => p.id,
        None => store.add_profile("Writer", "2026-01-01").unwrap(),
    };
    writeln!(out, "ANPROBE-READY {profile}").unwrap();
    out.flush().unwrap();
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_secs(10) {
        n += 1;
        let line = match n % 3 {
            0 => format!(
                "w {}",
                store.add_wishlist(&st_wish(&format!("K-{n}"))).unwrap()
            ),
            1 => {
                let order = st_order(
                    "Zalando",
                    &format!("K-{}-{n}", std::process::id()),
                    "2026-01-01",
                );
                format!("o {}", store.add_order(&order).unwrap())
            }
            _ => {
                let body = st_body(80.0 + (n % 40) as f64);
                format!(
                    "m {}",
                    store
                        .add_measurements(profile, &body, "2026-01-02")
                        .unwrap()
                )
            }
        };
        writeln!(out, "ANPROBE-ID {line}").unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn kill_nine_during_writes_loses_no_committed_record() {
    let dir = StDir::new("kill9");
    let exe = std::env::current_exe().expect("test binary");
    let name = st_test_name("kill_writer_child");
    let mut printed: Vec<(String, i64)> = Vec::new();
    let mut profile = None;
    let started = Instant::now();
    for iteration in 0..200u64 {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                &name,
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(ST_KILL_WRITER_ENV, &dir.path)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn the writer");
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut stdout = BufReader::new(stdout);
            loop {
                let mut line = String::new();
                match stdout.read_line(&mut line) {
                    // Only whole lines count: a kill can cut the last one.
                    Ok(n) if n > 0 && line.ends_with('\n') => {
                        if tx.send(line).is_err() {
                            break;
                        }
                    }
                    _ => break,
                }
            }
        });
        let mut seed = iteration.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_micros(seed % 30_000);
        let mut lines = Vec::new();
        if iteration % 2 == 1 {
            // Half the kills land while writing, counted from the writer's first record...
            let deadline = Instant::now() + Duration::from_secs(20);
            while Instant::now() < deadline {
                match rx.recv_timeout(Duration::from_millis(50)) {
                    Ok(line) if line.contains("ANPROBE-READY") => {
                        lines.push(line);
                        break;
                    }
                    Ok(line) => lines.push(line),
                    Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                    Err(_) => break,
                }
            }
        }
        // ...the other half anywhere from start-up on.
        std::thread::sleep(delay);
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
        reader.join().unwrap();
        lines.extend(rx.try_iter());

        let mut fresh = Vec::new();
        for line in &lines {
            // libtest may print "test NAME ... " in front of the first line.
            let Some(start) = line.find("ANPROBE-") else {
                continue;
            };
            let mut words = line[start..].split_whitespace();
            match (words.next(), words.next(), words.next()) {
                (Some("ANPROBE-ID"), Some(kind), Some(id)) => {
                    fresh.push((kind.to_string(), id.parse::<i64>().unwrap()))
                }
                (Some("ANPROBE-READY"), Some(id), None) => {
                    profile = Some(id.parse::<i64>().unwrap())
                }
                _ => {}
            }
        }
        let (store, report) = Store::open(&dir.path).expect("reopens after kill -9");
        assert!(
            report.recovered_from.is_none() && report.checksum_failures.is_empty(),
            "iteration {iteration}: {:?}",
            report.warnings
        );
        for (kind, id) in &fresh {
            let present = match kind.as_str() {
                "w" => store.wishlist_item(*id).is_ok(),
                "o" => store.order(*id).is_ok_and(|o| o.items.len() == 2),
                _ => store
                    .measurement_history(profile.unwrap())
                    .unwrap()
                    .iter()
                    .any(|s| s.id == *id),
            };
            assert!(present, "iteration {iteration}: committed {kind} {id} lost");
        }
        printed.extend(fresh);
        let check = store.check().unwrap();
        assert_eq!(check.integrity, ["ok"], "iteration {iteration}");
        assert!(check.checksum_failures.is_empty(), "iteration {iteration}");
    }
    // Every id printed over all the kills is still there.
    let store = st_open(&dir.path);
    let wishlist: BTreeSet<i64> = store
        .list_wishlist()
        .unwrap()
        .iter()
        .map(|w| w.id)
        .collect();
    let orders: BTreeSet<i64> = store
        .list_orders(usize::MAX)
        .unwrap()
        .iter()
        .map(|o| o.id)
        .collect();
    let snapshots: BTreeSet<i64> = match profile {
        Some(p) => store
            .measurement_history(p)
            .unwrap()
            .iter()
            .map(|s| s.id)
            .collect(),
        None => BTreeSet::new(),
    };
    for (kind, id) in &printed {
        let set = match kind.as_str() {
            "w" => &wishlist,
            "o" => &orders,
            _ => &snapshots,
        };
        assert!(set.contains(id), "committed {kind} {id} lost");
    }
    assert!(
        printed.len() >= 100,
        "only {} records were written",
        printed.len()
    );
    eprintln!(
        "kill -9: 200 kills, {} committed records checked, {:.1} s",
        printed.len(),
        started.elapsed().as_secs_f64()
    );
}
