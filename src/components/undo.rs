use std::time::Duration;

use leptos::prelude::*;

use crate::domain::undo;

/// How long an "Undo" stays on screen after a delete.
pub const UNDO_FOR: Duration = Duration::from_secs(10);

/// Offers `deleted` back for [`UNDO_FOR`] without taking away the Undo of
/// earlier deletes (a person who deletes two things in a row can bring both back): `stack` holds every deletion still in its time, newest
/// last (see [`undo::push`]). Undo takes the newest with [`take_latest`].
pub fn offer_undo_each<T: Clone + PartialEq + Send + Sync + 'static>(stack: RwSignal<Vec<T>>, deleted: T) {
    stack.update(|s| undo::push(s, deleted.clone()));
    set_timeout(
        move || {
            // The page may have been left (and the signal disposed) by now.
            stack.try_update(|s| undo::expire(s, &deleted));
        },
        UNDO_FOR,
    );
}

/// The newest deletion still offered, taken off the stack to be put back.
pub fn take_latest<T: Send + Sync + 'static>(stack: RwSignal<Vec<T>>) -> Option<T> {
    stack.try_update(Vec::pop).flatten()
}

/// Said after the newest deletion's line when more than one can be undone.
pub fn more_to_undo(count: usize) -> Option<String> {
    (count > 1).then(|| {
        crate::domain::i18n::counted(trn!("You can undo {} deletion, one at a time. ", "You can undo {} deletions, one at a time. ", count), count)
    })
}
