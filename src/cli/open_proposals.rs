//! `anprobe session open` and `anprobe session decide`: the proposals a stylist session left
//! undecided (kept with their garment files, `store::OpenProposal`), listed as JSON (their files
//! written out on request, to fit or validate) and decided as in the app's Stylist tab — the
//! decision on that stylist's timeline and, accepted, on the wishlist.

use super::output::print_json;
use super::session as store_session;
use crate::session::link::short_key;
use crate::session::record::decided_later;
use crate::store::{OpenProposal, date};
use clap::Args;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// Arguments of `anprobe session open`.
#[derive(Debug, Args)]
pub struct OpenArgs {
    /// Also write each proposal's garment file into this folder (created if missing), named
    /// `<stylist>-<id>.glb`; its path is in the JSON as `garment_file`
    #[arg(long, value_name = "DIR")]
    pub garments: Option<PathBuf>,
}

/// Arguments of `anprobe session decide`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("decision").required(true).args(["accept", "reject"])))]
pub struct DecideArgs {
    /// The stylist who proposed it, as `session open` names them (case ignored)
    #[arg(long, value_name = "NAME")]
    pub stylist: String,
    /// The proposal's id, as `session open` lists it
    #[arg(long, value_name = "ID")]
    pub proposal: u64,
    /// The stylist's key, or its start, as `session open` lists it: needed only where one
    /// stylist, paired from two machines, has two open proposals of the same id
    #[arg(long, value_name = "KEY")]
    pub key: Option<String>,
    /// Accept it: on the wishlist, and on the stylist's timeline
    #[arg(long)]
    pub accept: bool,
    /// Reject it: on the stylist's timeline
    #[arg(long)]
    pub reject: bool,
}

/// The file name a proposal's garment is written under: `studio-vera-7.glb`; with the
/// stylist's key (`studio-vera-7-mrgszbchir.glb`) where another open proposal (the same stylist
/// paired from another machine) would take the same name.
fn file_name(p: &OpenProposal, all: &[OpenProposal]) -> String {
    let base = |p: &OpenProposal| format!("{}-{}", crate::sample_catalog::slug(&p.stylist), p.id);
    if all.iter().any(|q| q.peer != p.peer && base(q) == base(p)) {
        format!("{}-{}.glb", base(p), short_key(&p.peer))
    } else {
        format!("{}.glb", base(p))
    }
}

/// `session open`: the open proposals as a JSON array, oldest first.
pub(super) fn open(args: &OpenArgs, data_dir: Option<&Path>) -> Result<(), String> {
    let store = store_session::open(data_dir)?;
    let all = store.open_proposals().map_err(store_session::failure)?;
    if let Some(dir) = &args.garments {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let mut listed: Vec<Value> = Vec::with_capacity(all.len());
    for p in &all {
        let mut entry = json!({
            "stylist": p.stylist,
            "key": short_key(&p.peer),
            "proposal": p.id,
            "received": p.received,
            "retailer": p.retailer,
            "sku": p.sku,
            "name": p.name,
            "size": p.size,
            "colourway": p.colour,
            "note": p.note,
            "price": p.price,
            "currency": p.currency,
        });
        if let Some(dir) = &args.garments {
            let bytes = store
                .open_proposal_garment(&p.peer, p.id)
                .map_err(store_session::failure)?
                .unwrap_or_default();
            let path = dir.join(file_name(p, &all));
            crate::atomic_write::write_atomically(&path, &bytes)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            entry["garment_file"] = json!(path.display().to_string());
        }
        listed.push(entry);
    }
    print_json(&listed)
}

/// `session decide`: one open proposal accepted or rejected; an error names what is not open.
pub(super) fn decide(args: &DecideArgs, data_dir: Option<&Path>) -> Result<(), String> {
    let mut store = store_session::open(data_dir)?;
    let all = store.open_proposals().map_err(store_session::failure)?;
    let key = args.key.as_deref().map(|k| k.trim().to_ascii_lowercase());
    let matching: Vec<&OpenProposal> = all
        .iter()
        .filter(|p| p.id == args.proposal && p.stylist.eq_ignore_ascii_case(args.stylist.trim()))
        .filter(|p| {
            key.as_ref()
                .is_none_or(|k| short_key(&p.peer).starts_with(k.as_str()))
        })
        .collect();
    let p = match matching[..] {
        [p] => p,
        [] => {
            return Err(format!(
                "no open proposal {} from {} (`anprobe session open` lists them)",
                args.proposal, args.stylist
            ));
        }
        _ => {
            let keys: Vec<String> = matching.iter().map(|p| short_key(&p.peer)).collect();
            return Err(format!(
                "{} open proposals {} from {}, from two of their machines (keys {}): name one \
                 with --key",
                matching.len(),
                args.proposal,
                args.stylist,
                keys.join(", ")
            ));
        }
    };
    let decided = decided_later(p, args.accept, &date::today_local())
        .write(&mut store)
        .map_err(store_session::failure)?;
    store_session::close(store);
    if !decided {
        return Err(format!("proposal {} was decided meanwhile", args.proposal));
    }
    print_json(&json!({
        "stylist": p.stylist,
        "proposal": p.id,
        "decision": if args.accept { "accepted" } else { "rejected" },
        "wishlist": args.accept,
    }))
}
