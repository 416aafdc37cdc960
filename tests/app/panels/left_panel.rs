//! The left panel: a measurement typed into its number field is validated (the issue under the
//! row, the avatar kept until it is fixed), and the language switch turns the panel German.

use anprobe::app::i18n::{Lang, Msg, key_label};
use anprobe::app::panels::left_panel::{LeftPanelView, left_panel_ui};
use anprobe::app::panels::measurements::issue_text;
use anprobe::app::panels::profiles::ProfileEditor;
use anprobe::app::{FileAction, Notices, Profiles, ShopperBody, TapeHover};
use anprobe::measurements::{self, Key};
use bevy_egui::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The left panel's state as the app holds it, without the app: its system's resources.
struct LeftPanel {
    lang: Lang,
    profiles: Profiles,
    body: ShopperBody,
    notices: Notices,
    editor: ProfileEditor,
    hover: TapeHover,
    /// File actions sent (they wait for a dialog).
    files: Vec<FileAction>,
}

impl LeftPanel {
    fn new() -> Self {
        let profiles = Profiles::default();
        let mut body = ShopperBody::default();
        body.update(&profiles.active().measurements);
        LeftPanel {
            lang: Lang::En,
            profiles,
            body,
            notices: Notices::default(),
            editor: ProfileEditor::default(),
            hover: TapeHover::default(),
            files: Vec::new(),
        }
    }

    /// One frame: the panel drawn, its actions applied, the body rebuilt when its measurements
    /// changed (what the body's own system does in the app).
    fn frame(&mut self, ui: &mut egui::Ui) {
        let view = LeftPanelView {
            lang: self.lang,
            profiles: &self.profiles,
            body: &self.body,
            notices: &self.notices,
            dialog_open: false,
        };
        let actions = left_panel_ui(ui, &view, &mut self.editor, &mut self.hover);
        for action in actions {
            let file = action.apply(
                &mut &mut self.lang,
                &mut &mut self.profiles,
                &mut &mut self.notices,
                &mut self.editor,
            );
            self.files.extend(file);
        }
        let typed = &self.profiles.active().measurements;
        if self.body.is_stale(typed) {
            self.body.update(typed);
        }
    }
}

fn harness() -> Harness<'static, LeftPanel> {
    Harness::builder()
        .with_size([440.0, 1000.0])
        .build_ui_state(
            |ui, panel: &mut LeftPanel| panel.frame(ui),
            LeftPanel::new(),
        )
}

/// Clicks a number field, types `text` over its value and presses Enter.
fn type_into(harness: &mut Harness<'_, LeftPanel>, field: &str, text: &str) {
    harness.get_by_label(field).click();
    harness.run();
    harness.get_by_label(field).type_text(text);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
}

#[test]
fn a_typed_measurement_is_validated_in_the_panel() {
    let mut harness = harness();
    let waist = key_label(Key::WaistGirth, Lang::En);
    let generation = harness.state().body.generation;

    type_into(&mut harness, waist, "5");
    let typed = &harness.state().profiles.active().measurements;
    assert_eq!(
        typed.get(Key::WaistGirth),
        Some(5.0),
        "the typed value is kept"
    );
    // The domain's own verdict on it, shown under the row in the panel's words.
    let issue = measurements::validate(typed)
        .into_iter()
        .find(|i| i.key == Some(Key::WaistGirth) && i.is_error())
        .expect("a 5 cm waist is an error");
    let shown = issue_text(Lang::En, &issue);
    harness.get_by_label(&shown);
    harness.get_by_label(Lang::En.t(Msg::NoAvatar));
    assert!(!harness.state().body.valid);
    assert_eq!(
        harness.state().body.generation,
        generation,
        "the last good avatar stays"
    );

    // Far too large: kept as typed (not clamped to some maximum), and the message names it.
    type_into(&mut harness, waist, "500");
    let typed = &harness.state().profiles.active().measurements;
    assert_eq!(
        typed.get(Key::WaistGirth),
        Some(500.0),
        "the typed value is kept"
    );
    let issue = measurements::validate(typed)
        .into_iter()
        .find(|i| i.key == Some(Key::WaistGirth) && i.is_error())
        .expect("a 500 cm waist is an error");
    let shown_500 = issue_text(Lang::En, &issue);
    assert!(shown_500.contains("500"), "{shown_500}");
    harness.get_by_label(&shown_500);

    // Fixed: the issue goes, the avatar is rebuilt.
    type_into(&mut harness, waist, "80");
    assert_eq!(
        harness
            .state()
            .profiles
            .active()
            .measurements
            .get(Key::WaistGirth),
        Some(80.0)
    );
    assert!(harness.query_by_label(&shown).is_none());
    assert!(harness.query_by_label(Lang::En.t(Msg::NoAvatar)).is_none());
    assert!(harness.state().body.valid);
    assert_eq!(harness.state().body.generation, generation + 1);
    assert!(harness.state().files.is_empty());
}

#[test]
fn the_language_switch_turns_the_panel_german() {
    let mut harness = harness();
    harness.get_by_label(Lang::En.t(Msg::Measurements));
    harness.get_by_label(key_label(Key::HipGirth, Lang::En));

    harness.get_by_value(Lang::En.name()).click();
    harness.run();
    harness.get_by_label(Lang::De.name()).click();
    harness.run();

    assert_eq!(harness.state().lang, Lang::De);
    harness.get_by_label(Lang::De.t(Msg::Measurements));
    harness.get_by_label(Lang::De.t(Msg::Load));
    harness.get_by_label(key_label(Key::HipGirth, Lang::De));
    harness.get_by_value(Lang::De.name());
    assert!(
        harness
            .query_by_label(Lang::En.t(Msg::Measurements))
            .is_none()
    );
    assert!(harness.query_by_label(Lang::En.t(Msg::Load)).is_none());

    // And back.
    harness.get_by_value(Lang::De.name()).click();
    harness.run();
    harness.get_by_label(Lang::En.name()).click();
    harness.run();
    assert_eq!(harness.state().lang, Lang::En);
    harness.get_by_label(Lang::En.t(Msg::Measurements));
}

/// Two profiles of one name could not be told apart (in the picker, in the store): renaming a
/// profile to another's name is not offered — OK disabled, the reason beside it — and the
/// profiles keep their names; a free name goes through.
#[test]
fn a_profile_cannot_take_another_profiles_name() {
    use egui_kittest::kittest::NodeT;
    let mut harness = harness();
    let first = harness.state().profiles.active().name.clone();
    harness.get_by_label(Lang::En.t(Msg::AddProfile)).click();
    harness.run();
    assert_eq!(harness.state().profiles.list().len(), 2);
    assert!(matches!(harness.state().editor, ProfileEditor::Renaming(_)));

    // The first profile's name typed for the new one (padded: names are trimmed).
    harness.state_mut().editor = ProfileEditor::Renaming(format!(" {first} "));
    harness.run();
    let ok = harness.get_by_label(Lang::En.t(Msg::Ok));
    assert!(ok.accesskit_node().is_disabled());
    harness.get_by_label(Lang::En.t(Msg::ProfileNameTaken));
    // Refused below the row too.
    assert!(!harness.state_mut().profiles.rename_active(&first));
    let names: Vec<String> = harness
        .state()
        .profiles
        .list()
        .iter()
        .map(|p| p.name.clone())
        .collect();
    assert_eq!(
        names.iter().filter(|n| **n == first).count(),
        1,
        "{names:?}"
    );

    // A free name: OK, applied.
    harness.state_mut().editor = ProfileEditor::Renaming("Kim".into());
    harness.run();
    assert!(
        harness
            .query_by_label(Lang::En.t(Msg::ProfileNameTaken))
            .is_none()
    );
    harness.get_by_label(Lang::En.t(Msg::Ok)).click();
    harness.run();
    assert_eq!(harness.state().profiles.active().name, "Kim");
    assert_eq!(harness.state().editor, ProfileEditor::Idle);
}

/// The trunk's breadths are optional: folded away until opened, then typed like the girths,
/// checked against the chest (the message at the top of the panel), and reset to the predicted
/// value.
#[test]
fn a_chest_breadth_is_typed_checked_and_reset_in_the_panel() {
    use anprobe::app::i18n::caliper_label;
    use anprobe::measurements::ShapeVar;
    let mut harness = harness();
    let breadth = caliper_label(ShapeVar::ChestBreadth, Lang::En);
    assert!(harness.query_by_label(breadth).is_none(), "folded away");
    harness.get_by_label(Lang::En.t(Msg::TrunkBreadths)).click();
    harness.run();
    type_into(&mut harness, breadth, "29.5");
    let typed = &harness.state().profiles.active().measurements;
    assert_eq!(typed.shape.get(&ShapeVar::ChestBreadth), Some(&29.5));
    assert!(harness.state().body.valid);
    assert_eq!(
        harness
            .state()
            .body
            .resolved
            .as_ref()
            .unwrap()
            .shape
            .get(ShapeVar::ChestBreadth),
        29.5,
        "the avatar is built with it"
    );
    // Typed chest 92 cm: 60 cm is more than 42 % of it.
    type_into(&mut harness, key_label(Key::ChestGirth, Lang::En), "92");
    type_into(&mut harness, breadth, "60");
    let typed = &harness.state().profiles.active().measurements;
    let issue = measurements::validate(typed)
        .into_iter()
        .find(|i| i.key.is_none() && i.is_error())
        .expect("a 60 cm chest breadth on a 92 cm chest is an error");
    harness.get_by_label(&issue_text(Lang::En, &issue));
    assert!(!harness.state().body.valid);
    // Its reset is the last one: the rows below the girths (the chest's has one too).
    harness
        .get_all_by_label("↺")
        .last()
        .expect("reset buttons")
        .click();
    harness.run();
    let typed = &harness.state().profiles.active().measurements;
    assert!(typed.shape.is_empty(), "{:?}", typed.shape);
    assert_eq!(
        typed.get(Key::ChestGirth),
        Some(92.0),
        "the chest stays typed"
    );
    assert!(harness.state().body.valid);
}

/// "Measure next: hip girth" in the catalog asks for the hip's field: it takes the keyboard
/// focus when the panel is next drawn, once.
#[test]
fn a_field_asked_for_takes_the_focus() {
    let mut harness = harness();
    let hip = key_label(Key::HipGirth, Lang::En);
    assert!(!harness.get_by_label(hip).is_focused());
    harness.state_mut().hover.focus = Some(Key::HipGirth);
    harness.run();
    assert!(
        harness.get_by_label(hip).is_focused(),
        "the hip's field has the focus"
    );
    assert_eq!(harness.state().hover.focus, None, "asked for once");
    harness.run();
    assert!(harness.get_by_label(hip).is_focused(), "and keeps it");
}
