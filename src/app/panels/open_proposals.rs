//! The Stylist tab's "Still to decide": proposals a stylist made that the shopper did not decide
//! on before the session ended, each with the stylist, the day, the note, and "Try on" (in the
//! proposed size), "Accept" (→ wishlist) and "Reject" — decided here, the decision goes on that
//! stylist's timeline (`state/open_proposals.rs`).

use crate::app::i18n::Lang;
use crate::app::state::stylist_session::SessionAction;
use crate::session::record::kept_proposal;
use crate::store::OpenProposal;
use bevy_egui::egui::{self, RichText};

/// Draws the proposals still open (nothing when there are none); what was asked goes to `out`.
pub fn still_to_decide(
    ui: &mut egui::Ui,
    lang: Lang,
    open: &[OpenProposal],
    out: &mut Vec<SessionAction>,
) {
    if open.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.label(
        RichText::new(match lang {
            Lang::En => format!("Still to decide ({})", open.len()),
            Lang::De => format!("Noch zu entscheiden ({})", open.len()),
        })
        .strong()
        .size(15.0),
    );
    for p in open {
        ui.group(|ui| {
            ui.label(RichText::new(kept_proposal(p).text()).strong());
            ui.label(
                RichText::new(match lang {
                    Lang::En => format!("Proposed by {} on {}", p.stylist, p.received),
                    Lang::De => format!("Vorgeschlagen von {} am {}", p.stylist, p.received),
                })
                .small(),
            );
            if !p.note.is_empty() {
                ui.label(RichText::new(format!("“{}”", p.note)).italics());
            }
            ui.horizontal(|ui| {
                let (peer, proposal) = (p.peer, p.id);
                let [try_on, accept, reject] = match lang {
                    Lang::En => ["Try on", "Accept", "Reject"],
                    Lang::De => ["Anprobieren", "Annehmen", "Ablehnen"],
                };
                if ui.button(try_on).clicked() {
                    out.push(SessionAction::TryOpen { peer, proposal });
                }
                if ui.button(accept).clicked() {
                    out.push(SessionAction::DecideOpen {
                        peer,
                        proposal,
                        accepted: true,
                    });
                }
                if ui.button(reject).clicked() {
                    out.push(SessionAction::DecideOpen {
                        peer,
                        proposal,
                        accepted: false,
                    });
                }
            });
        });
    }
    ui.separator();
}
