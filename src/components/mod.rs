//! Widgets shared by screens.

pub mod appointments;
pub mod auto_lock;
pub mod checkin_card;
pub mod banners;
pub mod clock;
pub mod counter_list;
pub mod counts;
pub mod craving_form;
pub mod device;
pub mod files;
pub mod flash;
pub mod focus;
pub mod helplines;
pub mod language;
pub mod lock_screen;
pub mod meds_card;
pub mod meds_today;
pub mod reminders;
pub mod money;
pub mod overdose_steps;
pub mod region_picker;
pub mod shell;
pub mod slip;
pub mod startup;
pub mod strategies;
pub mod undo;
