"""The audit-action vocabulary: every action an audit event may carry, in one place.

An action reads "<app>.<what happened>": the app that owns the service function, then
what happened in the past tense ("applications.registered", "decisions.signed_off"), so
that filtering the trail by an app's prefix finds all of that app's events. `audit.record`
accepts nothing else.

Events written before the vocabulary was fixed keep the names they were written with:
the trail is append-only (the database refuses updates), so those names are not
rewritten but mapped (`LEGACY_NAMES`) for reading and filtering.
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class AuditAction(StrEnum):
    # core: sign-in and accounts
    LOGGED_IN = "core.logged_in"
    LOGGED_OUT = "core.logged_out"
    LOGIN_FAILED = "core.login_failed"
    USER_CREATED = "core.user_created"
    USER_UPDATED = "core.user_updated"
    PASSWORD_CHANGED = "core.password_changed"
    PASSWORD_RESET = "core.password_reset"
    # core: operations (backups, restores, pruning)
    BACKED_UP = "core.backed_up"
    BACKUP_RESTORED = "core.backup_restored"
    DATA_PRUNED = "core.data_pruned"
    SIGN_IN_UNBLOCKED = "core.sign_in_unblocked"
    TWO_FACTOR_ENROLLED = "core.two_factor_enrolled"
    TWO_FACTOR_RESET = "core.two_factor_reset"
    RECOVERY_CODES_RENEWED = "core.recovery_codes_renewed"
    SESSION_EXPIRED = "core.session_expired"
    VIEWED = "core.viewed"
    # regions: the region tree and the offices
    REGIONS_LOADED = "regions.loaded"
    OFFICE_CREATED = "regions.office_created"
    OFFICE_UPDATED = "regions.office_updated"
    # applications: intake and imports
    APPLICANT_CREATED = "applications.applicant_created"
    APPLICANT_UPDATED = "applications.applicant_updated"
    APPLICATION_REGISTERED = "applications.registered"
    APPLICATION_IMPORTED = "applications.imported"
    APPLICATION_UPDATED = "applications.updated"
    STATUS_CHANGED = "applications.status_changed"
    IMPORT_QUEUED = "applications.import_queued"
    IMPORT_STARTED = "applications.import_started"
    IMPORT_FINISHED = "applications.import_finished"
    APPLICATIONS_EXPORTED = "applications.exported"
    # screening: assessments, screening runs and the risk policy
    ASSESSED = "screening.assessed"
    SCREENING_QUEUED = "screening.queued"
    SCREENING_FINISHED = "screening.finished"
    SCREENING_FAILED = "screening.failed"
    SCREENING_EXPORTED = "screening.exported"
    BACKTEST_QUEUED = "screening.backtest_queued"
    BACKTEST_FINISHED = "screening.backtest_finished"
    BACKTEST_FAILED = "screening.backtest_failed"
    POLICY_DRAFTED = "screening.policy_drafted"
    POLICY_EDITED = "screening.policy_edited"
    POLICY_PUBLISHED = "screening.policy_published"
    # watchlists
    WATCHLIST_CREATED = "watchlists.created"
    WATCHLIST_UPDATED = "watchlists.updated"
    WATCHLIST_IMPORTED = "watchlists.imported"
    ENTRY_ADDED = "watchlists.entry_added"
    ENTRY_UPDATED = "watchlists.entry_updated"
    ENTRY_DEACTIVATED = "watchlists.entry_deactivated"
    MATCH_FOUND = "watchlists.match_found"
    MATCH_REOPENED = "watchlists.match_reopened"
    MATCH_CONFIRMED = "watchlists.match_confirmed"
    MATCH_DISMISSED = "watchlists.match_dismissed"
    BROKER_WATCHLISTED = "watchlists.broker_watchlisted"
    # networks: ring detection and the organiser registry
    DETECTION_QUEUED = "networks.detection_queued"
    DETECTION_FINISHED = "networks.detection_finished"
    DETECTION_FAILED = "networks.detection_failed"
    APPLICATION_LINKED = "networks.application_linked"
    RING_REVIEWED = "networks.ring_reviewed"
    ORGANISER_CREATED = "networks.organiser_created"
    ORGANISER_UPDATED = "networks.organiser_updated"
    ORGANISER_DEACTIVATED = "networks.organiser_deactivated"
    ORGANISER_REACTIVATED = "networks.organiser_reactivated"
    ORGANISERS_IMPORTED = "networks.organisers_imported"
    VERIFICATION_OPENED = "networks.verification_opened"
    VERIFICATION_JOINED = "networks.verification_joined"
    VERIFICATION_REGISTERED = "networks.verification_registered"
    VERIFICATION_MARKED_SUSPICIOUS = "networks.verification_marked_suspicious"
    VERIFICATION_DISMISSED = "networks.verification_dismissed"
    VERIFICATION_REOPENED = "networks.verification_reopened"
    # interviews: sessions and the question bank
    INTERVIEW_STARTED = "interviews.started"
    INTERVIEW_QUESTION_ADDED = "interviews.question_added"
    INTERVIEW_RECORDED = "interviews.recorded"
    INTERVIEW_FINISHED = "interviews.finished"
    INTERVIEW_HANDED_OVER = "interviews.handed_over"
    INTERVIEW_ASSIGNED = "interviews.assigned"
    BANK_DRAFTED = "interviews.bank_drafted"
    BANK_PUBLISHED = "interviews.bank_published"
    BANK_QUESTION_ADDED = "interviews.bank_question_added"
    BANK_QUESTION_EDITED = "interviews.bank_question_edited"
    BANK_QUESTION_DEACTIVATED = "interviews.bank_question_deactivated"
    BANK_QUESTION_REACTIVATED = "interviews.bank_question_reactivated"
    # decisions and letters
    DECISION_PROPOSED = "decisions.proposed"
    DECISION_RETURNED = "decisions.returned"
    DECISION_SIGNED_OFF = "decisions.signed_off"
    DOCUMENTS_COMPLETED = "decisions.documents_completed"
    LETTER_ISSUED = "decisions.letter_issued"
    LETTER_DOWNLOADED = "decisions.letter_downloaded"
    SIGNATORY_SET = "decisions.signatory_set"
    # partners: agencies and referrals
    AGENCY_CREATED = "partners.agency_created"
    AGENCY_UPDATED = "partners.agency_updated"
    REFERRAL_SENT = "partners.referral_sent"
    REFERRAL_VIEWED = "partners.referral_viewed"
    REFERRAL_ACCEPTED = "partners.referral_accepted"
    REFERRAL_REJECTED = "partners.referral_rejected"
    REFERRAL_DONE = "partners.referral_done"
    PERSON_REFERRAL_SENT = "partners.person_referral_sent"
    PERSON_REFERRAL_VIEWED = "partners.person_referral_viewed"
    PERSON_REFERRAL_ACCEPTED = "partners.person_referral_accepted"
    PERSON_REFERRAL_REJECTED = "partners.person_referral_rejected"
    PERSON_REFERRAL_STARTED = "partners.person_referral_started"
    PERSON_REFERRAL_CLOSED = "partners.person_referral_closed"
    PERSON_REFERRAL_REVOKED = "partners.person_referral_revoked"
    AGREEMENT_RECORDED = "partners.agreement_recorded"
    RECOMMENDATION_REGISTERED = "partners.recommendation_registered"
    RECOMMENDATION_REVOKED = "partners.recommendation_revoked"
    RECOMMENDATIONS_IMPORTED = "partners.recommendations_imported"
    RECOMMENDATION_IMPORT_QUEUED = "partners.recommendation_import_queued"
    RECOMMENDATION_IMPORT_FAILED = "partners.recommendation_import_failed"
    REGISTER_DECLARED_COMPLETE = "partners.register_declared_complete"
    RECOMMENDATION_REQUEST_OPENED = "partners.recommendation_request_opened"
    RECOMMENDATION_REQUEST_ANSWERED = "partners.recommendation_request_answered"
    NIK_VERIFICATION_REQUESTED = "partners.nik_verification_requested"
    NIK_VERIFICATION_ANSWERED = "partners.nik_verification_answered"
    NIK_VERIFICATION_VIEWED = "partners.nik_verification_viewed"
    CASE_REFERRAL_SENT = "partners.case_referral_sent"
    CASE_REFERRAL_VIEWED = "partners.case_referral_viewed"
    CASE_REFERRAL_ACCEPTED = "partners.case_referral_accepted"
    CASE_REFERRAL_REJECTED = "partners.case_referral_rejected"
    CASE_REFERRAL_DONE = "partners.case_referral_done"
    BROKER_REFERRED = "partners.broker_referred"
    COVERING_LETTER_NUMBERED = "partners.covering_letter_numbered"
    ALERT_SENT = "partners.alert_sent"
    ALERT_VIEWED = "partners.alert_viewed"
    ALERT_ACKNOWLEDGED = "partners.alert_acknowledged"
    SUBMISSION_RECEIVED = "partners.submission_received"
    SUBMISSION_ACCEPTED = "partners.submission_accepted"
    SUBMISSION_REJECTED = "partners.submission_rejected"
    # publik: the public side, reports from the public and the campaign record
    PUBLIC_REPORT_RECEIVED = "publik.report_received"
    PUBLIC_REPORT_LINKED = "publik.report_linked"
    PUBLIC_REPORT_REFERRED = "publik.report_referred"
    PUBLIC_REPORT_CLOSED = "publik.report_closed"
    ARTICLE_CREATED = "publik.article_created"
    ARTICLE_UPDATED = "publik.article_updated"
    ARTICLE_IMAGE_ADDED = "publik.article_image_added"
    OUTREACH_RECORDED = "publik.outreach_recorded"
    OUTREACH_UPDATED = "publik.outreach_updated"
    COVERAGE_RECORDED = "publik.coverage_recorded"
    COVERAGE_UPDATED = "publik.coverage_updated"
    # training: modules, exercises, assignments and certificates of the officers
    TRAINING_MODULE_EDITED = "training.module_edited"
    EXERCISES_QUEUED = "training.exercises_queued"
    EXERCISES_GENERATED = "training.exercises_generated"
    EXERCISES_FAILED = "training.exercises_failed"
    TRAINING_ASSIGNED = "training.assigned"
    REFRESHER_ASSIGNED = "training.refresher_assigned"
    CERTIFICATE_ISSUED = "training.certificate_issued"
    CERTIFICATE_REVOKED = "training.certificate_revoked"
    # reports
    REPORT_EXPORTED = "reports.exported"
    # api: partner systems' keys and calls
    API_KEY_CREATED = "api.key_created"
    API_KEY_REVOKED = "api.key_revoked"
    API_CALLED = "api.called"
    API_REFUSED = "api.call_refused"
    WEBHOOK_ADDED = "api.webhook_added"
    WEBHOOK_DISABLED = "api.webhook_disabled"

    @property
    def label(self) -> str | Promise:
        return LABELS[self]


LABELS: dict[AuditAction, str | Promise] = {
    AuditAction.LOGGED_IN: _("Signed in"),
    AuditAction.LOGGED_OUT: _("Signed out"),
    AuditAction.LOGIN_FAILED: _("Sign-in failed"),
    AuditAction.USER_CREATED: _("User created"),
    AuditAction.USER_UPDATED: _("User changed"),
    AuditAction.PASSWORD_CHANGED: _("Password changed"),
    AuditAction.PASSWORD_RESET: _("Password reset"),
    AuditAction.BACKED_UP: _("Backup made"),
    AuditAction.BACKUP_RESTORED: _("Backup restored"),
    AuditAction.DATA_PRUNED: _("Old data pruned"),
    AuditAction.SIGN_IN_UNBLOCKED: _("Sign-in unblocked"),
    AuditAction.TWO_FACTOR_ENROLLED: _("Two-factor sign-in set up"),
    AuditAction.TWO_FACTOR_RESET: _("Two-factor sign-in reset"),
    AuditAction.RECOVERY_CODES_RENEWED: _("Recovery codes renewed"),
    AuditAction.SESSION_EXPIRED: _("Signed out after idle time"),
    AuditAction.VIEWED: _("Personal data viewed"),
    AuditAction.REGIONS_LOADED: _("Regions loaded"),
    AuditAction.OFFICE_CREATED: _("Office created"),
    AuditAction.OFFICE_UPDATED: _("Office changed"),
    AuditAction.APPLICANT_CREATED: _("Applicant created"),
    AuditAction.APPLICANT_UPDATED: _("Applicant changed"),
    AuditAction.APPLICATION_REGISTERED: _("Application registered"),
    AuditAction.APPLICATION_IMPORTED: _("Application imported"),
    AuditAction.APPLICATION_UPDATED: _("Application changed by an import"),
    AuditAction.STATUS_CHANGED: _("Application status changed"),
    AuditAction.IMPORT_QUEUED: _("Import queued"),
    AuditAction.IMPORT_STARTED: _("Import started"),
    AuditAction.IMPORT_FINISHED: _("Import finished"),
    AuditAction.APPLICATIONS_EXPORTED: _("Applications exported"),
    AuditAction.ASSESSED: _("Application assessed"),
    AuditAction.SCREENING_QUEUED: _("Screening run queued"),
    AuditAction.SCREENING_FINISHED: _("Screening run finished"),
    AuditAction.SCREENING_FAILED: _("Screening run failed"),
    AuditAction.SCREENING_EXPORTED: _("Screening results exported"),
    AuditAction.BACKTEST_QUEUED: _("Policy backtest queued"),
    AuditAction.BACKTEST_FINISHED: _("Policy backtest finished"),
    AuditAction.BACKTEST_FAILED: _("Policy backtest failed"),
    AuditAction.POLICY_DRAFTED: _("Risk policy drafted"),
    AuditAction.POLICY_EDITED: _("Risk policy draft edited"),
    AuditAction.POLICY_PUBLISHED: _("Risk policy published"),
    AuditAction.WATCHLIST_CREATED: _("Watchlist created"),
    AuditAction.WATCHLIST_UPDATED: _("Watchlist changed"),
    AuditAction.WATCHLIST_IMPORTED: _("Watchlist imported"),
    AuditAction.ENTRY_ADDED: _("Watchlist entry added"),
    AuditAction.ENTRY_UPDATED: _("Watchlist entry changed"),
    AuditAction.ENTRY_DEACTIVATED: _("Watchlist entry deactivated"),
    AuditAction.MATCH_FOUND: _("Watchlist match found"),
    AuditAction.MATCH_REOPENED: _("Watchlist match reopened"),
    AuditAction.MATCH_CONFIRMED: _("Watchlist match confirmed"),
    AuditAction.MATCH_DISMISSED: _("Watchlist match dismissed"),
    AuditAction.BROKER_WATCHLISTED: _("Broker named on an application put on the watchlist"),
    AuditAction.DETECTION_QUEUED: _("Network detection queued"),
    AuditAction.DETECTION_FINISHED: _("Network detection finished"),
    AuditAction.DETECTION_FAILED: _("Network detection failed"),
    AuditAction.APPLICATION_LINKED: _("Application linked into a ring"),
    AuditAction.RING_REVIEWED: _("Ring reviewed"),
    AuditAction.ORGANISER_CREATED: _("Organiser registered"),
    AuditAction.ORGANISER_UPDATED: _("Organiser changed"),
    AuditAction.ORGANISER_DEACTIVATED: _("Organiser deactivated"),
    AuditAction.ORGANISER_REACTIVATED: _("Organiser reactivated"),
    AuditAction.ORGANISERS_IMPORTED: _("Organisers imported"),
    AuditAction.VERIFICATION_OPENED: _("Verification task opened"),
    AuditAction.VERIFICATION_JOINED: _("Application joined a verification task"),
    AuditAction.VERIFICATION_REGISTERED: _("Verified and registered"),
    AuditAction.VERIFICATION_MARKED_SUSPICIOUS: _("Verification: marked suspicious"),
    AuditAction.VERIFICATION_DISMISSED: _("Verification dismissed"),
    AuditAction.VERIFICATION_REOPENED: _("Verification reopened"),
    AuditAction.INTERVIEW_STARTED: _("Interview started"),
    AuditAction.INTERVIEW_QUESTION_ADDED: _("Question added to an interview"),
    AuditAction.INTERVIEW_RECORDED: _("Interview answers recorded"),
    AuditAction.INTERVIEW_FINISHED: _("Interview finished"),
    AuditAction.INTERVIEW_HANDED_OVER: _("Interview taken over by a supervisor"),
    AuditAction.INTERVIEW_ASSIGNED: _("Interview assigned to an officer"),
    AuditAction.BANK_DRAFTED: _("Question bank drafted"),
    AuditAction.BANK_PUBLISHED: _("Question bank published"),
    AuditAction.BANK_QUESTION_ADDED: _("Question added to the bank draft"),
    AuditAction.BANK_QUESTION_EDITED: _("Question edited in the bank draft"),
    AuditAction.BANK_QUESTION_DEACTIVATED: _("Question deactivated in the bank draft"),
    AuditAction.BANK_QUESTION_REACTIVATED: _("Question reactivated in the bank draft"),
    AuditAction.DECISION_PROPOSED: _("Decision proposed"),
    AuditAction.DECISION_RETURNED: _("Decision returned"),
    AuditAction.DECISION_SIGNED_OFF: _("Decision signed off"),
    AuditAction.DOCUMENTS_COMPLETED: _("Deferred documents completed"),
    AuditAction.LETTER_ISSUED: _("Letter issued"),
    AuditAction.LETTER_DOWNLOADED: _("Letter downloaded"),
    AuditAction.SIGNATORY_SET: _("Letter signatory set"),
    AuditAction.AGENCY_CREATED: _("Partner agency created"),
    AuditAction.AGENCY_UPDATED: _("Partner agency changed"),
    AuditAction.REFERRAL_SENT: _("Referral sent"),
    AuditAction.REFERRAL_VIEWED: _("Referral viewed"),
    AuditAction.REFERRAL_ACCEPTED: _("Referral accepted"),
    AuditAction.REFERRAL_REJECTED: _("Referral rejected"),
    AuditAction.REFERRAL_DONE: _("Referral done"),
    AuditAction.PERSON_REFERRAL_SENT: _("Person referred to a partner agency"),
    AuditAction.PERSON_REFERRAL_VIEWED: _("Person referral viewed by the partner"),
    AuditAction.PERSON_REFERRAL_ACCEPTED: _("Person referral accepted"),
    AuditAction.PERSON_REFERRAL_REJECTED: _("Person referral rejected"),
    AuditAction.PERSON_REFERRAL_STARTED: _("Work on a person referral started"),
    AuditAction.PERSON_REFERRAL_CLOSED: _("Person referral closed"),
    AuditAction.PERSON_REFERRAL_REVOKED: _("Person referral revoked"),
    AuditAction.AGREEMENT_RECORDED: _("Data-sharing agreement recorded"),
    AuditAction.RECOMMENDATION_REGISTERED: _("Disnaker recommendation registered"),
    AuditAction.RECOMMENDATION_REVOKED: _("Disnaker recommendation revoked"),
    AuditAction.RECOMMENDATIONS_IMPORTED: _("Disnaker recommendations imported"),
    AuditAction.RECOMMENDATION_IMPORT_QUEUED: _("Disnaker recommendations file queued"),
    AuditAction.RECOMMENDATION_IMPORT_FAILED: _("Disnaker recommendations import failed"),
    AuditAction.REGISTER_DECLARED_COMPLETE: _("Disnaker register declared complete"),
    AuditAction.RECOMMENDATION_REQUEST_OPENED: _("Recommendation verification requested"),
    AuditAction.RECOMMENDATION_REQUEST_ANSWERED: _("Recommendation verification answered"),
    AuditAction.NIK_VERIFICATION_REQUESTED: _("NIK verification requested from Dukcapil"),
    AuditAction.NIK_VERIFICATION_ANSWERED: _("NIK verification answered by Dukcapil"),
    AuditAction.NIK_VERIFICATION_VIEWED: _("NIK verification request viewed"),
    AuditAction.CASE_REFERRAL_SENT: _("Report referred to the police"),
    AuditAction.CASE_REFERRAL_VIEWED: _("Referred report viewed by the police"),
    AuditAction.CASE_REFERRAL_ACCEPTED: _("Referred report accepted by the police"),
    AuditAction.CASE_REFERRAL_REJECTED: _("Referred report rejected by the police"),
    AuditAction.CASE_REFERRAL_DONE: _("Referred report done by the police"),
    AuditAction.BROKER_REFERRED: _("Broker named on an application referred to the police"),
    AuditAction.COVERING_LETTER_NUMBERED: _("Covering letter of a referral numbered"),
    AuditAction.ALERT_SENT: _("Police alerted"),
    AuditAction.ALERT_VIEWED: _("Alert viewed by the police"),
    AuditAction.ALERT_ACKNOWLEDGED: _("Alert acknowledged by the police"),
    AuditAction.SUBMISSION_RECEIVED: _("Watchlist submission received from the police"),
    AuditAction.SUBMISSION_ACCEPTED: _("Watchlist submission accepted"),
    AuditAction.SUBMISSION_REJECTED: _("Watchlist submission rejected"),
    AuditAction.PUBLIC_REPORT_RECEIVED: _("Report from the public received"),
    AuditAction.PUBLIC_REPORT_LINKED: _("Report from the public linked"),
    AuditAction.PUBLIC_REPORT_REFERRED: _("Report from the public referred to the police"),
    AuditAction.PUBLIC_REPORT_CLOSED: _("Report from the public closed"),
    AuditAction.ARTICLE_CREATED: _("Public article created"),
    AuditAction.ARTICLE_UPDATED: _("Public article changed"),
    AuditAction.ARTICLE_IMAGE_ADDED: _("Image added to a public article"),
    AuditAction.OUTREACH_RECORDED: _("Outreach activity recorded"),
    AuditAction.OUTREACH_UPDATED: _("Outreach activity changed"),
    AuditAction.COVERAGE_RECORDED: _("Media coverage recorded"),
    AuditAction.COVERAGE_UPDATED: _("Media coverage changed"),
    AuditAction.TRAINING_MODULE_EDITED: _("Training module text changed"),
    AuditAction.EXERCISES_QUEUED: _("Training exercises queued"),
    AuditAction.EXERCISES_GENERATED: _("Training exercises generated"),
    AuditAction.EXERCISES_FAILED: _("Training exercise generation failed"),
    AuditAction.TRAINING_ASSIGNED: _("Training assigned"),
    AuditAction.REFRESHER_ASSIGNED: _("Refresher training assigned"),
    AuditAction.CERTIFICATE_ISSUED: _("Training certificate issued"),
    AuditAction.CERTIFICATE_REVOKED: _("Training certificate revoked"),
    AuditAction.REPORT_EXPORTED: _("Report exported"),
    AuditAction.API_KEY_CREATED: _("API key created"),
    AuditAction.API_KEY_REVOKED: _("API key revoked"),
    AuditAction.API_CALLED: _("API called"),
    AuditAction.API_REFUSED: _("API call refused (no valid key)"),
    AuditAction.WEBHOOK_ADDED: _("Webhook address added"),
    AuditAction.WEBHOOK_DISABLED: _("Webhook address disabled after failures"),
}

# The names events were written with before the vocabulary was fixed.
LEGACY_NAMES: dict[str, AuditAction] = {
    "auth.login": AuditAction.LOGGED_IN,
    "auth.logout": AuditAction.LOGGED_OUT,
    "auth.login_failed": AuditAction.LOGIN_FAILED,
    "user.created": AuditAction.USER_CREATED,
    "user.updated": AuditAction.USER_UPDATED,
    "user.password_changed": AuditAction.PASSWORD_CHANGED,
    "user.password_reset": AuditAction.PASSWORD_RESET,
    "office.created": AuditAction.OFFICE_CREATED,
    "office.updated": AuditAction.OFFICE_UPDATED,
    "applicant.created": AuditAction.APPLICANT_CREATED,
    "applicant.updated": AuditAction.APPLICANT_UPDATED,
    "application.registered": AuditAction.APPLICATION_REGISTERED,
    "application.imported": AuditAction.APPLICATION_IMPORTED,
    "application.updated": AuditAction.APPLICATION_UPDATED,
    "application.status_changed": AuditAction.STATUS_CHANGED,
    "import.queued": AuditAction.IMPORT_QUEUED,
    "import.started": AuditAction.IMPORT_STARTED,
    "import.finished": AuditAction.IMPORT_FINISHED,
    "policy.drafted": AuditAction.POLICY_DRAFTED,
    "policy.edited": AuditAction.POLICY_EDITED,
    "policy.published": AuditAction.POLICY_PUBLISHED,
    "watchlist.created": AuditAction.WATCHLIST_CREATED,
    "watchlist.updated": AuditAction.WATCHLIST_UPDATED,
    "watchlist.imported": AuditAction.WATCHLIST_IMPORTED,
    "watchlist.entry_added": AuditAction.ENTRY_ADDED,
    "watchlist.entry_updated": AuditAction.ENTRY_UPDATED,
    "watchlist.entry_deactivated": AuditAction.ENTRY_DEACTIVATED,
    "watchlist.match_found": AuditAction.MATCH_FOUND,
    "watchlist.match_reopened": AuditAction.MATCH_REOPENED,
    "watchlist.match_confirmed": AuditAction.MATCH_CONFIRMED,
    "watchlist.match_dismissed": AuditAction.MATCH_DISMISSED,
    "networks.detect": AuditAction.DETECTION_FINISHED,
    "networks.link": AuditAction.APPLICATION_LINKED,
    "networks.import_organisers": AuditAction.ORGANISERS_IMPORTED,
    "interview.started": AuditAction.INTERVIEW_STARTED,
    "interview.question_added": AuditAction.INTERVIEW_QUESTION_ADDED,
    "interview.recorded": AuditAction.INTERVIEW_RECORDED,
    "interview.finished": AuditAction.INTERVIEW_FINISHED,
    "questions.drafted": AuditAction.BANK_DRAFTED,
    "questions.published": AuditAction.BANK_PUBLISHED,
    "questions.added": AuditAction.BANK_QUESTION_ADDED,
    "questions.edited": AuditAction.BANK_QUESTION_EDITED,
    "questions.deactivated": AuditAction.BANK_QUESTION_DEACTIVATED,
    "questions.reactivated": AuditAction.BANK_QUESTION_REACTIVATED,
    "decision.proposed": AuditAction.DECISION_PROPOSED,
    "decision.returned": AuditAction.DECISION_RETURNED,
    "decision.signed_off": AuditAction.DECISION_SIGNED_OFF,
    "decision.documents_completed": AuditAction.DOCUMENTS_COMPLETED,
    "letter.issued": AuditAction.LETTER_ISSUED,
    "letter.downloaded": AuditAction.LETTER_DOWNLOADED,
    "letter.signatory_set": AuditAction.SIGNATORY_SET,
    "agency.created": AuditAction.AGENCY_CREATED,
    "agency.updated": AuditAction.AGENCY_UPDATED,
    "referral.sent": AuditAction.REFERRAL_SENT,
    "referral.viewed": AuditAction.REFERRAL_VIEWED,
    "referral.accepted": AuditAction.REFERRAL_ACCEPTED,
    "referral.rejected": AuditAction.REFERRAL_REJECTED,
    "referral.done": AuditAction.REFERRAL_DONE,
    "report.exported": AuditAction.REPORT_EXPORTED,
}


class UnknownAuditAction(ValueError):
    """A programming error: an action outside the vocabulary."""


def checked(action: str) -> AuditAction:
    """The action as a member of the vocabulary; anything else is refused."""
    try:
        return AuditAction(action)
    except ValueError:
        raise UnknownAuditAction(f"{action!r} is not in the audit-action vocabulary") from None


def read(name: str) -> AuditAction | None:
    """The vocabulary's action for a stored name (current or legacy), if any."""
    try:
        return AuditAction(name)
    except ValueError:
        return LEGACY_NAMES.get(name)


def names_of(*actions: AuditAction) -> tuple[str, ...]:
    """The names these actions are stored under: their own and any older ones."""
    return tuple(
        [action.value for action in actions]
        + [old for old, new in LEGACY_NAMES.items() if new in actions]
    )


def stored_names(prefix: str) -> list[str]:
    """Every stored name whose action starts with `prefix` in the vocabulary or as
    written: what the audit list's action filter looks for."""
    names = [action.value for action in AuditAction if action.value.startswith(prefix)]
    names += [old for old, new in LEGACY_NAMES.items() if new.startswith(prefix)]
    names += [old for old in LEGACY_NAMES if old.startswith(prefix) and old not in names]
    return names
