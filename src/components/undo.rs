use std::time::Duration;

use leptos::prelude::*;

/// How long an "Undo" stays on screen after a delete.
pub const UNDO_FOR: Duration = Duration::from_secs(10);

/// Offers `deleted` back for [`UNDO_FOR`]: it sits in `slot` (which shows the
/// Undo button) until then, unless something newer replaced it.
pub fn offer_undo<T: Clone + PartialEq + Send + Sync + 'static>(slot: RwSignal<Option<T>>, deleted: T) {
    slot.set(Some(deleted.clone()));
    set_timeout(
        move || {
            // The page may have been left (and the signal disposed) by now.
            if slot.try_with_untracked(|current| current.as_ref() == Some(&deleted)) == Some(true) {
                slot.try_set(None);
            }
        },
        UNDO_FOR,
    );
}
