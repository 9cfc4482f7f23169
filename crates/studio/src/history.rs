//! Undo and redo: each step is the pair of RFC 6902 JSON patches (made by
//! the `json-patch` crate) that take the draft from before an edit to after
//! it and back, so a step stores only what changed. At most
//! [`MAX_UNDO_STEPS`] are kept. Typing into one field for a while is one
//! step: edits with the same coalescing key within [`COALESCE_WINDOW`] of
//! the last one are merged into it.
//!
//! The history is saved beside the draft after every change (see
//! [`crate::storage`]) and belongs to one draft state, its generation: if a
//! crash left it behind the draft, it is dropped rather than applied to the
//! wrong state; the draft itself is never lost.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::limits::{COALESCE_WINDOW, MAX_UNDO_STEPS};
use crate::model::Draft;

/// One undoable edit.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Step {
    /// What the edit did, for "Undo …" (e.g. "Edit the title").
    pub label: String,
    /// When it was made, seconds since the Unix epoch.
    pub at: i64,
    /// Edits with the same key close together merge (the field's path).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coalesce: Option<String>,
    /// From the state before to the state after.
    pub forward: json_patch::Patch,
    /// From the state after back to the state before.
    pub backward: json_patch::Patch,
}

/// The undo and redo stacks.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct History {
    /// The draft generation the stacks belong to.
    pub generation: u64,
    /// Steps to undo, oldest first.
    pub undo: Vec<Step>,
    /// Steps undone that can be redone, the next one last.
    pub redo: Vec<Step>,
}

/// What the UI shows of the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryView {
    /// The label of the step undo would take back.
    pub undo: Option<String>,
    /// The label of the step redo would make again.
    pub redo: Option<String>,
    /// How many steps can be undone.
    pub undo_steps: usize,
}

impl History {
    /// Records the edit from `before` to `after`, made at `at` (seconds).
    pub fn record(
        &mut self,
        label: &str,
        coalesce: Option<String>,
        before: &Draft,
        after: &Draft,
        at: i64,
    ) {
        let before = value(before);
        let after = value(after);
        // After an undo the last step is not the one just typed into.
        let after_undo = !self.redo.is_empty();
        self.redo.clear();
        if let Some(last) = self.undo.last_mut().filter(|_| !after_undo) {
            let close = at.saturating_sub(last.at)
                <= i64::try_from(COALESCE_WINDOW.as_secs()).unwrap_or(i64::MAX);
            if close && coalesce.is_some() && last.coalesce == coalesce {
                let mut start = before.clone();
                if json_patch::patch(&mut start, &last.backward).is_ok() {
                    last.forward = json_patch::diff(&start, &after);
                    last.backward = json_patch::diff(&after, &start);
                    last.at = at;
                    return;
                }
            }
        }
        self.undo.push(Step {
            label: label.to_owned(),
            at,
            coalesce,
            forward: json_patch::diff(&before, &after),
            backward: json_patch::diff(&after, &before),
        });
        if self.undo.len() > MAX_UNDO_STEPS {
            let excess = self.undo.len() - MAX_UNDO_STEPS;
            self.undo.drain(..excess);
        }
    }

    /// Takes back the last step from `current`: the draft before it and the
    /// step's label, or `None` when there is nothing to undo (or the step
    /// no longer applies, when it is dropped).
    pub fn undo(&mut self, current: &Draft) -> Option<(Draft, String)> {
        let step = self.undo.pop()?;
        let restored = apply(current, &step.backward)?;
        let label = step.label.clone();
        self.redo.push(Step {
            coalesce: None,
            ..step
        });
        Some((restored, label))
    }

    /// Makes the last undone step again.
    pub fn redo(&mut self, current: &Draft) -> Option<(Draft, String)> {
        let step = self.redo.pop()?;
        let restored = apply(current, &step.forward)?;
        let label = step.label.clone();
        self.undo.push(step);
        Some((restored, label))
    }

    /// What the UI shows.
    pub fn view(&self) -> HistoryView {
        HistoryView {
            undo: self.undo.last().map(|step| step.label.clone()),
            redo: self.redo.last().map(|step| step.label.clone()),
            undo_steps: self.undo.len(),
        }
    }
}

fn value(draft: &Draft) -> Value {
    serde_json::to_value(draft).unwrap_or(Value::Null)
}

fn apply(current: &Draft, patch: &json_patch::Patch) -> Option<Draft> {
    let mut state = value(current);
    json_patch::patch(&mut state, patch).ok()?;
    serde_json::from_value(state).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> Draft {
        crate::feed_io::draft_from_feed(&infostand_pack::feed_json())
            .expect("the campaign's feed is a pack")
            .0
    }

    fn retitled(draft: &Draft, title: &str) -> Draft {
        let mut after = draft.clone();
        if let Some(version) = after.items[0].sv.as_mut() {
            version.title = title.into();
        }
        after
    }

    #[test]
    fn undo_and_redo_walk_the_states() {
        let mut history = History::default();
        let zero = draft();
        let one = retitled(&zero, "Ett");
        let two = retitled(&one, "Två");
        history.record("first", None, &zero, &one, 0);
        history.record("second", None, &one, &two, 100);
        let (back, label) = history.undo(&two).expect("two steps can be undone");
        assert_eq!(
            (back.clone(), label.as_str()),
            (one.clone(), "second"),
            "undo restores the state before the last edit"
        );
        let (back, _) = history.undo(&back).expect("the first step can be undone");
        assert_eq!(back, zero, "undoing both returns to the start");
        assert!(history.undo(&back).is_none(), "nothing is left to undo");
        let (forward, label) = history.redo(&back).expect("an undone step can be redone");
        assert_eq!(
            (forward, label.as_str()),
            (one, "first"),
            "redo makes the edit again"
        );
    }

    #[test]
    fn a_new_edit_clears_redo_and_typing_is_one_step() {
        let mut history = History::default();
        let zero = draft();
        let one = retitled(&zero, "E");
        let two = retitled(&one, "Et");
        let three = retitled(&two, "Ett");
        let key = Some("items/kampanj/title/sv".to_owned());
        history.record("Edit the title", key.clone(), &zero, &one, 10);
        history.record("Edit the title", key.clone(), &one, &two, 11);
        history.record("Edit the title", key, &two, &three, 12);
        assert_eq!(
            history.undo.len(),
            1,
            "a burst of typing in one field is one step"
        );
        let (back, _) = history.undo(&three).expect("the burst can be undone");
        assert_eq!(back, zero, "undoing the burst restores the text before it");
        history.record("other", None, &back, &one, 20);
        assert!(
            history.redo.is_empty(),
            "a new edit makes the undone one unreachable"
        );
    }

    #[test]
    fn the_history_is_bounded() {
        let mut history = History::default();
        let mut state = draft();
        for n in 0..MAX_UNDO_STEPS + 5 {
            let next = retitled(&state, &format!("T{n}"));
            history.record(
                "edit",
                None,
                &state,
                &next,
                i64::try_from(n).unwrap_or(0) * 100,
            );
            state = next;
        }
        assert_eq!(
            history.undo.len(),
            MAX_UNDO_STEPS,
            "only the newest steps are kept"
        );
    }
}
