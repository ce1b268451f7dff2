"""The real background worker, for tests that follow a job from the web to its end."""

from __future__ import annotations

import signal

from django.core.management import call_command


def run_worker() -> None:
    """Run the real database worker until the queue is empty, as `waspada db_worker --batch`."""
    # The worker installs its own signal handlers; give pytest its own back afterwards.
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command(
            "db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0
        )
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
