"""Names as people write them, and the documents they bring."""

from __future__ import annotations

import random
from collections import Counter

from waspada.domain.documents import CIVIL_STATUS_PROOFS, missing_documents
from waspada.synthetic import Case, Pattern
from waspada.synthetic.names import make_name, old_spelling
from waspada.synthetic.tests.conftest import age


def test_documents_always_hold_kk_and_civil_status_and_mostly_the_purpose_ones(
    year_2024: list[Case],
) -> None:
    complete = honest = 0
    for case in year_2024:
        docs = case.application.documents
        assert "kk" in docs and set(docs) & set(CIVIL_STATUS_PROOFS)
        assert "ktp" in docs or age(case) < 17
        if case.pattern in (Pattern.HONEST, Pattern.PPIU_PHONE) and age(case) >= 17:
            honest += 1
            if not missing_documents(case.application.purpose, docs):
                complete += 1
        if case.application.previous_passport_no:
            assert case.application.application_type in ("replacement", "lost", "damaged")
    assert complete / honest > 0.75


def test_names_show_real_world_spelling_variety(year_2024: list[Case]) -> None:
    names = [case.applicant.full_name for case in year_2024]
    words = Counter(word for name in names for word in name.replace(",", " ").split())
    for spelling in ("Muhammad", "Mochamad", "Moch.", "M.", "Sitti", "Noer", "Achmad", "Abd."):
        assert words[spelling] > 0, spelling
    for marker in ("bin", "binti", "H.", "Hj.", "S.Pd.", "Sri", "Siti", "Asep"):
        assert words[marker] > 0, marker
    assert any("oe" in name or "Dj" in name or "Tj" in name for name in names)
    mononyms = sum(1 for name in names if len(name.split()) == 1)
    assert 0.05 < mononyms / len(names) < 0.25
    assert any(name.isupper() for name in names)


def test_old_spelling_follows_the_pre_1972_orthography() -> None:
    assert old_spelling("Joko Cahyono") == "Djoko Tjahjono"
    assert old_spelling("Sukarno") == "Soekarno"
    assert old_spelling("Yusuf") == "Joesoef"
    assert old_spelling("Sutrisno", partial=True) == "Soetrisno"
    assert old_spelling("M. Khoirul") == "M. Choiroel"


def test_names_depend_on_generation_and_culture() -> None:
    rng = random.Random(3)
    old = [make_name(rng, sex="L", birth_year=1950) for _ in range(400)]
    young = [make_name(rng, sex="L", birth_year=2002) for _ in range(400)]
    assert sum(len(n.split()) == 1 for n in old) > 3 * sum(len(n.split()) == 1 for n in young)
    sundanese = {make_name(rng, sex="P", birth_year=1980, culture="sundanese") for _ in range(50)}
    assert any(name.split()[0] in ("Euis", "Iis", "Neneng", "Cucu") for name in sundanese)
