//! Every rule: its id, default severity, the note kinds it applies to and the
//! guidance passage it enforces.

use super::finding::Severity;

/// A rule of the guidance.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    /// Empty: every kind.
    pub kinds: &'static [&'static str],
    pub guidance: &'static str,
}

const ENT: &[&str] = &["entitlement"];
const EXEC: &[&str] = &["exec-summary"];
const LIFE: &[&str] = &["status", "tech-enablement"];
const ALL: &[&str] = &[];
const STATUS: &[&str] = &["status"];
const E: Severity = Severity::Error;
const W: Severity = Severity::Warning;
const H: Severity = Severity::Hint;

macro_rules! rules {
    ($($id:literal $sev:ident $kinds:ident $g:literal;)*) => {
        pub const RULES: &[Rule] = &[$(Rule { id: $id, severity: $sev, kinds: $kinds, guidance: $g }),*];
    };
}

rules! {
    "empty" E ALL "Entitlement Status Notes, Examples (3, bad): an empty note says nothing.";
    "near-empty" E ALL "Common mistakes, Not enough information: a note must carry the intent and the why.";
    "placeholder" E ALL "Note templates: every [placeholder] is to be replaced with the customer's facts.";
    "too-many-sentences" W ENT "Purpose: at most two sentences are needed.";
    "too-long" W ENT "Examples (5, incomplete): too much unnecessary information that does not help.";
    "field-limit" E ALL "Note templates: the note is pasted into a portal field, which takes a few thousand characters at most.";
    "no-reason" E ENT "Purpose: always include the why. Blocked: the blocker must always be named. No Intent: say why.";
    "slash-reason" E ENT "Examples (5, bad): \"issues with cloud/data/legal requirements\" names no blocker.";
    "vague-reason" W ENT "Blocked: state precisely why — a missing technical feature, a licensing issue or a missing resource.";
    "temporal-only" W ENT "Examples (1, incomplete): \"Until the merger is finished\" gives a time, not the reason.";
    "vague-time" W ENT "Use unambiguous wording: avoid \"currently\", \"at this time\", \"so far\" (in In Progress notes only a hint).";
    "status-only" W ENT "Examples (3, incomplete): \"In progress\" alone does not say what is happening.";
    "usage-only" E ENT "Common mistakes: recording only usage or the L1 status (\"Usage 0.0%\") is not enough.";
    "engagement-info" W ENT "Common mistakes, The wrong kind of information: engagement information belongs in the Overall Status notes.";
    "ftc-declined" W ENT "Common mistakes: a customer who declines the FTC offer is not \"No Intent\".";
    "unknown-no-detail" E ENT "FAQ: for unreachable tenants record how many contact attempts were made and whether the account is managed.";
    "unknown-attempt-count" W ENT "FAQ: record how many contact attempts were made (Examples 4, good: \"3 contact attempts\").";
    "unknown-account" W ENT "FAQ: is it a managed or an unmanaged account?";
    "duplicate-no-reason" W ENT "Duplicate/Invalid: describe why the entitlement is considered duplicate or invalid.";
    "duplicate-no-tenant" W ENT "Duplicate/Invalid: for a duplicate, say which tenant it duplicates.";
    "contradiction" W ENT "Purpose: a note is a precise statement of the customer's intent; it must match the status.";
    "copy-pasted" W ENT "Common mistakes: copy-pasting the same note to every workload is not recommended (except an unreachable customer).";
    "mojibake" W ALL "Text damage: the portal shows the note as pasted.";
    "portal-whitespace" H ALL "Text damage: tabs and invisible spaces do not survive the portal field as typed.";
    "tag-forbidden" W ALL "Overall Status Notes: customers who pause or stop deployment get no #covid; update the Entitlement Status instead.";
    "tag-suggested" W ALL "Overall Status Notes: notes for customers accelerating because of COVID-19 include #covid.";
    "exec-field-empty" W EXEC "Exec Summary template: every field is filled in (one empty is incomplete, several are bad).";
    "exec-bad-value" E EXEC "Exec Summary template: engagement On Hold/Reactive/Fully Engaged; deployment Not/Partially/Fully Deployed.";
    "exec-unknown-workload" E EXEC "Exec Summary template: workloads are listed by the template's codes.";
    "exec-workload-no-status" W EXEC "Exec Summary template: a snapshot of each key workload's status and next actions.";
    "exec-hint-text" E EXEC "Exec Summary template: the hint text in brackets is replaced, not left in.";
    "exec-value-spelling" H EXEC "Exec Summary template: the engagement and deployment values as the template writes them.";
    "exec-escalation" H EXEC "Exec Summary: any escalations or issues are called out in the Risks box.";
    "next-action-missing" W LIFE "Overall Status Notes: include the Next Action, Date and Owner of the next action.";
    "date-missing" W LIFE "Overall Status Notes: include the Next Action, Date and Owner of the next action.";
    "owner-missing" W LIFE "Overall Status Notes: include the Next Action, Date and Owner of the next action.";
    "date-unparsed" W LIFE "Overall Status Notes: the Date of the next action.";
    "date-past" W LIFE "Overall Status Notes: the next action and its date document what comes next.";
    "workload-specific" H STATUS "Overall Status Notes are for non-workload-specific updates.";
}

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// The interned id of a rule (for `Finding::rule`).
pub fn id(id: &str) -> &'static str {
    rule(id).map_or("unknown", |r| r.id)
}
