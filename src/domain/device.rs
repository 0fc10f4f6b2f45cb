//! What the browser tells us about where Steady is running, turned into the
//! two cases that need a word to the person: a Safari tab on an iPhone or
//! iPad (whose storage iOS may delete, and which the Home Screen app can't
//! see), and a window whose storage looks like it disappears on close.

/// Safari on an iPhone or iPad, in a tab rather than opened from the Home Screen.
///
/// `standalone` is `navigator.standalone`: only Safari on iOS/iPadOS defines it
/// (`false` in a tab, `true` from the Home Screen); other browsers leave it
/// undefined (`None`). iPadOS says it is a Mac, so a Mac user agent counts
/// only with a touch screen (`max_touch_points` > 1).
pub fn in_safari_tab(user_agent: &str, standalone: Option<bool>, max_touch_points: u32) -> bool {
    if standalone != Some(false) || !user_agent.contains("AppleWebKit") {
        return false;
    }
    let ios = ["iPhone", "iPad", "iPod"].iter().any(|device| user_agent.contains(device));
    let ipados = user_agent.contains("Macintosh") && max_touch_points > 1;
    ios || ipados
}

/// Below this storage quota a window is taken to be private: browsers give a
/// private window a small, in-memory allowance (tens of MB), and a normal one
/// a share of the disk (gigabytes).
pub const PRIVATE_QUOTA_BELOW: f64 = 64.0 * 1024.0 * 1024.0;

/// Whether this looks like a private window, from what the app can observe:
/// storage refusing a write, or a very small quota (`None`: not reported).
/// Neither is certain, so what is shown says "looks like".
pub fn looks_private(storage_writable: bool, quota_bytes: Option<f64>) -> bool {
    !storage_writable || quota_bytes.is_some_and(|q| q > 0.0 && q < PRIVATE_QUOTA_BELOW)
}

#[cfg(test)]
mod tests {
    use super::*;

    const IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    const IPAD_OLD: &str = "Mozilla/5.0 (iPad; CPU OS 12_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1 Mobile/15E148 Safari/604.1";
    const MAC: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
    const ANDROID: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";
    const DESKTOP_CHROME: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
    const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    #[test]
    fn safari_tabs_on_iphone_and_ipad_are_recognised() {
        assert!(in_safari_tab(IPHONE, Some(false), 5));
        assert!(in_safari_tab(IPHONE, Some(false), 0), "touch points don't matter on an iPhone");
        assert!(in_safari_tab(IPAD_OLD, Some(false), 5));
        assert!(in_safari_tab(MAC, Some(false), 5), "iPadOS reports a Mac with a touch screen");
    }

    #[test]
    fn the_home_screen_app_and_other_browsers_are_not() {
        assert!(!in_safari_tab(IPHONE, Some(true), 5), "opened from the Home Screen");
        assert!(!in_safari_tab(IPHONE, None, 5), "a browser without navigator.standalone");
        assert!(!in_safari_tab(MAC, Some(false), 0), "a real Mac");
        assert!(!in_safari_tab(MAC, Some(false), 1));
        assert!(!in_safari_tab(MAC, None, 0));
        assert!(!in_safari_tab(ANDROID, Some(false), 5));
        assert!(!in_safari_tab(DESKTOP_CHROME, None, 0));
        assert!(!in_safari_tab(FIREFOX, Some(false), 5));
        assert!(!in_safari_tab("", Some(false), 5));
    }

    #[test]
    fn a_private_window_is_guessed_from_refused_writes_or_a_tiny_quota() {
        assert!(looks_private(false, None));
        assert!(looks_private(false, Some(50e9)));
        assert!(looks_private(true, Some(10.0 * 1024.0 * 1024.0)));
        assert!(!looks_private(true, Some(2e9)));
        assert!(!looks_private(true, None), "no estimate: nothing to go on");
        assert!(!looks_private(true, Some(0.0)), "a zero quota is a missing answer, not a private window");
    }
}
