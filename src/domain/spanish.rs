//! The Spanish catalog: every `tr!` and `Both::new` pair in the source,
//! collected by `build.rs`. In the browser it is a split-off module of its own,
//! fetched only when Spanish is in use (`components::language`).

pub static CATALOG: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/spanish.rs"));
