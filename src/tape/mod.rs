//! The tape measure: measures girths and lengths on a mesh the way a tailor does.
