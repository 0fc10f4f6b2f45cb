//! Widgets shared by screens.

pub mod banners;
pub mod clock;
pub mod counter_list;
pub mod craving_form;
pub mod device;
pub mod flash;
pub mod focus;
pub mod lock_screen;
pub mod money;
pub mod region_picker;
pub mod shell;
pub mod undo;
