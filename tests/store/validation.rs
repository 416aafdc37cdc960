//! Refused values: every message names the field.

use super::{StDir, st_item, st_open, st_order, st_wish};
use anprobe::store::{NewOrder, NewOrderItem, NewWishlistItem};

#[test]
fn validation_messages_name_the_field() {
    let dir = StDir::new("validate");
    let mut store = st_open(&dir.path);
    let cases: Vec<(NewWishlistItem, &str)> = vec![
        (
            NewWishlistItem {
                sku: "  ".into(),
                ..st_wish("x")
            },
            "invalid sku: must not be empty",
        ),
        (
            NewWishlistItem {
                retailer: "".into(),
                ..st_wish("x")
            },
            "invalid retailer: must not be empty",
        ),
        (
            NewWishlistItem {
                price: -1.0,
                ..st_wish("x")
            },
            "invalid price: must not be negative",
        ),
        (
            NewWishlistItem {
                price: f64::NAN,
                ..st_wish("x")
            },
            "invalid price: must be a finite number",
        ),
        (
            NewWishlistItem {
                price: f64::INFINITY,
                ..st_wish("x")
            },
            "invalid price: must be a finite number",
        ),
        (
            NewWishlistItem {
                currency: "EURO".into(),
                ..st_wish("x")
            },
            "invalid currency: \"EURO\" is not a known ISO 4217",
        ),
        (
            NewWishlistItem {
                size: "banana".into(),
                ..st_wish("x")
            },
            "invalid size: \"banana\" is not a size label",
        ),
        (
            NewWishlistItem {
                size: "1000".into(),
                ..st_wish("x")
            },
            "invalid size",
        ),
        (
            NewWishlistItem {
                size: "99/99".into(),
                ..st_wish("x")
            },
            "invalid size",
        ),
        (
            NewWishlistItem {
                added: "2026-02-30".into(),
                ..st_wish("x")
            },
            "invalid added: \"2026-02-30\" is not a calendar date",
        ),
        (
            NewWishlistItem {
                added: "yesterday".into(),
                ..st_wish("x")
            },
            "invalid added",
        ),
        (
            NewWishlistItem {
                added: "2026-02-03T25:00:00Z".into(),
                ..st_wish("x")
            },
            "invalid added",
        ),
    ];
    for (item, expected) in cases {
        let err = store.add_wishlist(&item).unwrap_err();
        assert!(
            err.to_string().starts_with(expected),
            "{err} should start with {expected}"
        );
    }
    assert!(store.list_wishlist().unwrap().is_empty());

    for (size, normal) in [
        ("xxs", "XXS"),
        ("5xl", "5XL"),
        ("S/M", "S/M"),
        ("34", "34"),
        ("60", "60"),
        ("38.5", "38.5"),
        ("eu 42", "EU 42"),
        ("32/34", "32/34"),
        ("W32 L34", "32/34"),
        ("32x30", "32/30"),
        ("one size", "ONE SIZE"),
        ("One-Size", "ONE SIZE"),
    ] {
        let id = store
            .add_wishlist(&NewWishlistItem {
                size: size.into(),
                ..st_wish("ok")
            })
            .unwrap_or_else(|e| panic!("{size}: {e}"));
        assert_eq!(store.wishlist_item(id).unwrap().wish.size, normal);
    }
    for code in [
        "EUR", "usd", "GBP", "CHF", "SEK", "DKK", "NOK", "PLN", "CZK", "JPY", "CAD", "AUD",
    ] {
        store
            .add_wishlist(&NewWishlistItem {
                currency: code.into(),
                ..st_wish("ok")
            })
            .unwrap_or_else(|e| panic!("{code}: {e}"));
    }
    let yen = store
        .add_wishlist(&NewWishlistItem {
            currency: "JPY".into(),
            price: 4990.4,
            ..st_wish("ok")
        })
        .unwrap();
    assert_eq!(
        store.wishlist_item(yen).unwrap().wish.price,
        4990.0,
        "yen have no minor unit"
    );
    let err = store
        .add_order(&NewOrder {
            items: vec![
                st_item("A", None),
                NewOrderItem {
                    sku: "".into(),
                    ..st_item("B", None)
                },
            ],
            ..st_order("Zalando", "Z-1", "2026-01-01")
        })
        .unwrap_err();
    assert!(err.to_string().starts_with("invalid items[1].sku"), "{err}");
    let err = store
        .add_order(&st_order("Zalando", "", "2026-01-01"))
        .unwrap_err();
    assert!(err.to_string().starts_with("invalid order_number"), "{err}");
}
