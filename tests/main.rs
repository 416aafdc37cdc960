//! The one integration-test crate (one Bevy link): each module tests one area.

#[cfg(feature = "app")]
mod app;
mod atomic_write;
mod body;
mod catalog;
mod cli;
mod concierge;
mod crossing;
mod export;
mod fit;
mod garment;
mod hull;
mod measurements;
mod prerequisite;
mod rng;
mod session;
mod sizing;
mod store;
