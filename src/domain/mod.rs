//! Pure types and rules: no browser APIs, no Leptos. Tested with `cargo test`.

pub mod backup;
pub mod checkin;
pub mod coping;
pub mod counter;
pub mod cravings;
pub mod dates;
pub mod device;
pub mod insights;
pub mod journal;
pub mod helplines;
pub mod i18n;
pub mod lock;
pub mod money;
pub mod phone;
pub mod plan;
pub mod settings;
pub mod spanish;
pub mod transfer;
pub mod weekly;
