"""The roles page (docs/roles.md), written from the permission policy table.

The policy (`waspada.core.policy`) is the one place that says who may do what; the page is
generated from it so that the documentation states exactly what the application enforces.
`waspada role-table --out docs/roles.md` rewrites it, and tests/test_docs.py
fails while the committed file no longer matches.
"""

from __future__ import annotations

from django.utils import translation

from waspada.core.policy import (
    OBJECT_RULES,
    PARTNER_BASE,
    PARTNER_KIND_ACTIONS,
    PARTNER_KIND_LABELS,
    Action,
    actions_for_role,
)
from waspada.core.roles import Role

# What each action lets a user do, in the words of someone deciding who gets which role.
# An action missing here is listed with its code only, so a new action never breaks the
# page; add its sentence when adding the action.
ACTION_TEXT: dict[str, str] = {
    "home.view": "See the home page with the work waiting for them.",
    "account.change_password": (
        "Change their own password and get new recovery codes for their two-factor sign-in."
    ),
    "regions.view": "Browse the region codes, from province to village.",
    "office.manage": (
        "Keep the office's details: letterhead, working area, deferral period, letter "
        "numbering and the officials who sign letters."
    ),
    "audit.view": "Read the audit trail.",
    "users.manage": "Create accounts, give roles, reset passwords and deactivate accounts.",
    "agencies.manage": "Register the partner agencies and their units.",
    "applications.view": "Search, list and read applications and applicants.",
    "applications.register": (
        "Register an application at the counter (with the NIK check and the documents checklist)."
    ),
    "applications.import": "Import applications from an exchange file on the web page.",
    "applications.export": "Export applications in the exchange format.",
    "screening.view": "See risk assessments and the screening queue.",
    "policy.view": "Read the screening policy versions and what changed between them.",
    "policy.manage": "Draft, backtest and publish screening policy versions.",
    "watchlists.view": "Read the watchlists and their entries.",
    "watchlists.manage": (
        "Create watchlists; add, change, import and deactivate entries; put a broker named "
        "on an application on the office's own watchlist, with a reason."
    ),
    "watchlists.review": "Confirm or dismiss possible watchlist matches.",
    "networks.view": (
        "See detected rings with their evidence, detection runs and the registry of "
        "licensed organisers."
    ),
    "networks.review": "Review a ring (with a note) and start a full detection.",
    "networks.refer": "Refer a ring to a police unit.",
    "organisers.manage": "Keep the registry of licensed organisers (PPIU, PIHK, P3MI).",
    "verifications.view": (
        "See the verification tasks: recruiters and group organisers that screening met and "
        "the registry of licensed organisers does not know, with the applications naming them."
    ),
    "verifications.resolve": (
        "Resolve a verification task: verify and register the organiser, mark it suspicious "
        "(its indicator then counts on the applications naming it) or dismiss it, each with "
        "a written reason."
    ),
    "interviews.view": "Read interview records and the interview question bank.",
    "interviews.conduct": (
        "Start and conduct standard and deep interviews; make the interview record "
        "(*Berita Acara Wawancara*)."
    ),
    "interviews.take_over": (
        "Take over an open interview from its interviewer (audited), e.g. when they are away."
    ),
    "interviews.assign": (
        "Assign an application's interview to an officer, or reassign it (an open "
        "interview moves to the new officer); audited."
    ),
    "questions.manage": "Draft and publish versions of the interview question bank.",
    "decisions.view": "See the decisions on applications.",
    "decisions.propose": (
        "Propose to issue, defer, refuse or cancel; record that deferred documents were completed."
    ),
    "decisions.sign_off": "Sign off or return proposals in the sign-off queue.",
    "letters.view": "Read and download the letters made from decisions and interviews.",
    "reports.view": "See the reports dashboard and download the annual or monthly report.",
    "referrals.view": "See and answer the rings referred to their own police unit.",
    "person_referrals.view": (
        "See the persons referred to their own agency with consent (only the minimum: name, "
        "sex, age, contact, village, needs and the office's summary; never risk scores, "
        "watchlists or rings), and answer them: accept, reject, in progress, closed."
    ),
    "persons.refer": (
        "Refer a suspected victim to victim services or a community organisation, with the "
        "person's consent or an override with its legal basis, under a data-sharing agreement "
        "in force; revoke a referral."
    ),
    "referrals.register": (
        "See the office-wide register of ring and person referrals, with the overdue ones."
    ),
    "letters.sign": "Be chosen as the officer whose signature letters carry.",
    "recommendations.view": (
        "See the registers of Disnaker passport recommendations, the periods declared "
        "complete and the verification requests (a Disnaker's users only their own)."
    ),
    "recommendations.manage": (
        "Keep their own Disnaker's register of recommendations: register one by one or by "
        "file, revoke with a reason, declare the register complete for a period (Disnaker "
        "users only)."
    ),
    "recommendations.answer": (
        "Answer a recommendation verification request: issued, not issued or revoked, with a "
        "note; the applications naming the number are re-screened at once."
    ),
    "nik_verifications.request": (
        "Ask Dukcapil to verify an application's NIK with the name, birth place and birth "
        "date written on it."
    ),
    "nik_verifications.view": (
        "See the NIK verification requests to Dukcapil and their answers (a Dukcapil's users "
        "only their own, and only the NIK, name, birth place and date)."
    ),
    "nik_verifications.answer": (
        "Answer a NIK verification request: match, no match or not found, with a note; the "
        "application is re-screened at once and the answer is D12's evidence."
    ),
    "alerts.send": (
        "Alert a police unit about an applicant matching a wanted person or about a risky "
        "ring, or refer to it a broker named on an application (with a data-sharing "
        "agreement in force covering alerts)."
    ),
    "alerts.view": (
        "See the alerts sent to the police (a police unit's users only their own) and "
        "acknowledge them."
    ),
    "submissions.submit": (
        "Submit wanted persons and known brokers for the office's watchlists (police units)."
    ),
    "submissions.review": (
        "Accept a police unit's submission into a watchlist (with its provenance) or reject "
        "it with a reason."
    ),
    "public_reports.triage": (
        "Work through the reports sent by the public: link them to an application, applicant, "
        "ring or organiser, refer them to the police, close them."
    ),
    "articles.publish": (
        "Write, schedule and publish the public site's articles, announcements and "
        "safe-migration guide."
    ),
    "outreach.record": "Record outreach activities and media coverage (the campaign record).",
    "training.take": (
        "Take the training: modules, exercises on anonymised cases, the interview simulator, "
        "their own certificates."
    ),
    "training.manage": (
        "Run the training: edit modules, make exercises, assign modules, revoke certificates."
    ),
    "training.readiness": "See every officer's training readiness and download certificates.",
}

# The conditions that object rules add, by rule function name.
RULE_TEXT: dict[str, str] = {
    "_not_self": "never on their own account (an administrator cannot lock themselves out)",
    "_not_proposer": "never on their own proposal (four eyes)",
    "_own_queue": (
        "a partner user only the requests sent to their own agency (Disnaker, Dukcapil), a "
        "supervisor only those with no agency to ask"
    ),
    "_own_interview": "writing in a session only as its interviewer",
    "_someone_elses_interview": "never their own",
}

_HEADER = """\
<!-- Generated from waspada/core/policy.py by `waspada role-table --out docs/roles.md`;
     do not edit by hand. -->

# Roles and what each may do

Every account has one role. Every page, download and menu entry asks the one permission
policy (`waspada/core/policy.py`) whether the signed-in user may do the action; the policy
denies by default: an action not listed for a role is refused, an unknown action is refused,
and anonymous or deactivated users may do nothing. Command-line tools run on the server by
whoever administers it and name their acting user with `--user` where the audit trail needs
one. Every change of state is written to the audit trail with who, when and from where.
"""

_NOTES = """\
## Notes

- Applicants' personal data is read only by the office roles whose work needs it (UU 27/2022
  on personal data protection): administrators run the system but do not read applications.
- The interview record holds what the applicant confided; the intake counter does not read it.
- The public pages under `/publik/` need no account; they show nothing of the office's data.
- Partner users see only the referrals made to their own agency, and every look is recorded.
- The recommendation actions are for the users of a Disnaker (manpower office) only; other
  partners are refused them, and a Disnaker user sees only its own register and requests
  (another agency's is "not found").
- See [architecture.md](architecture.md) for where the policy sits and
  [domain.md](domain.md) for who these people are in the office.
"""


def _label(role: Role, language: str) -> str:
    with translation.override(language):
        return str(role.label)


def _allows(action: Action) -> str:
    """What the action allows, with the condition an object rule adds to it."""
    text = ACTION_TEXT.get(action.value) or f"`{action.value}`"
    rule = OBJECT_RULES.get(action)
    if rule is None:
        return text
    condition = RULE_TEXT.get(rule.__name__, rule.__name__.strip("_").replace("_", " "))
    return f"{text.rstrip('.')}, {condition}."


def _kind_table() -> list[str]:
    """What the users of each kind of partner agency may do (waspada/partners/scopes.py)."""
    lines = [
        "## What each kind of partner agency may do",
        "",
        "A partner user's actions depend on their agency's kind (`waspada/partners/scopes.py`); "
        "every partner may also "
        + " and ".join(ACTION_TEXT[a.value].rstrip(".").lower() for a in sorted(PARTNER_BASE))
        + ". A deactivated agency's users may do nothing.",
        "",
        "| kind of agency | code | what its users may do |",
        "|---|---|---|",
    ]
    for kind, actions in PARTNER_KIND_ACTIONS.items():
        label = PARTNER_KIND_LABELS.get(kind, kind)
        with translation.override("en"):
            name = str(label)
        allowed = "<br>".join(_allows(a) for a in sorted(actions)) or "nothing but their home page"
        lines.append(f"| {name} | `{kind}` | {allowed} |")
    return [*lines, ""]


def render_role_table() -> str:
    """The roles page as Markdown (English, with the Indonesian role names)."""
    roles = list(Role)
    lines = [
        _HEADER,
        "## Roles",
        "",
        "| role | code | in Indonesian |",
        "|---|---|---|",
    ]
    lines += [f"| {_label(r, 'en')} | `{r.value}` | {_label(r, 'id')} |" for r in roles]
    lines += [
        "",
        "## What each role may do",
        "",
        "| action | what it allows | " + " | ".join(_label(r, "en") for r in roles) + " |",
        "|---|---|" + "---|" * len(roles),
    ]
    for action in Action:
        text = _allows(action)
        marks = " | ".join("yes" if action in actions_for_role(r) else "" for r in roles)
        lines.append(f"| `{action.value}` | {text} | {marks} |")
    lines += ["", "## Each role in words", ""]
    for role in roles:
        allowed = [a for a in Action if a in actions_for_role(role)]
        lines += [f"### {_label(role, 'en')} (`{role.value}`)", ""]
        lines += [f"- {_allows(a)}" for a in allowed]
        lines.append("")
    lines += _kind_table()
    lines.append(_NOTES)
    return "\n".join(lines).rstrip("\n") + "\n"
