//! What "Undo" can still bring back after deletes: a short stack, newest last.
//! A second delete doesn't take away the first one's Undo; each deletion
//! leaves the stack on its own when its time is up, or when it is undone.

/// At most this many deletions wait to be undone; older ones drop off first.
pub const UNDO_KEEPS: usize = 5;

/// Adds a deletion; the oldest drops off past [`UNDO_KEEPS`].
pub fn push<T>(stack: &mut Vec<T>, deleted: T) {
    stack.push(deleted);
    if stack.len() > UNDO_KEEPS {
        stack.remove(0);
    }
}

/// Takes this deletion off the stack (its time is up); the others stay.
/// `true` if it was still there.
pub fn expire<T: PartialEq>(stack: &mut Vec<T>, deleted: &T) -> bool {
    match stack.iter().position(|x| x == deleted) {
        Some(at) => {
            stack.remove(at);
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_delete_keeps_the_first_ones_undo() {
        let mut stack = Vec::new();
        push(&mut stack, "first");
        push(&mut stack, "second");
        assert_eq!(stack.pop(), Some("second"));
        assert_eq!(stack.pop(), Some("first"));
        assert_eq!(stack.pop(), None);
    }

    #[test]
    fn each_deletion_expires_on_its_own() {
        let mut stack = vec![];
        push(&mut stack, 1);
        push(&mut stack, 2);
        assert!(expire(&mut stack, &1));
        assert_eq!(stack, vec![2]);
        // Already undone: nothing else is touched.
        assert!(!expire(&mut stack, &1));
        assert_eq!(stack, vec![2]);
    }

    #[test]
    fn only_the_newest_few_are_kept() {
        let mut stack = Vec::new();
        for n in 0..UNDO_KEEPS + 2 {
            push(&mut stack, n);
        }
        assert_eq!(stack.len(), UNDO_KEEPS);
        assert_eq!(stack.first(), Some(&2));
        assert_eq!(stack.last(), Some(&(UNDO_KEEPS + 1)));
    }
}
