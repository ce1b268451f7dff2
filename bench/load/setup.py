"""Prepare the load test's office (run by run.py after `waspada demo`): the officers and
the work waiting for them, written to a plan file the load tool reads.

    python bench/load/setup.py --officers 50 --plan PLAN.json

- Officers through the real service (`core.services.create_user`, audited): 40 % at the
  counter, 40 % interviewers, the rest supervisors (at least one of each), each with a
  password that satisfies the password rules.
- Interviews to hold: applications waiting at screening with no interview, dealt out so
  that no two interviewers take the same one (as an office would assign them).
- Proposals waiting for a sign-off: some of those applications get a finished standard
  interview and a proposed refusal by one of the interviewers (the demo's own steps), dealt
  out to the supervisors (four eyes: the proposer never signs off).
- Names to search for and application numbers to open, from the demo's applications.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waspada.settings")

PASSWORD = "Beban-uji-2026-kantor!"
ROLES = (("intake_officer", 0.4), ("interviewer", 0.4), ("supervisor", 0.2))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--officers", type=int, default=50)
    parser.add_argument("--proposals-per-supervisor", type=int, default=25)
    parser.add_argument("--plan", required=True)
    args = parser.parse_args()

    import django

    django.setup()
    from waspada.applications.models import PassportApplication, Status
    from waspada.core import services
    from waspada.demo.workload import DEEP, _interview, _propose_refusal
    from waspada.interviews.models import InterviewKind

    rng = random.Random(2026)
    counts = {role: max(1, round(share * args.officers)) for role, share in ROLES}
    counts["supervisor"] = max(1, args.officers - counts["intake_officer"] - counts["interviewer"])
    officers: dict[str, list[str]] = {}
    users = {}
    for role, count in counts.items():
        officers[role] = []
        for number in range(1, count + 1):
            username = f"beban-{role.split('_')[0]}-{number:02d}"
            users[username] = services.create_user(
                acting_user=None,
                username=username,
                full_name=f"Petugas Uji {role} {number}",
                role=role,
                agency=None,
                password=PASSWORD,
            )
            officers[role].append(username)

    waiting = list(
        PassportApplication.objects.filter(
            status=Status.SCREENING, interviews__isnull=True, decisions__isnull=True
        )
        .exclude(risk_action=DEEP)
        .order_by("pk")
    )
    wanted = args.proposals_per_supervisor * len(officers["supervisor"])
    to_propose, to_interview = waiting[:wanted], waiting[wanted:]
    proposer = users[officers["interviewer"][0]]
    proposals = []
    for application in to_propose:
        _interview(application, proposer, kind=InterviewKind.STANDARD, finish=True)
        proposals.append(_propose_refusal(application, proposer).pk)

    def deal(items: list, people: list[str]) -> dict[str, list]:  # type: ignore[type-arg]
        return {person: items[index :: len(people)] for index, person in enumerate(people)}

    numbers = list(PassportApplication.objects.values_list("application_no", flat=True))
    names = list(PassportApplication.objects.values_list("applicant__full_name", flat=True)[:2000])
    plan = {
        "password": PASSWORD,
        "officers": officers,
        "interviews": deal([a.application_no for a in to_interview], officers["interviewer"]),
        "sign_offs": deal(proposals, officers["supervisor"]),
        "open": rng.sample(numbers, min(500, len(numbers))),
        "search": sorted({name.split()[0] for name in names if name.split()}),
    }
    Path(args.plan).write_text(json.dumps(plan, indent=1))
    print(
        f"{args.officers} officers {counts}; {len(proposals)} proposals to sign off; "
        f"{len(to_interview)} applications to interview; {len(numbers)} applications"
    )


if __name__ == "__main__":
    main()
