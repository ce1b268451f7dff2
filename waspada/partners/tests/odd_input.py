"""Odd input for the partners' forms and lists (hypothesis): whatever arrives, a form error
or the page, never a server error."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
ODD = st.one_of(
    TEXT,
    st.sampled_from(["", " ", "0", "-1", "2026-02-30", "99999999999999999999", "issued", "\x00"]),
)
SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
