//! Widgets shared by screens.

pub mod banners;
pub mod region_picker;
pub mod shell;
