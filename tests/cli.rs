//! Tests: cli — the built `anprobe` binary: exit codes 0/1/2, messages that name the file or the
//! key, and never a panic. `avatar` and `screenshot` here; `fit` in `cli/fit.rs`, `size` in `cli/size.rs`, `catalog add|update|list` in `cli/catalog.rs`, `recommend` and `alternatives` in `cli/concierge.rs`, `garment validate` in `cli/garment.rs`,
//! the store commands (`data`, `wishlist`, `order`, `--data-dir`) in `cli/store.rs`.

mod catalog;
mod concierge;
mod fit;
mod garment;
mod size;
mod store;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A scratch folder of its own for each test.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("anprobe-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the binary; no run may panic.
fn anprobe(args: &[&dyn AsRef<OsStr>]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_anprobe"));
    command.args(args.iter().map(|a| a.as_ref()));
    run_command(command)
}

/// Runs a prepared command of the binary (arguments, environment); no run may panic.
fn run_command(mut command: Command) -> Run {
    let output = command.output().expect("the binary runs");
    let run = Run {
        code: output.status.code().expect("exited, not killed"),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "panic: {}", run.stderr);
    run
}

const GOOD: &str =
    r#"{"form": "male", "unit": "cm", "stature": 180, "chest_girth": 100, "weight_kg": 80}"#;

fn avatar(measurements: &Path, out: &Path, report: Option<&Path>) -> Run {
    match report {
        Some(r) => anprobe(&[
            &"avatar",
            &"--measurements",
            &measurements,
            &"--out",
            &out,
            &"--report",
            &r,
        ]),
        None => anprobe(&[&"avatar", &"--measurements", &measurements, &"--out", &out]),
    }
}

/// Exit code 1 with the needle named on stderr, and nothing written.
fn assert_fails(run: &Run, needle: &str, out: &Path) {
    assert_eq!(run.code, 1, "stderr: {}", run.stderr);
    assert!(
        run.stderr.contains(needle),
        "stderr should name {needle}: {}",
        run.stderr
    );
    assert!(!out.exists(), "nothing written on failure");
}

#[test]
fn avatar_writes_glb_and_report() {
    let dir = Scratch::new("good");
    let m = dir.file("m.json", GOOD);
    let (out, report) = (dir.path("avatar.glb"), dir.path("report.json"));
    let run = avatar(&m, &out, Some(&report));
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let glb = std::fs::read(&out).unwrap();
    let gltf = gltf::Gltf::from_slice(&glb).expect("a valid glb");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(report["report"], "anprobe.avatar");
    assert_eq!(report["form"], "male");
    assert_eq!(report["form_source"], "typed");
    let list = report["measurements"].as_array().unwrap();
    assert_eq!(list.len(), anprobe::measurements::Key::COUNT);
    let keys: Vec<&str> = list.iter().map(|m| m["key"].as_str().unwrap()).collect();
    assert_eq!(keys, anprobe::measurements::Key::ALL.map(|k| k.as_str()));
    assert_eq!(list[0]["value"], 180.0);
    assert_eq!(list[0]["source"], "typed");
    assert_eq!(list[1]["source"], "predicted");
    assert!(
        list.iter().all(|m| m["measured"].is_f64()),
        "every key measured"
    );
    let accessor = gltf
        .meshes()
        .next()
        .unwrap()
        .primitives()
        .next()
        .unwrap()
        .get(&gltf::Semantic::Positions)
        .unwrap();
    assert_eq!(report["mesh"]["vertices"], accessor.count());
}

#[test]
fn avatar_report_to_stdout_in_inches() {
    let dir = Scratch::new("stdout");
    let m = dir.file("m.json", r#"{"unit": "in", "stature": 65}"#);
    let out = dir.path("avatar.glb");
    let run = anprobe(&[&"avatar", &"-m", &m, &"-o", &out, &"--report", &"-"]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let report: serde_json::Value =
        serde_json::from_str(&run.stdout).expect("the report on stdout");
    assert_eq!(report["form"], "female");
    assert_eq!(report["form_source"], "predicted");
    assert_eq!(report["measurements"][0]["unit"], "cm");
    assert_eq!(report["measurements"][0]["value"], 165.1);
    assert!(out.exists());
}

#[test]
fn warnings_do_not_stop_the_avatar() {
    let dir = Scratch::new("warning");
    let m = dir.file("m.json", r#"{"stature": 170, "weight_kg": 40}"#);
    let out = dir.path("avatar.glb");
    let run = avatar(&m, &out, None);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert!(
        run.stderr.contains("warning") && run.stderr.contains("weight_kg: "),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty(), "stdout stays clean: {}", run.stdout);
    assert!(out.exists());
}

#[test]
fn invalid_json_names_the_file() {
    let dir = Scratch::new("syntax");
    let m = dir.file("broken.json", r#"{"stature": 170,"#);
    let out = dir.path("avatar.glb");
    assert_fails(&avatar(&m, &out, None), "broken.json", &out);
}

#[test]
fn unknown_key_is_named() {
    let dir = Scratch::new("unknown");
    let m = dir.file("m.json", r#"{"stature": 170, "waste_girth": 80}"#);
    let out = dir.path("avatar.glb");
    let run = avatar(&m, &out, None);
    assert_fails(&run, "waste_girth", &out);
    assert!(run.stderr.contains("m.json"), "{}", run.stderr);
}

#[test]
fn implausible_values_are_each_listed() {
    let dir = Scratch::new("implausible");
    let m = dir.file("m.json", r#"{"stature": 17, "waist_girth": -5}"#);
    let out = dir.path("avatar.glb");
    let run = avatar(&m, &out, None);
    assert_fails(&run, "stature: ", &out);
    assert!(run.stderr.contains("waist_girth: "), "{}", run.stderr);
    assert!(run.stderr.contains("m.json"), "{}", run.stderr);
}

#[test]
fn missing_stature_is_named() {
    let dir = Scratch::new("nostature");
    let m = dir.file("m.json", r#"{"chest_girth": 90}"#);
    let out = dir.path("avatar.glb");
    assert_fails(&avatar(&m, &out, None), "stature", &out);
}

#[test]
fn missing_file_is_named() {
    let dir = Scratch::new("missing");
    let m = dir.path("nowhere.json");
    let out = dir.path("avatar.glb");
    assert_fails(&avatar(&m, &out, None), "nowhere.json", &out);
}

#[test]
fn unwritable_outputs_are_named() {
    let dir = Scratch::new("unwritable");
    let m = dir.file("m.json", GOOD);
    let run = avatar(&m, &dir.0, None);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(&dir.0.display().to_string()),
        "{}",
        run.stderr
    );

    let out = dir.path("avatar.glb");
    let report = dir.path("no-such-folder/report.json");
    assert_fails(&avatar(&m, &out, Some(&report)), "report.json", &out);
}

#[test]
fn bad_usage_exits_2() {
    for args in [
        vec![
            "avatar",
            "--measurements",
            "m.json",
            "--out",
            "a.glb",
            "--frobnicate",
        ],
        vec!["avatar", "--out", "a.glb"],
        vec!["--frobnicate"],
        vec!["tailor"],
        vec!["screenshot", "--out", "s.png", "--width", "0"],
        vec!["screenshot", "--out", "s.png", "--view", "top"],
        vec!["render-bench", "--frames", "0"],
        vec!["render-bench", "--width", "8"],
    ] {
        let args: Vec<&dyn AsRef<OsStr>> = args.iter().map(|a| a as _).collect();
        let run = anprobe(&args);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stderr.starts_with("error:"), "{}", run.stderr);
    }
}

#[test]
fn screenshot_checks_measurements_first() {
    let dir = Scratch::new("screenshot");
    let m = dir.file("m.json", r#"{"stature": "tall"}"#);
    let out = dir.path("shot.png");
    let run = anprobe(&[&"screenshot", &"--out", &out, &"--measurements", &m]);
    assert_fails(&run, "stature", &out);
    assert!(run.stderr.contains("m.json"), "{}", run.stderr);
}

/// `render-bench` reads and checks its inputs before a window opens: a bad measurements file
/// or garment exits 1 naming the file, with no display at all.
#[test]
fn render_bench_checks_its_inputs_first() {
    let dir = Scratch::new("render-bench");
    let m = dir.file("m.json", r#"{"stature": "tall"}"#);
    let run = anprobe(&[&"render-bench", &"--measurements", &m]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("m.json"), "{}", run.stderr);
    assert!(run.stderr.contains("stature"), "{}", run.stderr);
    let g = dir.file("coat.glb", "not a glb");
    let run = anprobe(&[&"render-bench", &"--garment", &g]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("coat.glb"), "{}", run.stderr);
}

#[test]
fn help_documents_the_commands() {
    let run = anprobe(&[&"--help"]);
    assert_eq!(run.code, 0);
    for word in [
        "avatar",
        "screenshot",
        "render-bench",
        "garment",
        "data",
        "wishlist",
        "order",
        "--data-dir",
        "Exit codes",
    ] {
        assert!(run.stdout.contains(word), "{word}: {}", run.stdout);
    }
    let run = anprobe(&[&"avatar", &"--help"]);
    assert_eq!(run.code, 0);
    for word in [
        "--measurements",
        "--out",
        "--report",
        "chest_girth",
        "weight_kg",
    ] {
        assert!(run.stdout.contains(word), "{word}: {}", run.stdout);
    }
    assert_eq!(anprobe(&[&"--version"]).code, 0);
}
