"""Families at one address applying together: a benign lookalike of a ring.

Umrah, tourism and family visits (about 2,600 groups at full volume, 25 % of the rows):
the same day, the same address, naming each other as companion; children often give a
parent's phone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from waspada.applications.records import ApplicantRecord
from waspada.synthetic.cases import Case, Pattern
from waspada.synthetic.destinations import FAMILY_VISIT_DESTINATIONS, TOURISM_DESTINATIONS
from waspada.synthetic.draw import from_table, weighted
from waspada.synthetic.names import FEMALE, MALE
from waspada.synthetic.nik import age_on
from waspada.synthetic.trips import Trips

# Builds one family member's application: (person, civil-status proof, age) -> case.
_Trip = Callable[[ApplicantRecord, str, int], Case]


def family(t: Trips, purpose: str, size: int, submitted: dt.date) -> list[Case]:
    """Relatives from one address applying on the same day, naming each other."""
    rng = t.rng
    village = t.people.village("urban" if purpose == "tourism" else "normal")
    address = t.people.address(village)
    pilgrim = purpose == "umrah"
    head_ages = {"umrah": (38, 70), "tourism": (32, 55), "family_visit": (30, 60)}[purpose]
    head_sex = MALE if rng.random() < 0.8 else FEMALE
    head, head_proof = t.people.person(
        submitted,
        village=village,
        sex=head_sex,
        ages=head_ages,
        address=address,
        marital="Kawin",
        pilgrim=pilgrim,
    )
    head_age = age_on(head.birth_date, submitted)
    members: list[tuple[ApplicantRecord, str, str]] = [(head, head_proof, "")]
    head_word = "Ayah" if head_sex == MALE else "Ibu"
    for index in range(1, size):
        if index == 1 and rng.random() < 0.85:
            spouse_age = max(18.0, head_age + rng.randint(-8, 3))
            spouse, proof = t.people.person(
                submitted,
                village=village,
                sex=FEMALE if head_sex == MALE else MALE,
                ages=(spouse_age, spouse_age + 1),
                address=address,
                marital="Kawin",
                pilgrim=pilgrim,
            )
            members.append((spouse, proof, "Suami" if head_sex == MALE else "Istri"))
        elif head_age < 52 and rng.random() < 0.15:
            parent_age = head_age + rng.randint(22, 30)
            parent, proof = t.people.person(
                submitted,
                village=village,
                ages=(parent_age, parent_age + 1),
                address=address,
                pilgrim=pilgrim,
            )
            members.append((parent, proof, "Anak"))
        else:
            oldest = max(2, min(head_age - 20, 32))
            child_age = rng.randint(1, oldest)
            district = head.nik[:2] + "." + head.nik[2:4] + "." + head.nik[4:6]
            phone = (
                head.phone if child_age < 13 or (child_age < 17 and rng.random() < 0.7) else None
            )
            child, proof = t.people.person(
                submitted,
                village=village,
                ages=(child_age, child_age + 1),
                address=address,
                phone=phone,
                marital="Belum Kawin" if child_age < 26 else None,
                nik_district=district if district in t.people.by_district else None,
                pilgrim=pilgrim,
            )
            members.append((child, proof, head_word))
    spouse_relation = "Istri" if head_sex == MALE else "Suami"
    trip = family_trip(t, purpose, submitted)
    cases = []
    for index, (person, proof, relation) in enumerate(members):
        age = age_on(person.birth_date, submitted)
        case = trip(person, proof, age)
        app = case.application
        if index == 0 and len(members) > 1 and members[1][2] in ("Suami", "Istri"):
            companion, relation = members[1][0], spouse_relation
        elif index == 0:
            companion = None
        else:
            companion = head
        if companion is not None:
            app.companion_name = companion.full_name
            app.companion_phone = companion.phone
            app.companion_relation = relation
        case.pattern = Pattern.FAMILY
        cases.append(case)
    return cases


def family_trip(t: Trips, purpose: str, submitted: dt.date) -> _Trip:
    """The same trip for every member of a family (destination, organiser, sponsor)."""
    rng = t.rng
    if purpose == "umrah":
        ppiu = t.ppiu()
        sponsor = weighted(rng, ("ppiu", "none"), (62, 38))

        def umrah(person: ApplicantRecord, proof: str, age: int) -> Case:
            return t.umrah_trip(person, proof, age, submitted, ppiu, sponsor=sponsor)

        return umrah
    if purpose == "tourism":
        destination = from_table(rng, TOURISM_DESTINATIONS)
        first: list[Case] = []

        def tourism(person: ApplicantRecord, proof: str, age: int) -> Case:
            if not first:
                case = t.tourism_trip(person, proof, age, submitted, destination)
                first.append(case)
                return case
            lead = first[0].application
            case = t.tourism_trip(
                person,
                proof,
                age,
                submitted,
                destination,
                itinerary=lead.itinerary,
                return_ticket=lead.return_ticket,
            )
            case.application.intended_departure = lead.intended_departure
            return case

        return tourism
    destination = from_table(rng, FAMILY_VISIT_DESTINATIONS)
    template = t.application(submitted, "family_visit", destination)
    t.family_visit_sponsor(template, destination)

    def visit(person: ApplicantRecord, proof: str, age: int) -> Case:
        app = t.application(submitted, "family_visit", destination)
        app.intended_departure = template.intended_departure
        app.sponsor_name = template.sponsor_name
        app.sponsor_phone = template.sponsor_phone
        app.sponsor_relation = "Keluarga"
        app.sponsor_address = template.sponsor_address
        app.itinerary = f"Mengunjungi keluarga di {template.sponsor_address}"
        app.return_ticket = "yes"
        app.funds_source = "Dibiayai keluarga di luar negeri"
        app.documents = t.documents(proof, "family_visit", age=age, extra=["tiket_pulang"])
        return Case(person, app)

    return visit


# --- suspicious patterns ---------------------------------------------------------
