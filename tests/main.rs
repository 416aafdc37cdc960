//! The one integration-test crate (one Bevy link): each module tests one area.

mod body;
mod cli;
mod export;
mod fit;
mod garment;
mod measurements;
mod store;
