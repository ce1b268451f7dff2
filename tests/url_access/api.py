"""Who may reach the partner API's addresses (see tests/test_url_access.py).

The API answers keys, not sessions: without `Authorization: Bearer KEY` every endpoint is
401 for anonymous visitors and signed-in users alike (keys: waspada/api/tests). The
OpenAPI document and its docs page are public; the key pages are the administrator's.
"""

from __future__ import annotations

from django.urls import reverse

from waspada.api.models import ApiClient
from waspada.core.models import User

# What a GET without a key answers: 401, 405 for the answers (POST only), 404 at the root.
API_STATUS: dict[str, int] = {
    "api-root": 404,
    "me": 401,
    "register_recommendations": 401,  # GET there lists the register
    "list_recommendations": 401,
    "read_recommendation": 401,
    "revoke_recommendation": 405,
    "list_verification_requests": 401,
    "read_verification_request": 401,
    "answer_verification_request": 405,
    "list_ring_referrals": 401,
    "read_ring_referral": 401,
    "answer_ring_referral": 405,
    "list_person_referrals": 401,
    "read_person_referral": 401,
    "answer_person_referral": 405,
    "list_case_referrals": 401,
    "read_case_referral": 401,
    "answer_case_referral": 405,
    "list_nik_verifications": 401,
    "read_nik_verification": 401,
    "answer_nik_verification": 405,
    "list_alerts": 401,
    "read_alert": 401,
    "acknowledge_alert": 405,
    "submit_to_watchlists": 401,  # GET there lists the unit's submissions
    "list_submissions": 401,
    "read_submission": 401,
}
_ARGS = {
    "read_recommendation": {"record_id": 1},
    "revoke_recommendation": {"record_id": 1},
    "read_verification_request": {"request_id": 1},
    "answer_verification_request": {"request_id": 1},
    "read_ring_referral": {"referral_id": 1},
    "answer_ring_referral": {"referral_id": 1},
    "read_person_referral": {"referral_id": 1},
    "answer_person_referral": {"referral_id": 1},
    "read_case_referral": {"referral_id": 1},
    "answer_case_referral": {"referral_id": 1},
    "read_nik_verification": {"item_id": 1},
    "answer_nik_verification": {"item_id": 1},
    "read_alert": {"alert_id": 1},
    "acknowledge_alert": {"alert_id": 1},
    "read_submission": {"submission_id": 1},
}

ACCESS: dict[str, set[str] | str] = {
    "openapi-json": "public",
    "openapi-view": "public",
    "api_client_list": {"admin"},
    "api_client_create": {"admin"},
    "api_client_revoke": "post-only",
    "api_webhook_list": {"admin"},
    "api_webhook_create": {"admin"},
    **dict.fromkeys(API_STATUS, "api"),
}


def url(name: str, target: User) -> str:
    if name == "api_client_revoke":
        found = ApiClient.objects.first()
        return reverse(name, args=[found.pk if found is not None else 1])
    if name.startswith(("api_client", "api_webhook")):
        return reverse(name)
    # The API's names are those of its namespace.
    return reverse(f"api-v1:{name}", kwargs=_ARGS.get(name, {}))
