//! One module per screen.

pub mod checkin;
pub mod cope;
pub mod help;
pub mod insights;
pub mod journal;
pub mod log;
pub mod log_new;
pub mod meds;
pub mod not_found;
pub mod overdose;
pub mod plan;
pub mod settings;
pub mod shared;
pub mod sos;
pub mod today;
pub mod weekly;
