//! Tests: cli — the store commands (`wishlist`, `order`, `data`) through the built binary, each
//! test with its own `--data-dir`: ids printed alone on stdout, `--json` lists with a stable set
//! of fields, refused values exit 1 naming the field (and store nothing), the backup round trip,
//! `data check`, where the data folder comes from, and a damaged file moved aside and named.

use super::{Run, Scratch, run_command};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// Runs `anprobe --data-dir DIR ARGS...` with no `ANPROBE_DATA_DIR` in the environment.
fn at(dir: &Path, args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_anprobe"));
    command
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("ANPROBE_DATA_DIR");
    run_command(command)
}

/// Like [`at`], and the command must succeed.
fn ok(dir: &Path, args: &[&str]) -> Run {
    let run = at(dir, args);
    assert_eq!(run.code, 0, "{args:?}: stderr: {}", run.stderr);
    run
}

/// The id a successful `add` printed: stdout is exactly one integer and a newline.
fn id(run: &Run) -> i64 {
    let line = run
        .stdout
        .strip_suffix('\n')
        .unwrap_or_else(|| panic!("one line: {:?}", run.stdout));
    assert!(
        !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()),
        "only the id on stdout: {:?}",
        run.stdout
    );
    line.parse().unwrap()
}

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

fn keys(object: &Value) -> BTreeSet<&str> {
    object
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect()
}

fn set<'a>(keys: &[&'a str]) -> BTreeSet<&'a str> {
    keys.iter().copied().collect()
}

/// Adds one order of one garment and returns the order's id.
fn add_order(dir: &Path, order_no: &str, extra: &[&str]) -> i64 {
    let mut args = vec![
        "order",
        "add",
        "--retailer",
        "Zalando",
        "--order-no",
        order_no,
        "--sku",
        "ZA-42",
        "--size",
        "m",
        "--price",
        "49.95",
    ];
    args.extend(extra);
    id(&ok(dir, &args))
}

#[test]
fn wishlist_add_list_remove() {
    let scratch = Scratch::new("wishlist");
    let dir = scratch.path("data");
    let coat = id(&ok(
        &dir,
        &[
            "wishlist",
            "add",
            "--retailer",
            "COS",
            "--sku",
            "1234567-01",
            "--size",
            "38",
            "--name",
            "Wool coat",
            "--colour",
            "camel",
            "--price",
            "190",
            "--currency",
            "eur",
            "--note",
            "wait for sale",
            "--date",
            "2001-01-03",
        ],
    ));
    let scarf = id(&ok(
        &dir,
        &[
            "wishlist",
            "add",
            "--retailer",
            "COS",
            "--sku",
            "S-9",
            "--size",
            "one-size",
        ],
    ));
    assert!(coat > 0 && scarf > coat, "{coat} {scarf}");

    let list = json(&ok(&dir, &["wishlist", "list", "--json"]));
    let list = list.as_array().expect("an array");
    assert_eq!(list.len(), 2);
    // Newest first: the scarf was added today, the coat on 2001-01-03.
    assert_eq!(list[0]["id"], scarf);
    assert_eq!(list[0]["size"], "ONE SIZE");
    assert_eq!(list[0]["price"], 0.0, "no --price: 0, not noted");
    assert_eq!(list[0]["currency"], "EUR");
    let item = &list[1];
    assert_eq!(
        keys(item),
        set(&[
            "id",
            "retailer",
            "sku",
            "name",
            "size",
            "colourway",
            "price",
            "currency",
            "note",
            "added"
        ]),
        "the documented fields"
    );
    assert_eq!(item["id"], coat);
    assert_eq!(item["retailer"], "COS");
    assert_eq!(item["sku"], "1234567-01");
    assert_eq!(item["name"], "Wool coat");
    assert_eq!(item["size"], "38");
    assert_eq!(item["colourway"], "camel");
    assert_eq!(item["price"], 190.0);
    assert_eq!(item["currency"], "EUR");
    assert_eq!(item["note"], "wait for sale");
    assert_eq!(item["added"], "2001-01-03");

    let table = ok(&dir, &["wishlist", "list"]).stdout;
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    assert!(lines[0].starts_with("ID  ADDED"), "{table}");
    assert!(
        lines[2].contains("190.00 EUR") && lines[2].contains("wait for sale"),
        "{table}"
    );
    assert!(table.lines().all(|l| l == l.trim_end()), "{table:?}");

    assert!(
        ok(&dir, &["wishlist", "remove", "--id", &coat.to_string()])
            .stdout
            .is_empty()
    );
    let list = json(&ok(&dir, &["wishlist", "list", "--json"]));
    assert_eq!(list.as_array().unwrap().len(), 1);
    let run = at(&dir, &["wishlist", "remove", "--id", &coat.to_string()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains(&format!("wishlist item #{coat} not found")),
        "{}",
        run.stderr
    );
}

#[test]
fn order_add_list_return_and_status() {
    let scratch = Scratch::new("orders");
    let dir = scratch.path("data");
    let first = add_order(
        &dir,
        "Z-1001",
        &[
            "--name",
            "Linen shirt",
            "--colour",
            "navy",
            "--date",
            "2026-01-05",
            "--return-window-days",
            "30",
        ],
    );
    let second = add_order(
        &dir,
        "Z-1002",
        &["--date", "2026-01-06", "--currency", "CHF"],
    );
    assert!(second > first);

    let list = json(&ok(&dir, &["order", "list", "--json"]));
    let list = list.as_array().expect("an array");
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["id"], second, "newest first");
    let order = &list[1];
    assert_eq!(
        keys(order),
        set(&["id", "retailer", "order_number", "date", "items"])
    );
    assert_eq!(order["id"], first);
    assert_eq!(order["order_number"], "Z-1001");
    let item = &order["items"][0];
    assert_eq!(
        keys(item),
        set(&[
            "id",
            "sku",
            "name",
            "size",
            "colour",
            "price",
            "currency",
            "return_window_days",
            "status",
            "return_deadline",
            "return"
        ])
    );
    assert_eq!(item["size"], "M");
    assert_eq!(item["price"], 49.95);
    assert_eq!(item["currency"], "EUR", "the default currency");
    assert_eq!(item["status"], "ordered");
    assert_eq!(item["return_deadline"], "2026-02-04");
    assert_eq!(item["return"], Value::Null);
    let item_id = item["id"].as_i64().expect("an integer id").to_string();
    let other_item = list[0]["items"][0]["id"].as_i64().unwrap().to_string();

    // The return takes the order item's id; --fit repeated and comma-separated.
    let run = ok(
        &dir,
        &[
            "order",
            "return",
            "--id",
            &item_id,
            "--reason",
            "too tight across the chest",
            "--fit",
            "chest=tight",
            "--fit",
            "sleeves=long, waist=good",
            "--date",
            "2026-01-12",
        ],
    );
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    ok(
        &dir,
        &[
            "order",
            "status",
            "--id",
            &other_item,
            "--status",
            "delivered",
        ],
    );

    let list = json(&ok(&dir, &["order", "list", "--json"]));
    assert_eq!(list[0]["items"][0]["status"], "delivered");
    let item = &list[1]["items"][0];
    assert_eq!(item["status"], "returned");
    assert_eq!(item["return"]["date"], "2026-01-12");
    assert_eq!(item["return"]["reason"], "too tight across the chest");
    assert_eq!(
        item["return"]["fit"],
        serde_json::json!({"chest": "tight", "waist": "good", "sleeve": "long"})
    );

    // A returned garment stays returned; a second return is refused.
    let run = at(
        &dir,
        &["order", "status", "--id", &item_id, "--status", "kept"],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("stays returned"), "{}", run.stderr);
    let run = at(
        &dir,
        &["order", "return", "--id", &item_id, "--reason", "x"],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("already returned"), "{}", run.stderr);
    let run = at(&dir, &["order", "return", "--id", "999", "--reason", "x"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("order item #999 not found"),
        "{}",
        run.stderr
    );

    let limited = json(&ok(&dir, &["order", "list", "--json", "--limit", "1"]));
    assert_eq!(limited.as_array().unwrap().len(), 1);
    let table = ok(&dir, &["order", "list"]).stdout;
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    assert!(lines[0].starts_with("ITEM  ORDER  DATE"), "{table}");
    assert!(
        lines[2].contains("49.95 EUR")
            && lines[2].contains("returned")
            && lines[2].contains("2026-02-04"),
        "{table}"
    );
    assert!(lines[1].contains("49.95 CHF"), "{table}");

    // An order number is recorded once per retailer.
    let run = at(
        &dir,
        &[
            "order",
            "add",
            "--retailer",
            "zalando",
            "--order-no",
            "Z-1001",
            "--sku",
            "X",
            "--size",
            "M",
            "--price",
            "1",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("already recorded"), "{}", run.stderr);
}

/// `command` with the flags of `base`, each replaced by the same flag in `changes` (given as
/// `--flag value` pairs, or `--flag=value` kept as one argument), then the new flags of
/// `changes`. A flag may be given once only.
fn with(command: &[&str], base: &[(&str, &str)], changes: &[&str]) -> Vec<String> {
    let mut given: Vec<(&str, Vec<String>)> = Vec::new();
    let mut rest = changes.iter();
    while let Some(&arg) = rest.next() {
        match arg.split_once('=') {
            Some((flag, _)) => given.push((flag, vec![arg.into()])),
            None => given.push((arg, vec![arg.into(), rest.next().unwrap().to_string()])),
        }
    }
    let mut args: Vec<String> = command.iter().map(|c| c.to_string()).collect();
    for (flag, value) in base {
        if !given.iter().any(|(f, _)| f == flag) {
            args.extend([flag.to_string(), value.to_string()]);
        }
    }
    args.extend(given.into_iter().flat_map(|(_, args)| args));
    args
}

#[test]
fn refused_values_exit_1_naming_the_field_and_store_nothing() {
    let scratch = Scratch::new("refused");
    let dir = scratch.path("data");
    let wish = |extra: &[&str]| {
        let args = with(
            &["wishlist", "add"],
            &[("--retailer", "COS"), ("--sku", "A-1"), ("--size", "M")],
            extra,
        );
        at(&dir, &args.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let order = |extra: &[&str]| {
        let args = with(
            &["order", "add"],
            &[
                ("--retailer", "Zalando"),
                ("--order-no", "Z-1"),
                ("--sku", "ZA-1"),
                ("--size", "M"),
                ("--price", "10"),
            ],
            extra,
        );
        at(&dir, &args.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let cases: Vec<(Run, &str)> = vec![
        (wish(&["--sku", ""]), "invalid sku: "),
        (wish(&["--sku", "   "]), "invalid sku: "),
        (wish(&["--retailer", ""]), "invalid retailer: "),
        (wish(&["--price", "-5"]), "invalid price: "),
        (
            wish(&["--price", "5", "--currency", "XYZ"]),
            "invalid currency: ",
        ),
        (wish(&["--size", "banana"]), "invalid size: "),
        (wish(&["--date", "2026-02-30"]), "invalid added: "),
        (order(&["--sku", ""]), "invalid sku: "),
        (order(&["--price", "-49.90"]), "invalid price: "),
        (order(&["--price=-1"]), "invalid price: "),
        (order(&["--price", "NaN"]), "invalid price: "),
        (order(&["--currency", "EURO"]), "invalid currency: "),
        (order(&["--size", "99/99"]), "invalid size: "),
        (order(&["--order-no", " "]), "invalid order_number: "),
        (order(&["--date", "yesterday"]), "invalid date: "),
        (
            order(&["--return-window-days", "4000"]),
            "invalid return_window_days: ",
        ),
    ];
    for (run, needle) in &cases {
        assert_eq!(run.code, 1, "{needle}: {}", run.stderr);
        assert!(
            run.stderr.starts_with("anprobe: ") && run.stderr.contains(needle),
            "stderr should name the field ({needle}): {}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "no id printed: {}", run.stdout);
    }
    let wishlist = json(&ok(&dir, &["wishlist", "list", "--json"]));
    let orders = json(&ok(&dir, &["order", "list", "--json"]));
    assert_eq!(wishlist, serde_json::json!([]), "nothing stored");
    assert_eq!(orders, serde_json::json!([]), "nothing stored");

    // Fit feedback is checked before the store is touched; the return date against the order.
    let order_id = add_order(&dir, "Z-9", &["--date", "2026-01-05"]);
    let orders = json(&ok(&dir, &["order", "list", "--json"]));
    assert_eq!(orders[0]["id"], order_id);
    let item = orders[0]["items"][0]["id"].to_string();
    for (fit, needle) in [
        ("chest", "invalid fit: "),
        ("elbow=tight", "invalid fit: "),
        ("chest=snug", "invalid fit: "),
        (
            "chest=tight,chest=loose",
            "invalid fit: chest is given twice",
        ),
    ] {
        let run = at(
            &dir,
            &[
                "order", "return", "--id", &item, "--reason", "x", "--fit", fit,
            ],
        );
        assert_eq!(run.code, 1, "{fit}: {}", run.stderr);
        assert!(run.stderr.contains(needle), "{fit}: {}", run.stderr);
    }
    let run = at(
        &dir,
        &[
            "order",
            "return",
            "--id",
            &item,
            "--reason",
            "x",
            "--date",
            "2026-01-01",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("invalid date: "), "{}", run.stderr);
    let orders = json(&ok(&dir, &["order", "list", "--json"]));
    assert_eq!(orders[0]["items"][0]["status"], "ordered", "not returned");
}

#[test]
fn export_import_into_a_fresh_folder_exports_the_same() {
    let scratch = Scratch::new("backup");
    let (dir, fresh) = (scratch.path("data"), scratch.path("fresh"));
    ok(
        &dir,
        &[
            "wishlist",
            "add",
            "--retailer",
            "COS",
            "--sku",
            "C-1",
            "--size",
            "S/M",
            "--price",
            "19.99",
            "--note",
            "tab\there",
        ],
    );
    add_order(
        &dir,
        "Z-1",
        &["--date", "2026-01-05", "--return-window-days", "14"],
    );
    add_order(&dir, "Z-2", &["--date", "2026-01-06", "--currency", "JPY"]);
    let orders = json(&ok(&dir, &["order", "list", "--json"]));
    let item = orders[1]["items"][0]["id"].to_string();
    ok(
        &dir,
        &[
            "order",
            "return",
            "--id",
            &item,
            "--reason",
            "short",
            "--fit",
            "length=short",
            "--date",
            "2026-01-09",
        ],
    );

    let (first, second) = (scratch.path("first.json"), scratch.path("second.json"));
    let run = ok(&dir, &["data", "export", "--out", first.to_str().unwrap()]);
    assert!(run.stdout.is_empty());
    let exported = std::fs::read_to_string(&first).unwrap();
    let backup: Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(backup["format"], "anprobe-backup");
    assert_eq!(backup["orders"].as_array().unwrap().len(), 2);
    assert_eq!(ok(&dir, &["data", "export", "--out", "-"]).stdout, exported);

    let run = ok(&fresh, &["data", "import", first.to_str().unwrap()]);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    ok(&fresh, &["data", "export", "-o", second.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&second).unwrap(), exported);

    // A store that holds anything is refused, untouched, with a clear message.
    let run = at(&fresh, &["data", "import", first.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("first.json") && run.stderr.contains("empty store"),
        "{}",
        run.stderr
    );
    assert_eq!(ok(&fresh, &["data", "export", "-o", "-"]).stdout, exported);

    // Unreadable and unusable backups name the file; nothing is imported.
    let empty = scratch.path("empty");
    let run = at(
        &empty,
        &[
            "data",
            "import",
            scratch.path("nowhere.json").to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("nowhere.json"), "{}", run.stderr);
    let broken = scratch.file("broken.json", &exported[..exported.len() / 2]);
    let run = at(&empty, &["data", "import", broken.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("broken.json"), "{}", run.stderr);
    let bad = scratch.file("bad.json", &exported.replace("\"C-1\"", "\"\""));
    let run = at(&empty, &["data", "import", bad.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("bad.json")
            && run.stderr.contains("wishlist[0]")
            && run.stderr.contains("sku"),
        "{}",
        run.stderr
    );
    assert_eq!(
        json(&ok(&empty, &["wishlist", "list", "--json"])),
        serde_json::json!([])
    );

    // An export that cannot be written names the file and leaves nothing behind.
    let run = at(
        &dir,
        &[
            "data",
            "export",
            "--out",
            scratch.path("no/such/dir.json").to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("dir.json"), "{}", run.stderr);
}

#[test]
fn data_check_is_ok_on_a_healthy_store_and_exit_1_on_problems() {
    let scratch = Scratch::new("check");
    let dir = scratch.path("data");
    let run = ok(&dir, &["data", "check"]);
    assert!(run.stdout.contains("integrity check: ok"), "{}", run.stdout);
    assert!(run.stdout.ends_with("OK\n"), "{}", run.stdout);
    assert!(run.stderr.is_empty(), "{}", run.stderr);

    // A measurement changed behind the store's back (its seal no longer matches), with no
    // backup to restore: reported, exit 1.
    {
        let (mut store, _) = anprobe::store::Store::open(&dir).unwrap();
        let ana = store.add_profile("Ana", "2026-01-01").unwrap();
        let mut m =
            anprobe::measurements::Measurements::new(anprobe::measurements::Form::Female, 168.0);
        m.set(anprobe::measurements::Key::ChestGirth, 92.5);
        store.add_measurements(ana, &m, "2026-01-02").unwrap();
    }
    std::fs::remove_dir_all(dir.join(anprobe::store::BACKUP_DIR)).unwrap();
    let conn = rusqlite::Connection::open(dir.join(anprobe::store::DB_FILE)).unwrap();
    conn.execute(
        "UPDATE snapshot_values SET value = 93.5 WHERE value = 92.5",
        [],
    )
    .unwrap();
    drop(conn);
    let run = at(&dir, &["data", "check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("checksum FAILED"), "{}", run.stdout);
    assert!(run.stdout.ends_with("PROBLEMS FOUND\n"), "{}", run.stdout);
    assert!(run.stderr.contains("anprobe: warning: "), "{}", run.stderr);
}

#[test]
fn a_damaged_data_file_is_moved_aside_and_named() {
    let scratch = Scratch::new("damaged");
    let dir = scratch.path("data");
    ok(
        &dir,
        &[
            "wishlist",
            "add",
            "--retailer",
            "COS",
            "--sku",
            "C-1",
            "--size",
            "M",
        ],
    );
    let db = dir.join(anprobe::store::DB_FILE);
    std::fs::write(&db, b"this is not a database, it is a shopping list").unwrap();
    let run = ok(&dir, &["wishlist", "list", "--json"]);
    assert!(
        run.stderr.contains("anprobe: warning: ") && run.stderr.contains("moved to"),
        "{}",
        run.stderr
    );
    let moved = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains(".corrupt-"))
        .expect("the damaged file kept");
    assert!(
        run.stderr.contains(&moved.display().to_string()),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("backups"),
        "the restored backup named: {}",
        run.stderr
    );
    // The backup written after the add is restored: the item is still there.
    assert_eq!(json(&run).as_array().unwrap().len(), 1);
}

#[test]
fn data_dir_flag_overrides_the_environment() {
    let scratch = Scratch::new("datadir");
    let (flag, env) = (scratch.path("flag"), scratch.path("env"));
    let add = |args: &[&str], with_env: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_anprobe"));
        command.args(args).env("ANPROBE_DATA_DIR", &env);
        if !with_env {
            command.env_remove("ANPROBE_DATA_DIR");
        }
        run_command(command)
    };
    let wish = [
        "wishlist",
        "add",
        "--retailer",
        "COS",
        "--sku",
        "C-1",
        "--size",
        "M",
    ];
    // The flag wins over the variable, before or after the command.
    let mut args = vec!["--data-dir", flag.to_str().unwrap()];
    args.extend(wish);
    assert_eq!(add(&args, true).code, 0);
    let mut args = wish.to_vec();
    args.extend(["--data-dir", flag.to_str().unwrap()]);
    assert_eq!(add(&args, true).code, 0);
    assert!(flag.join(anprobe::store::DB_FILE).exists());
    assert!(!env.exists(), "the variable's folder untouched");
    // Without the flag, the variable.
    assert_eq!(add(&wish, true).code, 0);
    assert!(env.join(anprobe::store::DB_FILE).exists());
    let listed = |dir: &Path| {
        json(&ok(dir, &["wishlist", "list", "--json"]))
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!((listed(&flag), listed(&env)), (2, 1));
}

#[test]
fn store_commands_bad_usage_exits_2() {
    let scratch = Scratch::new("usage");
    let dir = scratch.path("data");
    for args in [
        vec!["wishlist", "add", "--retailer", "COS", "--size", "M"],
        vec!["wishlist", "remove"],
        vec!["wishlist", "remove", "--id", "one"],
        vec![
            "order",
            "add",
            "--retailer",
            "Z",
            "--order-no",
            "1",
            "--sku",
            "S",
            "--size",
            "M",
        ],
        vec![
            "order",
            "add",
            "--retailer",
            "Z",
            "--order-no",
            "1",
            "--sku",
            "S",
            "--size",
            "M",
            "--price",
            "cheap",
        ],
        vec!["order", "list", "--limit", "0"],
        vec!["order", "status", "--id", "1", "--status", "lost"],
        vec!["order", "return", "--id", "1"],
        vec!["data", "export"],
        vec!["data", "import"],
        vec!["data", "frobnicate"],
        vec!["data"],
        vec!["wishlist"],
        vec!["order"],
    ] {
        let run = at(&dir, &args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
    }
    let run = super::anprobe(&[&"--data-dir", &"", &"wishlist", &"list"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!dir.exists(), "bad usage touches no store");
}

#[test]
fn help_documents_the_store_commands() {
    let help = |args: &[&str]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_anprobe"));
        command.args(args).arg("--help");
        let run = run_command(command);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        run.stdout
    };
    let text = help(&["order", "return"]);
    for word in ["order item id", "--fit", "chest", "tight", "--reason"] {
        assert!(text.contains(word), "{word}: {text}");
    }
    let text = help(&["wishlist", "add"]);
    for word in [
        "--retailer",
        "--sku",
        "--size",
        "--price",
        "--currency",
        "--note",
    ] {
        assert!(text.contains(word), "{word}: {text}");
    }
    let text = help(&["data"]);
    for word in ["export", "import", "check", "Exit codes"] {
        assert!(text.contains(word), "{word}: {text}");
    }
}

#[test]
fn the_default_date_is_the_shoppers_local_day() {
    use anprobe::store::date::local_day;
    let now = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64
    };
    // Two shoppers 26 hours apart, on Kiribati's UTC+14 and Baker Island's UTC−12 (POSIX writes
    // the offset west of UTC): at any hour their calendar days differ, so at most one is UTC's.
    let mut seen = Vec::new();
    for (tz, east_hours) in [("KIR-14", 14), ("BAK+12", -12)] {
        let scratch = Scratch::new(&format!("today-{east_hours}"));
        let before = local_day(now(), east_hours * 3600).to_string();
        let mut command = Command::new(env!("CARGO_BIN_EXE_anprobe"));
        command
            .arg("--data-dir")
            .arg(&scratch.0)
            .args([
                "wishlist",
                "add",
                "--retailer",
                "COS",
                "--sku",
                "C-1",
                "--size",
                "M",
            ])
            .env_remove("ANPROBE_DATA_DIR")
            .env("TZ", tz);
        let run = run_command(command);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let after = local_day(now(), east_hours * 3600).to_string();
        let list = json(&ok(&scratch.0, &["wishlist", "list", "--json"]));
        let added = list[0]["added"].as_str().unwrap().to_string();
        assert!(
            added == before || added == after,
            "TZ={tz}: added {added}, the local day is {before}"
        );
        seen.push(added);
    }
    assert_ne!(seen[0], seen[1], "each shopper's own day");
}
