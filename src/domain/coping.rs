//! Coping strategies and learning which ones help this person.
//!
//! Families from the product card (exercise, meditation, distraction) plus
//! "connect". Evidence notes in shared/content-facts.md: urge surfing and
//! mindfulness-based relapse prevention (Bowen et al. 2014); delay–distract–
//! decide; HALT is a rule of thumb. Wording is ours.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::i18n::{in_use, Both};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    Exercise,
    Meditation,
    Distraction,
    Connect,
    Own,
}

impl Family {
    pub fn label(self) -> &'static str {
        match self {
            Family::Exercise => tr!("Move"),
            Family::Meditation => tr!("Breathe & notice"),
            Family::Distraction => tr!("Distract"),
            Family::Connect => tr!("Connect"),
            Family::Own => tr!("Your own"),
        }
    }
}

/// Breathing patterns: seconds of each phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pattern {
    pub phases: &'static [(Phase, u32)],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    In,
    Hold,
    Out,
}

impl Phase {
    pub fn label(self) -> &'static str {
        match self {
            Phase::In => tr!("In"),
            Phase::Hold => tr!("Hold"),
            Phase::Out => tr!("Out"),
        }
    }
    pub fn cue(self) -> &'static str {
        match self {
            Phase::In => tr!("Breathe in"),
            Phase::Hold => tr!("Hold"),
            Phase::Out => tr!("Breathe out"),
        }
    }
}

pub const BOX: Pattern = Pattern { phases: &[(Phase::In, 4), (Phase::Hold, 4), (Phase::Out, 4), (Phase::Hold, 4)] };
pub const FOUR_SEVEN_EIGHT: Pattern = Pattern { phases: &[(Phase::In, 4), (Phase::Hold, 7), (Phase::Out, 8)] };

impl Pattern {
    pub fn cycle_seconds(self) -> u32 {
        self.phases.iter().map(|(_, s)| s).sum()
    }

    /// The phase at `elapsed_ms` after starting, its index, and whole seconds left in it.
    pub fn phase_at(self, elapsed_ms: u64) -> (usize, Phase, u32) {
        let cycle_ms = u64::from(self.cycle_seconds()) * 1000;
        let mut t = elapsed_ms % cycle_ms.max(1);
        for (i, (phase, secs)) in self.phases.iter().enumerate() {
            let len = u64::from(*secs) * 1000;
            if t < len {
                let left = (len - t).div_ceil(1000) as u32;
                return (i, *phase, left);
            }
            t -= len;
        }
        (0, self.phases[0].0, self.phases[0].1)
    }
}

/// What starting a strategy opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activity {
    /// Steps to read and do, then "Did it help?".
    Steps,
    Breathing(Pattern),
    /// A timer with a check-in every `check_in_minutes`.
    UrgeSurfing { minutes: u32, check_in_minutes: u32 },
    /// One-tap calls to the sponsor and support people.
    Call,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strategy {
    pub id: String,
    pub family: Family,
    /// A built-in's English title (what the craving log stores when it's
    /// tried), or the person's own words. Shown with [`Strategy::shown_title`].
    pub title: String,
    /// Shown with [`Strategy::shown_summary`].
    pub summary: String,
    /// Shown with [`Strategy::shown_steps`].
    pub steps: Vec<String>,
    pub activity: Activity,
}

/// The summary of the person's own strategy without a note, and of one from their plan.
const OWN_SUMMARY: &str = Both::new("Your own strategy.").en;
const PLAN_SUMMARY: &str = Both::new("From your plan.").en;

fn builtin(id: &str) -> Option<&'static Builtin> {
    BUILTIN.iter().find(|b| b.id == id)
}

impl Strategy {
    /// The title in the language in use: built-ins are translated, the
    /// person's own are their words as written.
    pub fn shown_title(&self) -> &str {
        builtin(&self.id).map_or(self.title.as_str(), |b| in_use(b.title))
    }

    /// The summary in the language in use (a note the person wrote stays as written).
    pub fn shown_summary(&self) -> &str {
        if let Some(b) = builtin(&self.id) {
            return in_use(b.summary);
        }
        match self.summary.as_str() {
            OWN_SUMMARY if self.family == Family::Own => in_use(OWN_SUMMARY),
            PLAN_SUMMARY if self.family == Family::Own => in_use(PLAN_SUMMARY),
            note => note,
        }
    }

    /// The steps in the language in use.
    pub fn shown_steps(&self) -> Vec<&str> {
        match builtin(&self.id) {
            Some(b) => b.steps.iter().map(|s| in_use(s)).collect(),
            None => self.steps.iter().map(String::as_str).collect(),
        }
    }
}

/// Things people commonly do when a craving hits; the person can type others.
/// Stored by their English (the id), shown in the language in use.
pub const COPING_CHOICES: [&str; 6] = [
    Both::new("Called someone").en,
    Both::new("Went for a walk").en,
    Both::new("Breathing exercise").en,
    Both::new("Distracted myself").en,
    Both::new("Went to a meeting").en,
    Both::new("Waited it out").en,
];

/// What the person did, as the log, Insights and the look-back show it: a
/// quick choice or a built-in strategy's title (both stored in English, see
/// [`record_tried`]) in the language in use; anything typed as written.
pub fn shown_tried(what: &str) -> &str {
    if let Some(choice) = COPING_CHOICES.iter().find(|c| **c == what) {
        return in_use(choice);
    }
    BUILTIN.iter().find(|b| b.title == what).map_or(what, |b| in_use(b.title))
}

struct Builtin {
    id: &'static str,
    family: Family,
    title: &'static str,
    summary: &'static str,
    steps: &'static [&'static str],
    activity: Activity,
}

/// Built-in prompts, in the order shown before anything is learned: quick,
/// calming ones first. The text is kept in English (the craving log stores a
/// tried strategy by its English title) and shown in the language in use by
/// [`Strategy::shown_title`] and its siblings.
const BUILTIN: &[Builtin] = &[
    Builtin {
        id: "box-breathing",
        family: Family::Meditation,
        title: Both::new("Box breathing").en,
        summary: Both::new("Four counts in, hold, out, hold. Slows your body down in a minute or two.").en,
        steps: &[
            Both::new("Sit or stand comfortably.").en,
            Both::new("Follow the circle: in for 4, hold for 4, out for 4, hold for 4.").en,
            Both::new("Keep going for a few rounds.").en,
        ],
        activity: Activity::Breathing(BOX),
    },
    Builtin {
        id: "urge-surfing",
        family: Family::Meditation,
        title: Both::new("Surf the urge").en,
        summary: Both::new("Watch the craving rise, peak and fall like a wave, without acting on it.").en,
        steps: &[
            Both::new("Notice where you feel the craving in your body.").en,
            Both::new("Breathe and describe it to yourself: tight, hot, buzzing?").en,
            Both::new("Let it rise. Cravings often ease within 15–30 minutes.").en,
            Both::new("At each check-in, notice how strong it is now.").en,
        ],
        activity: Activity::UrgeSurfing { minutes: 15, check_in_minutes: 5 },
    },
    Builtin {
        id: "call-support",
        family: Family::Connect,
        title: Both::new("Call your sponsor or someone from your plan").en,
        summary: Both::new("Say it out loud to someone who gets it. You don't have to explain everything.").en,
        steps: &[
            Both::new("Tap a name to call.").en,
            Both::new("Try: “I'm having a craving and I don't want to act on it.”").en,
        ],
        activity: Activity::Call,
    },
    Builtin {
        id: "brisk-walk",
        family: Family::Exercise,
        title: Both::new("A brisk five-minute walk").en,
        summary: Both::new("Get outside or walk the hallway. Moving changes how the craving feels.").en,
        steps: &[
            Both::new("Put your shoes on and go — no planning needed.").en,
            Both::new("Walk fast enough to breathe a little harder.").en,
            Both::new("Notice five things you can see on the way.").en,
        ],
        activity: Activity::Steps,
    },
    Builtin {
        id: "delay-distract-decide",
        family: Family::Connect,
        title: Both::new("Delay, distract, decide").en,
        summary: Both::new("Put off the decision for 15 minutes, do something else, then decide.").en,
        steps: &[
            Both::new("Delay: tell yourself “not for 15 minutes”.").en,
            Both::new("Distract: pick anything on this screen and do it.").en,
            Both::new("Decide: after 15 minutes, look at your reasons for recovery, then decide.").en,
        ],
        activity: Activity::Steps,
    },
    Builtin {
        id: "breathing-478",
        family: Family::Meditation,
        title: Both::new("4-7-8 breathing").en,
        summary: Both::new("In for 4, hold for 7, out for 8. The long out-breath helps you settle.").en,
        steps: &[
            Both::new("Breathe in quietly through your nose for 4.").en,
            Both::new("Hold for 7.").en,
            Both::new("Breathe out through your mouth for 8.").en,
            // Safety review 2026-12-06, (4) Minor: holding the breath can bring on
            // dizziness or panic, more so in withdrawal or a panic attack.
            Both::new("If holding your breath makes you dizzy or panicky, skip the hold: just breathe in, then out slowly.").en,
        ],
        activity: Activity::Breathing(FOUR_SEVEN_EIGHT),
    },
    Builtin {
        id: "halt-check",
        family: Family::Connect,
        title: Both::new("HALT check").en,
        summary: Both::new("Am I hungry, angry, lonely or tired? Sort the one you can right now.").en,
        steps: &[
            Both::new("Hungry? Eat something, even small.").en,
            Both::new("Angry? Write it down or tell someone.").en,
            Both::new("Lonely? Message or call someone.").en,
            Both::new("Tired? Rest, even for ten minutes.").en,
        ],
        activity: Activity::Steps,
    },
    Builtin {
        id: "play-tape",
        family: Family::Connect,
        title: Both::new("Play the tape forward").en,
        summary: Both::new("Picture the whole story: not the first hour, but tonight, tomorrow, next week.").en,
        steps: &[
            Both::new("Imagine using. Then keep the film running.").en,
            Both::new("What happens tonight? Tomorrow morning? Next week?").en,
            Both::new("Now picture the same time if you don't use.").en,
        ],
        activity: Activity::Steps,
    },
    Builtin {
        id: "wall-pushups",
        family: Family::Exercise,
        title: Both::new("Wall push-ups").en,
        summary: Both::new("Ten push-ups against a wall. No equipment, anywhere.").en,
        steps: &[
            Both::new("Stand an arm's length from a wall, hands flat on it.").en,
            Both::new("Bend your elbows and lean in, then push back.").en,
            Both::new("Do ten, rest, do ten more.").en,
        ],
        activity: Activity::Steps,
    },
    Builtin {
        id: "stretch",
        family: Family::Exercise,
        title: Both::new("Stretch it out").en,
        summary: Both::new("A minute of slow stretches to let the tension go.").en,
        steps: &[
            Both::new("Reach both arms up and hold for five breaths.").en,
            Both::new("Roll your shoulders back ten times.").en,
            Both::new("Gently tip your head side to side.").en,
        ],
        activity: Activity::Steps,
    },
    Builtin {
        id: "stairs",
        family: Family::Exercise,
        title: Both::new("Take the stairs").en,
        summary: Both::new("Up and down a flight of stairs a few times, at your own pace.").en,
        steps: &[
            Both::new("Find some stairs or a step.").en,
            Both::new("Go up and down until you're a bit out of breath.").en,
            Both::new("Stop and notice how the craving feels now.").en,
        ],
        activity: Activity::Steps,
    },
    Builtin {
        id: "body-scan",
        family: Family::Meditation,
        title: Both::new("Short body scan").en,
        summary: Both::new("Move your attention slowly from your feet to your head.").en,
        steps: &[
            Both::new("Notice your feet on the floor.").en,
            Both::new("Move up: legs, stomach, chest, shoulders, jaw.").en,
            Both::new("Where you find tension, breathe into it and let it soften.").en,
            Both::new("Notice where the craving sits, without judging it.").en,
        ],
        activity: Activity::Steps,
    },
    Builtin {
        id: "create",
        family: Family::Distraction,
        title: Both::new("Draw, write or play music").en,
        summary: Both::new("Put the feeling somewhere: a doodle, a few lines, a tune.").en,
        steps: &[
            Both::new("Grab paper, your notes app or an instrument.").en,
            Both::new("Don't aim for good — aim for five minutes.").en,
            Both::new("Write or draw what the craving feels like.").en,
        ],
        activity: Activity::Steps,
    },
    Builtin {
        id: "music",
        family: Family::Distraction,
        title: Both::new("Listen to a song you love").en,
        summary: Both::new("Something that lifts you. Turn it up.").en,
        steps: &[
            Both::new("Put on one song you love.").en,
            Both::new("Really listen: the words, the drums.").en,
            Both::new("Then one more.").en,
        ],
        activity: Activity::Steps,
    },
    Builtin {
        id: "cook",
        family: Family::Distraction,
        title: Both::new("Cook something simple").en,
        summary: Both::new("Toast, eggs, a cup of tea. Hands busy, stomach fed.").en,
        steps: &[
            Both::new("Pick the simplest thing you can make.").en,
            Both::new("Take your time with each step.").en,
            Both::new("Eat it sitting down.").en,
        ],
        activity: Activity::Steps,
    },
    Builtin {
        id: "game",
        family: Family::Distraction,
        title: Both::new("Play a quick game").en,
        summary: Both::new("A puzzle, a card game, a phone game — ten minutes of focus.").en,
        steps: &[
            Both::new("Pick a game that needs your attention.").en,
            Both::new("Set a ten-minute limit.").en,
            Both::new("Check in with the craving afterwards.").en,
        ],
        activity: Activity::Steps,
    },
    Builtin {
        id: "tidy",
        family: Family::Distraction,
        title: Both::new("Tidy one small space").en,
        summary: Both::new("One drawer, one shelf, one corner. Small and finished.").en,
        steps: &[
            Both::new("Pick one small space.").en,
            Both::new("Clear it, wipe it, put things back.").en,
            Both::new("Enjoy one thing that's done.").en,
        ],
        activity: Activity::Steps,
    },
    Builtin {
        id: "outside",
        family: Family::Distraction,
        title: Both::new("Go outside").en,
        summary: Both::new("Change the scene. Fresh air, sky, a different room at least.").en,
        steps: &[
            Both::new("Step outside or to a window.").en,
            Both::new("Take five slow breaths.").en,
            Both::new("Name three things you can hear.").en,
        ],
        activity: Activity::Steps,
    },
    Builtin {
        id: "meeting",
        family: Family::Connect,
        title: Both::new("Go to a meeting").en,
        summary: Both::new("Being around people in recovery helps. Check your meeting list or ask your sponsor.").en,
        steps: &[
            Both::new("Check your usual meeting times.").en,
            Both::new("If none is on now, call someone from your plan instead.").en,
            // Safety review 2026-12-06 (3).8: SAMHSA is a US line; every country's
            // helplines are on Help (helplines.rs).
            Both::new("The helplines on Help can tell you about groups near you.").en,
        ],
        activity: Activity::Steps,
    },
];

/// A strategy the person added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnStrategy {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Helped {
    #[serde(rename = "yes")]
    Yes,
    #[serde(rename = "bit")]
    ABit,
    #[serde(rename = "no")]
    No,
}

impl Helped {
    pub fn value(self) -> f64 {
        match self {
            Helped::Yes => 1.0,
            Helped::ABit => 0.5,
            Helped::No => 0.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub strategy: String,
    #[serde(with = "crate::domain::dates::stored::datetime")]
    pub at: NaiveDateTime,
    pub helped: Helped,
    /// The trigger of the craving it was used for, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<String>,
}

/// A running timer: stored as its start and end, so it survives a reload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActiveTimer {
    pub strategy: String,
    pub started_ms: f64,
    pub ends_ms: f64,
}

/// Everything the Cope screen remembers.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CopingData {
    pub own: Vec<OwnStrategy>,
    pub hidden: Vec<String>,
    pub favourites: Vec<String>,
    pub ratings: Vec<Rating>,
    pub active: Option<ActiveTimer>,
    /// Vibrate at breathing phase changes (where the phone can).
    pub vibrate: bool,
}

impl CopingData {
    pub fn add_own(&mut self, title: &str, note: &str) -> Result<String, &'static str> {
        let title = title.trim();
        if title.is_empty() {
            return Err(tr!("Give it a short name, like “Text my sister”."));
        }
        if title.chars().count() > 80 || note.chars().count() > 1_000 {
            return Err(tr!("That's long — keep the name under 80 characters."));
        }
        let n = self.own.iter().filter_map(|s| s.id.strip_prefix("own-")?.parse::<u32>().ok()).max().unwrap_or(0) + 1;
        let id = format!("own-{n}");
        self.own.push(OwnStrategy { id: id.clone(), title: title.to_owned(), note: note.trim().to_owned() });
        Ok(id)
    }

    pub fn toggle(list: &mut Vec<String>, id: &str) {
        match list.iter().position(|x| x == id) {
            Some(at) => {
                list.remove(at);
            }
            None => list.push(id.to_owned()),
        }
    }
}

/// Every strategy: built-ins, the person's own, and coping strategies from their plan.
pub fn catalogue(data: &CopingData, plan_strategies: &[(u32, String)]) -> Vec<Strategy> {
    let mut all: Vec<Strategy> = BUILTIN
        .iter()
        .map(|b| Strategy {
            id: b.id.to_owned(),
            family: b.family,
            title: b.title.to_owned(),
            summary: b.summary.to_owned(),
            steps: b.steps.iter().map(|s| s.to_string()).collect(),
            activity: b.activity,
        })
        .collect();
    for own in &data.own {
        all.push(Strategy {
            id: own.id.clone(),
            family: Family::Own,
            title: own.title.clone(),
            summary: if own.note.is_empty() { OWN_SUMMARY.into() } else { own.note.clone() },
            steps: Vec::new(),
            activity: Activity::Steps,
        });
    }
    for (item_id, title) in plan_strategies {
        // Not twice: a plan item named like a strategy already here (in English or as shown) is that strategy.
        let same = |s: &Strategy| s.title.eq_ignore_ascii_case(title.trim()) || s.shown_title().eq_ignore_ascii_case(title.trim());
        if title.trim().is_empty() || all.iter().any(same) {
            continue;
        }
        all.push(Strategy {
            id: format!("plan-{item_id}"),
            family: Family::Own,
            title: title.trim().to_owned(),
            summary: PLAN_SUMMARY.into(),
            steps: Vec::new(),
            activity: Activity::Steps,
        });
    }
    all
}

/// Finds the strategy a craving-log "what I did" entry refers to: by a
/// built-in choice, by the title as stored (a built-in's English), or by the
/// title as shown in the language in use (typed in by the person).
pub fn strategy_for_coping_text<'a>(all: &'a [Strategy], text: &str) -> Option<&'a Strategy> {
    const ALIASES: [(&str, &str); 4] = [
        ("Called someone", "call-support"),
        ("Went for a walk", "brisk-walk"),
        ("Breathing exercise", "box-breathing"),
        ("Went to a meeting", "meeting"),
    ];
    let id = ALIASES.iter().find(|(t, _)| t.eq_ignore_ascii_case(text)).map(|(_, id)| *id);
    let text = text.trim();
    all.iter().find(|s| Some(s.id.as_str()) == id || s.title.eq_ignore_ascii_case(text))
        .or_else(|| all.iter().find(|s| s.shown_title().eq_ignore_ascii_case(text)))
}

/// Adds what the person tried (strategy ids, e.g. from the craving SOS) to the
/// craving's "what I did", by title, once each: what was already written stays.
/// A built-in is recorded by its English title, whatever the language in use
/// (like the built-in choices of the log), and shown with [`shown_tried`].
pub fn record_tried(entry: &mut super::cravings::Craving, tried: &[String], all: &[Strategy]) {
    for s in all.iter().filter(|s| tried.contains(&s.id)) {
        if !entry.coping.contains(&s.title) {
            entry.coping.push(s.title.clone());
        }
    }
}

/// Ratings implied by the craving log: what the person did before a craving
/// passed helped; what they did before one that didn't pass didn't. A strategy
/// already rated with "Did it help?" around that craving isn't counted twice.
pub fn implied_ratings<'a>(
    cravings: impl IntoIterator<Item = &'a super::cravings::Craving>,
    all: &[Strategy],
    explicit: &[Rating],
) -> Vec<Rating> {
    use super::cravings::Outcome;
    let near = |r: &Rating, id: &str, at: NaiveDateTime| {
        r.strategy == id && (r.at - at).num_minutes().abs() <= 6 * 60
    };
    let mut out = Vec::new();
    for c in cravings {
        let Some(outcome) = c.outcome else { continue };
        let helped = if outcome == Outcome::Passed { Helped::Yes } else { Helped::No };
        for text in &c.coping {
            let Some(strategy) = strategy_for_coping_text(all, text) else { continue };
            if explicit.iter().any(|r| near(r, &strategy.id, c.at)) {
                continue;
            }
            out.push(Rating { strategy: strategy.id.clone(), at: c.at, helped, trigger: c.triggers.first().cloned() });
        }
    }
    out
}

/// Ratings older than this count half as much (so old habits fade).
pub const HALF_LIFE_DAYS: f64 = 45.0;
/// Ratings needed for the same trigger before per-trigger data is used alone.
pub const MIN_FOR_TRIGGER: usize = 3;
/// Every `EXPLORE_EVERY`-th suggestion offers something not yet tried.
pub const EXPLORE_EVERY: u64 = 4;

fn weight(rating: &Rating, now: NaiveDateTime) -> f64 {
    let age_days = (now - rating.at).num_minutes().max(0) as f64 / 1440.0;
    0.5f64.powf(age_days / HALF_LIFE_DAYS)
}

/// How well a strategy has worked: a decayed average pulled towards 0.5 when
/// there is little evidence. `None` when it has never been rated.
fn score(ratings: &[&Rating], now: NaiveDateTime) -> Option<f64> {
    if ratings.is_empty() {
        return None;
    }
    let (mut sum, mut weights) = (0.0, 0.0);
    for r in ratings {
        let w = weight(r, now);
        sum += w * r.helped.value();
        weights += w;
    }
    const PRIOR: f64 = 0.5;
    const PRIOR_WEIGHT: f64 = 1.0;
    Some((sum + PRIOR * PRIOR_WEIGHT) / (weights + PRIOR_WEIGHT))
}

/// Orders strategies for this person: what helped most first (for this trigger
/// when there's enough data), favourites lifted, hidden ones left out, and now
/// and then (`round`) an untried one brought to the top so nothing gets stuck.
pub fn rank(
    all: &[Strategy],
    data: &CopingData,
    extra_ratings: &[Rating],
    trigger: Option<&str>,
    now: NaiveDateTime,
    round: u64,
) -> Vec<Strategy> {
    let ratings: Vec<&Rating> = data.ratings.iter().chain(extra_ratings).collect();
    let mut scored: Vec<(f64, bool, usize, &Strategy)> = all
        .iter()
        .enumerate()
        .filter(|(_, s)| !data.hidden.contains(&s.id))
        .map(|(order, s)| {
            let mine: Vec<&Rating> = ratings.iter().copied().filter(|r| r.strategy == s.id).collect();
            let for_trigger: Vec<&Rating> = mine.iter().copied().filter(|r| trigger.is_some() && r.trigger.as_deref() == trigger).collect();
            let by_trigger = if for_trigger.len() >= MIN_FOR_TRIGGER { score(&for_trigger, now) } else { None };
            let overall = by_trigger.or_else(|| score(&mine, now));
            let favourite = data.favourites.contains(&s.id);
            let value = overall.unwrap_or(0.5) + if favourite { 0.15 } else { 0.0 };
            (value, overall.is_some(), order, s)
        })
        .collect();
    // Higher score first; ties keep the catalogue's order.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)));
    let mut ranked: Vec<Strategy> = scored.iter().map(|(_, _, _, s)| (*s).clone()).collect();
    if round % EXPLORE_EVERY == EXPLORE_EVERY - 1 {
        if let Some(at) = scored.iter().position(|(_, tried, _, _)| !tried) {
            let untried = ranked.remove(at);
            ranked.insert(0, untried);
        }
    }
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeDelta};

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap().and_hms_opt(12, 0, 0).unwrap()
    }
    fn rating(id: &str, helped: Helped, days_ago: i64, trigger: Option<&str>) -> Rating {
        Rating { strategy: id.into(), at: now() - TimeDelta::days(days_ago), helped, trigger: trigger.map(Into::into) }
    }
    fn ids(list: &[Strategy]) -> Vec<&str> {
        list.iter().map(|s| s.id.as_str()).collect()
    }

    #[test]
    fn four_seven_eight_breathing_says_to_skip_the_hold_if_it_makes_you_dizzy_or_panicky() {
        use crate::domain::i18n::Lang;
        let all = catalogue(&CopingData::default(), &[]);
        let breathing = all.iter().find(|s| s.id == "breathing-478").unwrap();
        assert!(breathing.shown_steps().iter().any(|s| s.contains("dizzy or panicky") && s.contains("skip the hold")), "{:?}", breathing.shown_steps());
        Lang::Es.while_current(|| {
            assert!(breathing.shown_steps().iter().any(|s| s.contains("te marea") && s.contains("sáltate")), "{:?}", breathing.shown_steps());
        });
    }

    #[test]
    fn the_meeting_step_names_no_one_countrys_helpline() {
        use crate::domain::i18n::Lang;
        let all = catalogue(&CopingData::default(), &[]);
        let meeting = all.iter().find(|s| s.id == "meeting").unwrap();
        for lang in [Lang::En, Lang::Es] {
            let steps = lang.while_current(|| meeting.shown_steps().join(" "));
            assert!(!steps.contains("SAMHSA"), "{steps}");
        }
        assert!(meeting.shown_steps().iter().any(|s| s.contains("helplines on Help") && s.contains("groups")));
    }

    #[test]
    fn built_ins_are_shown_in_the_language_in_use_and_found_by_either_title() {
        use crate::domain::i18n::Lang;
        let english = catalogue(&CopingData::default(), &[]);
        let box_breathing = english.iter().find(|s| s.id == "box-breathing").unwrap();
        assert_eq!(box_breathing.shown_title(), "Box breathing");
        assert_eq!(strategy_for_coping_text(&english, "box breathing").map(|s| s.id.as_str()), Some("box-breathing"));
        Lang::Es.while_current(|| {
            assert_eq!(box_breathing.shown_title(), "Respiración cuadrada");
            assert!(box_breathing.shown_summary().starts_with("Inhala en cuatro tiempos"));
            assert_eq!(box_breathing.shown_steps()[0], "Siéntate o quédate de pie, en una postura cómoda.");
            // Stored by the English title, shown in Spanish; the person's own words stay as written.
            assert_eq!(shown_tried("Box breathing"), "Respiración cuadrada");
            assert_eq!(shown_tried("Llamé a mi hermana"), "Llamé a mi hermana");
            assert_eq!(shown_tried("Went for a walk"), "Salí a caminar");
            // A plan item named like a built-in as shown in Spanish is that built-in, not a second one.
            let all = catalogue(&CopingData::default(), &[(7, " respiración cuadrada ".into()), (8, "Llamar a mi hermana".into())]);
            assert!(!all.iter().any(|s| s.id == "plan-7"));
            assert_eq!(all.iter().find(|s| s.id == "plan-8").map(|s| s.shown_title()), Some("Llamar a mi hermana"));
            // What the person typed in Spanish finds the built-in.
            assert_eq!(strategy_for_coping_text(&all, "Respiración cuadrada").map(|s| s.id.as_str()), Some("box-breathing"));
            assert_eq!(strategy_for_coping_text(&all, "Went for a walk").map(|s| s.id.as_str()), Some("brisk-walk"));
        });
    }

    #[test]
    fn there_are_at_least_twelve_builtins_across_the_families() {
        let all = catalogue(&CopingData::default(), &[]);
        assert!(all.len() >= 12);
        for family in [Family::Exercise, Family::Meditation, Family::Distraction, Family::Connect] {
            assert!(all.iter().filter(|s| s.family == family).count() >= 3, "{family:?}");
        }
        let mut seen = std::collections::HashSet::new();
        assert!(all.iter().all(|s| seen.insert(s.id.clone())));
    }

    #[test]
    fn cold_start_keeps_the_catalogue_order() {
        let all = catalogue(&CopingData::default(), &[]);
        let ranked = rank(&all, &CopingData::default(), &[], None, now(), 0);
        assert_eq!(ids(&ranked), ids(&all));
    }

    #[test]
    fn what_helped_rises_and_what_did_not_sinks() {
        let all = catalogue(&CopingData::default(), &[]);
        let mut data = CopingData::default();
        data.ratings = vec![rating("cook", Helped::Yes, 1, None), rating("box-breathing", Helped::No, 1, None)];
        let ranked = rank(&all, &data, &[], None, now(), 0);
        assert_eq!(ranked[0].id, "cook");
        assert_eq!(ranked.last().unwrap().id, "box-breathing");
    }

    #[test]
    fn ties_keep_catalogue_order() {
        let all = catalogue(&CopingData::default(), &[]);
        let mut data = CopingData::default();
        data.ratings = vec![rating("tidy", Helped::Yes, 2, None), rating("music", Helped::Yes, 2, None)];
        let ranked = rank(&all, &data, &[], None, now(), 0);
        assert_eq!(ids(&ranked)[..2], ["music", "tidy"]);
    }

    #[test]
    fn old_ratings_decay() {
        let all = catalogue(&CopingData::default(), &[]);
        let mut data = CopingData::default();
        // Long ago the walk helped many times; lately the game helped twice.
        data.ratings = (0..4).map(|_| rating("brisk-walk", Helped::Yes, 400, None)).collect();
        data.ratings.push(rating("brisk-walk", Helped::No, 1, None));
        data.ratings.extend((0..2).map(|_| rating("game", Helped::Yes, 1, None)));
        let ranked = rank(&all, &data, &[], None, now(), 0);
        assert_eq!(ranked[0].id, "game");
        let walk = ranked.iter().position(|s| s.id == "brisk-walk").unwrap();
        let untouched = ranked.iter().position(|s| s.id == "stairs").unwrap();
        assert!(walk > untouched, "a recent no outweighs years-old yeses");
    }

    #[test]
    fn per_trigger_data_is_used_when_there_is_enough() {
        let all = catalogue(&CopingData::default(), &[]);
        let mut data = CopingData::default();
        // Overall the walk helps; with "people" as the trigger, calling helps and walking doesn't.
        data.ratings = (0..5).map(|_| rating("brisk-walk", Helped::Yes, 1, Some("stress"))).collect();
        data.ratings.extend((0..3).map(|_| rating("brisk-walk", Helped::No, 1, Some("people"))));
        data.ratings.extend((0..3).map(|_| rating("call-support", Helped::Yes, 1, Some("people"))));
        assert_eq!(rank(&all, &data, &[], Some("stress"), now(), 0)[0].id, "brisk-walk");
        let for_people = rank(&all, &data, &[], Some("people"), now(), 0);
        assert_eq!(for_people[0].id, "call-support");
        assert!(for_people.iter().position(|s| s.id == "brisk-walk").unwrap() > 5);
        // Too little data for a trigger falls back to all ratings.
        data.ratings.truncate(6);
        assert_eq!(rank(&all, &data, &[], Some("people"), now(), 0)[0].id, "brisk-walk");
    }

    #[test]
    fn favourites_are_lifted_and_hidden_are_left_out() {
        let all = catalogue(&CopingData::default(), &[]);
        let mut data = CopingData::default();
        data.favourites = vec!["tidy".into()];
        data.hidden = vec!["box-breathing".into()];
        let ranked = rank(&all, &data, &[], None, now(), 0);
        assert_eq!(ranked[0].id, "tidy");
        assert!(!ids(&ranked).contains(&"box-breathing"));
    }

    #[test]
    fn now_and_then_something_untried_comes_first() {
        let all = catalogue(&CopingData::default(), &[]);
        let mut data = CopingData::default();
        data.ratings = vec![rating("box-breathing", Helped::Yes, 1, None), rating("urge-surfing", Helped::Yes, 1, None)];
        let usual = rank(&all, &data, &[], None, now(), 0);
        assert_eq!(usual[0].id, "box-breathing");
        let explore = rank(&all, &data, &[], None, now(), EXPLORE_EVERY - 1);
        assert_eq!(explore[0].id, "call-support", "first untried in catalogue order");
        assert_eq!(explore[1].id, "box-breathing");
        // When everything has been tried there is nothing to explore.
        data.ratings = all.iter().map(|s| rating(&s.id, Helped::ABit, 1, None)).collect();
        let all_tried = rank(&all, &data, &[], None, now(), EXPLORE_EVERY - 1);
        assert_eq!(ids(&all_tried), ids(&rank(&all, &data, &[], None, now(), 0)));
    }

    #[test]
    fn own_and_plan_strategies_join_the_catalogue() {
        let mut data = CopingData::default();
        let id = data.add_own("Text my sister", "She always answers").unwrap();
        assert!(data.add_own("  ", "").is_err());
        let all = catalogue(&data, &[(4, "Walk the dog".into()), (5, "text my sister".into()), (6, "".into())]);
        assert!(all.iter().any(|s| s.id == id && s.family == Family::Own));
        assert_eq!(all.iter().filter(|s| s.title.eq_ignore_ascii_case("text my sister")).count(), 1);
        assert!(all.iter().any(|s| s.title == "Walk the dog" && s.id == "plan-4"));
    }

    #[test]
    fn craving_log_coping_maps_to_strategies() {
        let all = catalogue(&CopingData::default(), &[]);
        assert_eq!(strategy_for_coping_text(&all, "Went for a walk").unwrap().id, "brisk-walk");
        assert_eq!(strategy_for_coping_text(&all, "box breathing").unwrap().id, "box-breathing");
        assert!(strategy_for_coping_text(&all, "Waited it out").is_none());
    }

    #[test]
    fn log_outcomes_count_once() {
        use crate::domain::cravings::{Craving, Outcome};
        let all = catalogue(&CopingData::default(), &[]);
        let mut passed = Craving::new(1, now());
        passed.outcome = Some(Outcome::Passed);
        passed.coping = vec!["Went for a walk".into(), "Box breathing".into(), "Waited it out".into()];
        passed.triggers = vec!["stress".into()];
        let mut open = Craving::new(2, now());
        open.coping = vec!["Went for a walk".into()];
        // Box breathing was rated "a bit" in the SOS flow: that rating stands alone.
        let explicit = vec![rating("box-breathing", Helped::ABit, 0, Some("stress"))];
        let implied = implied_ratings([&passed, &open], &all, &explicit);
        assert_eq!(implied.len(), 1);
        assert_eq!((implied[0].strategy.as_str(), implied[0].helped), ("brisk-walk", Helped::Yes));
        assert_eq!(implied[0].trigger.as_deref(), Some("stress"));
    }

    #[test]
    fn tried_strategies_join_what_was_done_once() {
        use crate::domain::cravings::Craving;
        let all = catalogue(&CopingData::default(), &[(7, "Call my sister".into())]);
        let walk = all.iter().find(|s| s.id == "brisk-walk").unwrap().title.clone();
        let mut entry = Craving::new(1, now());
        entry.coping = vec!["Waited it out".into(), walk.clone()];
        record_tried(&mut entry, &["brisk-walk".into(), "plan-7".into(), "no-such-strategy".into()], &all);
        assert_eq!(entry.coping, vec!["Waited it out".to_string(), walk, "Call my sister".to_string()]);
        record_tried(&mut entry, &[], &all);
        assert_eq!(entry.coping.len(), 3, "nothing tried, nothing added");
    }

    #[test]
    fn breathing_phases_follow_the_pattern() {
        assert_eq!(BOX.cycle_seconds(), 16);
        assert_eq!(BOX.phase_at(0), (0, Phase::In, 4));
        assert_eq!(BOX.phase_at(3_999), (0, Phase::In, 1));
        assert_eq!(BOX.phase_at(4_000), (1, Phase::Hold, 4));
        assert_eq!(BOX.phase_at(8_500), (2, Phase::Out, 4));
        assert_eq!(BOX.phase_at(12_000), (3, Phase::Hold, 4));
        assert_eq!(BOX.phase_at(16_000), (0, Phase::In, 4));
        assert_eq!(FOUR_SEVEN_EIGHT.phase_at(4_000), (1, Phase::Hold, 7));
        assert_eq!(FOUR_SEVEN_EIGHT.phase_at(11_000), (2, Phase::Out, 8));
        assert_eq!(FOUR_SEVEN_EIGHT.phase_at(19_000), (0, Phase::In, 4));
    }
}
