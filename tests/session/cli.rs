//! `anprobe session host` and `anprobe session join` as two processes on this machine (no
//! relay): a whole session logged as JSON lines on both sides, the body filtered by the
//! consent, the session on the stylist's timeline and the accepted garment on the wishlist, and
//! on the stylist's own timeline under the client; a wrong code refused with exit 1 and the
//! reason; the stylist, recognised, back without a code; proposals the shopper left undecided
//! listed with their files and decided afterwards (`session open`, `session decide`), and
//! those decisions heard by the stylist at the next session, under the profile's name; bad usage
//! exit 2.

use anprobe::measurements::{Form, Key, Measurements};
use anprobe::store::{Channel, CounterpartKind, SessionSide, Store};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("anprobe-session-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn anprobe(data: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_anprobe"));
    command.arg("--data-dir").arg(data);
    command
}

fn tee() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/catalog/nordlicht-basics-nb-ts-1001.glb")
}

/// Starts `session host` for the shopper in `dir`, accepting every proposal; returns it with
/// its ticket and code.
fn host(dir: &Path, events: &Path) -> (Child, String, String) {
    host_with(dir, events, &["--accept-all"])
}

/// Starts `session host` for the shopper in `dir` with `more` arguments.
fn host_with(dir: &Path, events: &Path, more: &[&str]) -> (Child, String, String) {
    let (ticket, code) = (dir.join("ticket.txt"), dir.join("code.txt"));
    let _ = std::fs::remove_file(&ticket);
    let _ = std::fs::remove_file(&code);
    let child = anprobe(&dir.join("data"))
        .args([
            "session",
            "host",
            "--relay",
            "off",
            "--stylist",
            "Studio Vera",
        ])
        .args(more)
        .args(["--duration", "90"])
        // The body: a profile's (`--profile` in `more`) or the file's.
        .args(if more.contains(&"--profile") {
            vec![]
        } else {
            vec!["-m".into(), dir.join("m.json").into_os_string()]
        })
        .arg("--ticket-out")
        .arg(&ticket)
        .arg("--code-out")
        .arg(&code)
        .arg("--events")
        .arg(events)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let until = Instant::now() + Duration::from_secs(60);
    while !(ticket.exists() && code.exists()) {
        assert!(Instant::now() < until, "no ticket and code written");
        std::thread::sleep(Duration::from_millis(100));
    }
    let read = |p: &Path| std::fs::read_to_string(p).unwrap().trim().to_string();
    (child, read(&ticket), read(&code))
}

fn wait(mut child: Child) -> (i32, String) {
    let until = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut stderr = String::new();
            use std::io::Read;
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut stderr)
                .unwrap();
            return (status.code().unwrap_or(-1), stderr);
        }
        if Instant::now() > until {
            let _ = child.kill();
            panic!("the host did not exit");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The host exited 0 (else its stderr is shown).
fn host_ended_well(child: Child) {
    let (code, stderr) = wait(child);
    assert_eq!(code, 0, "{stderr}");
}

/// A command's exit status was 0 (else its stderr is shown).
/// `anprobe session open --garments FILES` on the store in `data`: it succeeds, and its JSON list.
fn list_open_proposals(data: &Path, files: &Path) -> Vec<Value> {
    let listed = anprobe(data)
        .args(["session", "open", "--garments"])
        .arg(files)
        .output()
        .unwrap();
    succeeded(&listed);
    serde_json::from_slice(&listed.stdout).unwrap()
}

fn succeeded(out: &std::process::Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn events(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

fn names(events: &[Value]) -> Vec<&str> {
    events
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect()
}

#[test]
fn a_session_through_the_headless_commands_as_two_processes() {
    let scratch = Scratch::new("two");
    let shopper = scratch.0.join("shopper");
    let stylist = scratch.0.join("stylist");
    std::fs::create_dir_all(&shopper).unwrap();
    std::fs::write(
        shopper.join("m.json"),
        r#"{"form": "female", "stature": 165, "chest_girth": 93.6, "waist_girth": 76, "hip_girth": 100}"#,
    )
    .unwrap();
    {
        let (mut store, _) = Store::open(shopper.join("data")).unwrap();
        store
            .set_consent(&super::consent(vec![Key::ChestGirth]))
            .unwrap();
    }

    let host_events = scratch.0.join("host.jsonl");
    let (child, ticket, code) = host(&shopper, &host_events);
    assert!(ticket.starts_with("anprobe1"), "{ticket}");
    let join_events = scratch.0.join("join.jsonl");
    let join = anprobe(&stylist)
        .args([
            "session", "join", &ticket, "--code", &code, "--relay", "off",
        ])
        .args([
            "--name",
            "Vera",
            "--size",
            "M",
            "--say",
            "hello from Vera",
            "--propose",
        ])
        .arg(tee())
        .arg("--events")
        .arg(&join_events)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&join.stderr);
    assert_eq!(join.status.code(), Some(0), "{stderr}");
    host_ended_well(child);

    let host_log = events(&host_events);
    let seen = names(&host_log);
    for want in [
        "ready", "paired", "joined", "proposal", "accepted", "chat", "ended",
    ] {
        assert!(seen.contains(&want), "{want} missing: {host_log:#?}");
    }
    let proposal = host_log.iter().find(|e| e["event"] == "proposal").unwrap();
    assert_eq!(proposal["sku"], "NB-TS-1001");
    assert_eq!(proposal["size"], "M");
    let join_log = events(&join_events);
    let body = join_log.iter().find(|e| e["event"] == "body").unwrap();
    let keys: Vec<&String> = body["values"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["chest_girth"], "only the consented key: {body}");
    assert_eq!(
        names(&join_log)
            .iter()
            .filter(|n| **n == "acknowledged")
            .count(),
        2
    );
    assert!(names(&join_log).contains(&"accepted"), "{join_log:#?}");

    // The shopper's memory: the stylist's key, the session on the timeline, the wishlist.
    {
        let (store, _) = Store::open(shopper.join("data")).unwrap();
        assert_eq!(store.paired_stylists().unwrap().len(), 1);
        let contacts = store.contacts(Some("Studio Vera")).unwrap();
        assert_eq!(contacts.len(), 1, "{contacts:#?}");
        let c = &contacts[0].record;
        assert_eq!(c.channel, Channel::StylistSession);
        assert!(
            c.summary.contains("1 proposal (1 accepted)"),
            "{}",
            c.summary
        );
        assert!(
            c.outcome.contains("Accepted: ") && c.outcome.contains(" in M"),
            "{}",
            c.outcome
        );
        assert!(c.outcome.contains("hello from Vera"), "{}", c.outcome);
        // Everything was acknowledged: nothing is kept to send again, on either side.
        assert!(
            store
                .outgoing_peers(SessionSide::Shopper)
                .unwrap()
                .is_empty()
        );
        let (stylist_store, _) = Store::open(&stylist).unwrap();
        assert!(
            stylist_store
                .outgoing_peers(SessionSide::Stylist)
                .unwrap()
                .is_empty()
        );
        // The stylist's own memory: the session under the client, with what became of the
        // proposal and the chat.
        let mine = stylist_store.contacts(None).unwrap();
        assert_eq!(mine.len(), 1, "{mine:#?}");
        let c = &mine[0].record;
        assert_eq!(
            (c.kind, c.channel),
            (CounterpartKind::Client, Channel::StylistSession)
        );
        assert!(!c.counterpart.is_empty());
        assert!(
            c.summary
                .contains("1 proposal (1 accepted), 1 chat message"),
            "{}",
            c.summary
        );
        assert!(
            c.outcome.contains("Accepted: ")
                && c.outcome.contains(" in M")
                && c.outcome.contains("You: hello from Vera"),
            "{}",
            c.outcome
        );
        let wished = store.list_wishlist().unwrap();
        assert!(
            wished
                .iter()
                .any(|w| w.wish.sku == "NB-TS-1001" && w.wish.size == "M")
        );
    }

    // Another session: a wrong code is refused (exit 1, why on stderr); Vera, paired, comes
    // back without a code.
    let host_events = scratch.0.join("host2.jsonl");
    let (child, ticket, code) = host(&shopper, &host_events);
    let wrong = if code == "000-000" {
        "111-111"
    } else {
        "000-000"
    };
    let refused = anprobe(&scratch.0.join("intruder"))
        .args([
            "session", "join", &ticket, "--code", wrong, "--relay", "off", "--say", "hi",
        ])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("the code is wrong"), "{stderr}");
    let back = anprobe(&stylist)
        .args([
            "session",
            "join",
            &ticket,
            "--relay",
            "off",
            "--say",
            "back again",
        ])
        .output()
        .unwrap();
    succeeded(&back);
    host_ended_well(child);
    let host_log = events(&host_events);
    assert!(
        host_log
            .iter()
            .any(|e| e["event"] == "refused" && e["why"] == "wrong_code"),
        "{host_log:#?}"
    );
    assert!(
        host_log
            .iter()
            .any(|e| e["event"] == "joined" && e["stylist"] == "Studio Vera")
    );
    let (store, _) = Store::open(shopper.join("data")).unwrap();
    assert_eq!(store.contacts(Some("Studio Vera")).unwrap().len(), 2);
    // The stylist keeps both sessions; the intruder, refused, keeps none.
    let (stylist_store, _) = Store::open(&stylist).unwrap();
    let mine = stylist_store.contacts(None).unwrap();
    assert_eq!(mine.len(), 2, "{mine:#?}");
    assert!(mine.iter().any(|c| c.record.outcome == "You: back again"));
    let (intruder, _) = Store::open(scratch.0.join("intruder")).unwrap();
    assert!(intruder.contacts(None).unwrap().is_empty());
}

/// Two shoppers who give the same name are two clients on the stylist's timeline, each with
/// their own sessions (the stylist knows a client by their key).
#[test]
fn two_clients_of_one_name_are_two_clients_to_the_stylist() {
    let scratch = Scratch::new("two-clients");
    let stylist = scratch.0.join("stylist");
    let mut clients = Vec::new();
    for (n, text) in [(1, "hello, first"), (2, "hello, second")] {
        let shopper = scratch.0.join(format!("shopper{n}"));
        std::fs::create_dir_all(&shopper).unwrap();
        std::fs::write(
            shopper.join("m.json"),
            r#"{"form": "female", "stature": 165, "chest_girth": 93.6}"#,
        )
        .unwrap();
        let events_file = scratch.0.join(format!("join{n}.jsonl"));
        let (child, ticket, code) = host_with(&shopper, &scratch.0.join("host.jsonl"), &[]);
        let join = anprobe(&stylist)
            .args([
                "session", "join", &ticket, "--code", &code, "--relay", "off", "--say", text,
            ])
            .arg("--events")
            .arg(&events_file)
            .output()
            .unwrap();
        succeeded(&join);
        host_ended_well(child);
        let welcomed = events(&events_file)
            .into_iter()
            .find(|e| e["event"] == "welcomed")
            .expect("welcomed");
        assert_eq!(welcomed["shopper"], "Shopper");
        clients.push(welcomed["client"].as_str().unwrap().to_string());
    }
    assert_eq!(clients, ["Shopper", "Shopper (2)"]);
    let (store, _) = Store::open(&stylist).unwrap();
    for (client, text) in clients.iter().zip(["hello, first", "hello, second"]) {
        let theirs = store.contacts(Some(client)).unwrap();
        assert_eq!(theirs.len(), 1, "{client}: {theirs:#?}");
        assert_eq!(theirs[0].record.outcome, format!("You: {text}"));
    }
}

/// One stylist paired from two machines (two keys under one name) with an open proposal of
/// the same id on each: `session open` lists both with their keys and writes two files, and
/// `session decide` asks for `--key` rather than deciding either.
#[test]
fn two_open_proposals_of_one_id_are_told_apart_by_the_stylists_key() {
    use anprobe::store::{NewContact, OpenChanges, OpenProposal};
    let scratch = Scratch::new("two-keys");
    let data = scratch.0.join("data");
    let (laptop, phone) = ([7u8; 32], [8u8; 32]);
    {
        let (mut store, _) = Store::open(&data).unwrap();
        for (peer, file) in [(laptop, b"glTF-laptop"), (phone, b"glTF-phone!")] {
            let p = OpenProposal {
                peer,
                id: 4,
                stylist: "Studio Vera".into(),
                received: "2026-12-06".into(),
                retailer: "Atelier Ravel".into(),
                sku: "AR-DR-221".into(),
                name: "Robe Lise".into(),
                size: "40".into(),
                colour: String::new(),
                note: String::new(),
                price: 129.0,
                currency: "EUR".into(),
            };
            let keep = [(p, &file[..])];
            let record = NewContact {
                counterpart: "Studio Vera".into(),
                kind: CounterpartKind::Stylist,
                channel: Channel::StylistSession,
                date: "2026-12-06".into(),
                summary: "Stylist session: 1 proposal".into(),
                outcome: String::new(),
            };
            let open = OpenChanges {
                keep: &keep,
                decided: &[],
            };
            store
                .record_session(None, &record, &peer, &[4], &open)
                .unwrap();
        }
    }
    let open = list_open_proposals(&data, &scratch.0.join("garments"));
    assert_eq!(open.len(), 2);
    assert_ne!(open[0]["key"], open[1]["key"]);
    let written: Vec<Vec<u8>> = open
        .iter()
        .map(|p| std::fs::read(p["garment_file"].as_str().unwrap()).unwrap())
        .collect();
    assert_ne!(written[0], written[1], "{open:#?}");
    let decide = |more: &[&str]| {
        anprobe(&data)
            .args([
                "session",
                "decide",
                "--stylist",
                "Studio Vera",
                "--proposal",
                "4",
                "--accept",
            ])
            .args(more)
            .output()
            .unwrap()
    };
    let both = decide(&[]);
    assert_eq!(both.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&both.stderr).contains("name one with --key"),
        "{}",
        String::from_utf8_lossy(&both.stderr)
    );
    let first = open[0]["key"].as_str().unwrap();
    succeeded(&decide(&["--key", &first[..4].to_uppercase()]));
    // One left: no key needed.
    succeeded(&decide(&[]));
    let (store, _) = Store::open(&data).unwrap();
    assert!(store.open_proposals().unwrap().is_empty());
    assert_eq!(store.decisions_to_tell().unwrap().len(), 2);
}

#[test]
fn bad_usage_of_session_join_exits_2() {
    let scratch = Scratch::new("usage");
    let run = |args: &[&str]| anprobe(&scratch.0).args(args).output().unwrap();
    let out = run(&["session", "join", "not-a-ticket", "--code", "1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an Anprobe session ticket"));
    let tee = tee();
    let out = run(&[
        "session",
        "join",
        "anprobe1aaaa",
        "--propose",
        tee.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("one --size for each --propose"));
    let out = run(&["session", "host", "--relay", "carrier-pigeon"]);
    assert_eq!(out.status.code(), Some(2));
}

/// A host that decides nothing: the two proposals stay open after the session, `session open`
/// lists them (their files written out as sent), `session decide` accepts one (on the wishlist
/// and the stylist's timeline) and rejects the other; a proposal no longer open is exit 1, a
/// decision that is neither --accept nor --reject exit 2.
#[test]
fn proposals_left_open_are_listed_and_decided_from_the_command_line() {
    let scratch = Scratch::new("open");
    let shopper = scratch.0.join("shopper");
    let stylist = scratch.0.join("stylist");
    std::fs::create_dir_all(&shopper).unwrap();
    std::fs::write(
        shopper.join("m.json"),
        r#"{"form": "female", "stature": 165, "chest_girth": 93.6}"#,
    )
    .unwrap();
    let (child, ticket, code) = host_with(&shopper, &scratch.0.join("host.jsonl"), &[]);
    let knit = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/catalog/nordlicht-basics-nb-kn-2040.glb");
    let join = anprobe(&stylist)
        .args([
            "session", "join", &ticket, "--code", &code, "--relay", "off",
        ])
        .args(["--name", "Vera", "--size", "M", "--propose"])
        .arg(tee())
        .args(["--size", "L", "--propose"])
        .arg(&knit)
        .output()
        .unwrap();
    succeeded(&join);
    host_ended_well(child);

    let data = shopper.join("data");
    let open = list_open_proposals(&data, &scratch.0.join("garments"));
    assert_eq!(open.len(), 2, "{open:#?}");
    let find = |sku: &str| open.iter().find(|p| p["sku"] == sku).unwrap().clone();
    let (t, k) = (find("NB-TS-1001"), find("NB-KN-2040"));
    assert_eq!(
        (t["size"].as_str(), k["size"].as_str()),
        (Some("M"), Some("L"))
    );
    assert_eq!(t["stylist"], "Studio Vera");
    for (entry, sent) in [(&t, tee()), (&k, knit)] {
        let written = std::fs::read(entry["garment_file"].as_str().unwrap()).unwrap();
        assert!(written == std::fs::read(sent).unwrap(), "{entry}");
    }

    let decide = |proposal: &Value, how: &str| {
        anprobe(&data)
            .args([
                "session",
                "decide",
                "--stylist",
                "studio vera",
                "--proposal",
            ])
            .arg(proposal.to_string())
            .arg(how)
            .output()
            .unwrap()
    };
    let accepted = decide(&t["proposal"], "--accept");
    succeeded(&accepted);
    let said: Value = serde_json::from_slice(&accepted.stdout).unwrap();
    assert_eq!(said["decision"], "accepted");
    let rejected = decide(&k["proposal"], "--reject");
    assert_eq!(rejected.status.code(), Some(0));
    let again = decide(&k["proposal"], "--reject");
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("no open proposal"));
    let neither = anprobe(&data)
        .args([
            "session",
            "decide",
            "--stylist",
            "Studio Vera",
            "--proposal",
            "1",
        ])
        .output()
        .unwrap();
    assert_eq!(neither.status.code(), Some(2));

    let (mut store, _) = Store::open(&data).unwrap();
    assert!(store.open_proposals().unwrap().is_empty());
    let wishes = store.list_wishlist().unwrap();
    assert_eq!(wishes.len(), 1);
    assert_eq!(
        (wishes[0].wish.sku.as_str(), wishes[0].wish.size.as_str()),
        ("NB-TS-1001", "M")
    );
    let later: Vec<String> = store
        .contacts(Some("Studio Vera"))
        .unwrap()
        .into_iter()
        .map(|c| c.record.summary)
        .filter(|s| s.starts_with("Decided after the session"))
        .collect();
    assert_eq!(later.len(), 2, "{later:?}");
    assert_eq!(store.decisions_to_tell().unwrap().len(), 2);

    // At the next session (the body now the profile Ana's, which the stylist knows her by) the
    // stylist, come back without a code and with nothing to send, hears both decisions; the
    // shopper's Anprobe no longer keeps them.
    let mut m = Measurements::new(Form::Female, 165.0);
    m.set(Key::ChestGirth, 93.6);
    let ana = store.add_profile("Ana", "2026-12-07").unwrap();
    store.add_measurements(ana, &m, "2026-12-07").unwrap();
    drop(store);
    let host_events = scratch.0.join("host2.jsonl");
    let (child, ticket, _) = host_with(&shopper, &host_events, &["--profile", "ana"]);
    let stylist_events = scratch.0.join("stylist2.jsonl");
    let back = anprobe(&stylist)
        .args(["session", "join", &ticket, "--relay", "off", "--events"])
        .arg(&stylist_events)
        .output()
        .unwrap();
    succeeded(&back);
    host_ended_well(child);
    let stylist_log = events(&stylist_events);
    assert!(
        stylist_log
            .iter()
            .any(|e| e["event"] == "welcomed" && e["shopper"] == "Ana"),
        "{stylist_log:#?}"
    );
    let heard: Vec<Value> = stylist_log
        .into_iter()
        .filter(|e| e["event"] == "decided_later")
        .collect();
    assert_eq!(heard.len(), 2, "{heard:#?}");
    let of = |id: &Value| heard.iter().find(|e| &e["proposal"] == id).unwrap();
    assert_eq!(of(&t["proposal"])["decision"], "accepted");
    assert_eq!(of(&t["proposal"])["size"], "M");
    assert_eq!(of(&k["proposal"])["decision"], "rejected");
    assert_eq!(of(&k["proposal"])["garment"], k["name"]);
    let told = names(&events(&host_events))
        .into_iter()
        .filter(|e| *e == "told")
        .count();
    assert_eq!(told, 2);
    let (store, _) = Store::open(&data).unwrap();
    assert!(store.decisions_to_tell().unwrap().is_empty());
    let (stylist_store, _) = Store::open(&stylist).unwrap();
    let mut lines: Vec<String> = stylist_store
        .contacts(Some("Ana"))
        .unwrap()
        .into_iter()
        .filter(|c| {
            c.record
                .summary
                .starts_with("Decided after the session of ")
        })
        .map(|c| c.record.outcome)
        .collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            format!("Accepted: {} in M", t["name"].as_str().unwrap()),
            format!("Rejected: {} in L", k["name"].as_str().unwrap()),
        ]
    );
}
