"""README.md for a generated data set."""
import collections

import catalog
import watchlists

HEAD = """# Independent evaluation set: passport applications, Kantor Imigrasi Cilacap

Synthetic, labelled passport applications for the five regencies served by
Kantor Imigrasi Cilacap (33.01 Cilacap, 33.02 Banyumas, 33.03 Purbalingga,
33.04 Banjarnegara, 33.05 Kebumen), with four watchlists. Written from the
domain notes (rules, indicators D01-D28, NIK structure, names, phones) and the
Kemendagri region list only, without knowledge of any screening system.
All people, phone numbers, NIKs, companies and letter numbers are invented.

Generated with `python3 generate.py --seed {seed} --out DIR --count {n}`
(Python 3.11, standard library only, deterministic for a given seed).

## Files

| file | content |
|---|---|
| applications.csv | {n} applications, one row each (columns below) |
| labels.csv | application_no, label (legit/risky), scenario, note |
| watchlist_cekal.csv | travel-ban (cegah) list, {n_cekal} entries |
| watchlist_wanted.csv | wanted (DPO) list, {n_wanted} entries |
| watchlist_known_broker.csv | known brokers, {n_kb} entries |
| watchlist_previously_refused.csv | applicants refused earlier, {n_pr} entries |

applications.csv columns: {cols}.
Watchlist columns: {wcols}.

Label share: {n_legit} legit ({p_legit:.1f} %), {n_risky} risky ({p_risky:.1f} %).
"""

HOW = """
## How the data was made

* Each scenario is a small function (modules `legit_tourism.py`,
  `legit_org.py`, `legit_work.py`, `legit_family.py`, `risky_cover.py`,
  `risky_identity.py`, `risky_misc.py`) that creates whole applications;
  `catalog.py` lists the scenarios and their shares, `watchlists.py` builds
  the lists, `generate.py` ties it together and `check.py DIR` validates an
  output folder. The label belongs to the scenario and is fixed before its
  applications are written; nothing is added to or removed from a row
  afterwards because of its label.
* People (`people.py`, `names.py`, `name_pools.py`): village drawn from
  wilayah.csv (regency weights by population; migrant-worker scenarios, legal or not,
  draw half of their people from known sending kecamatan). NIK = province +
  regency + kecamatan + DDMMYY (women day + 40) + serial. About 4 % of
  adults (10 % of spouses) carry a NIK from another kecamatan of the same
  regency (registered before they moved): the region part of a NIK is
  not always the address. Names: Javanese/Banyumasan given names by
  generation, mononyms, Muhammad variants, bin/binti (more often for
  pilgrims), H./Hj. and degrees, old spellings; about a quarter typed in
  capitals. Phones: Indonesian mobiles written as 08.., 08xx-xxxx-xxxx,
  +62 8.., 628.., (62) 8..; office landlines (0281/0282/0286/0287);
  foreign numbers for sponsors abroad in several formats.
* Submission dates are office working days 2026-01-05..2026-11-30
  (weekends and 2026 holidays excluded). Groups share a date window and a
  departure date; intended_departure may fall after November 2026.
* Clerk habits: optional fields are often blank, sometimes '-', 'tidak ada',
  '0', 'n/a'; occupations, education and marital status use KTP wording and
  its abbreviations; documents are listed in the order ticked.
"""

NOTES = """
## What a user of the data should know

* Labels describe what the scenario is, not what the fields show. Some
  legitimate rows look thin (tourist_sparse: no itinerary, unknown return
  ticket; students, interns, migrant workers and seafarers travel one-way;
  umrah/hajj pilgrims share an organiser's phone; P3MI batches share an
  office phone; tour groups and some umrah groups share one individual as
  companion; young children give a parent's phone; a few legit applicants
  live outside the five regencies; legal domestic workers go to HK/TW/SG/MY;
  spouses visit husbands working in Saudi Arabia with a guarantee letter;
  minors travel with a grandparent on umrah with the parents' permit).
  Some risky rows look tidy (watchlist hits with a real itinerary,
  Mekong job offers with a return ticket, domestic workers with a health
  check and a 'contract').
* No organiser in this data (PPIU, KBIHU, P3MI, LPK, manning agency) is in
  any registry, and no Disnaker or Kemnaker number is registered anywhere:
  'unknown to the registry' is true of legitimate and risky rows alike.
* Broker rings: every application naming a listed broker carries the note
  '[broker on watchlist_known_broker]'; every ring member names the same
  broker and phone. One ring in three has a broker on no list (found only
  through the shared phone and name across applications).
  Broker names are written differently across a ring (full name, 'Pak X',
  a misspelling, '(agen)').
* duplicate_application: every application of the set (first and repeats)
  is labelled risky; the note says which is first and what changed. A
  changed birth date on a repeat also makes its NIK disagree with the form.
* minor_unaccompanied: a third of them state an adult birth date on the form
  while the NIK carries the real (minor) one; the rest state their true age.
* Watchlist entries that match an applicant use a spelling variant (or
  capitals) with the same birth date, NIK or phone (phones written in a
  different format). Namesake entries share only a common name (other
  birth date, no shared NIK or phone). Unrelated entries share nothing
  with any applicant's name + birth date, NIK or phone; because Javanese
  given names repeat, many of them still share a name (only) with some
  applicant by chance, as they would in real life.
* Hajj: the document list has no hajj receipt; ppiu_letter stands for the
  organiser's (Kemenag/KBIHU/PIHK) statement; about 10 % lack it.
* Some people in risky scenarios are women in their thirties or forties
  (former migrant workers); some legitimate ones are 18-25 (students,
  interns, first-time workers, young tourists). Age, sex, region and
  destination shift the odds but decide nothing on their own.
* Group identifiers (umrahN, hajjN, tourN, familyN, p3miN, ringN, dupN)
  appear only in labels.csv notes.
"""


def render(seed, recs, wl, wstats, counts):
    n = len(recs)
    n_risky = sum(r["_label"] == "risky" for r in recs)
    s = HEAD.format(seed=seed, n=n, n_cekal=len(wl["cekal"]), n_wanted=len(wl["wanted"]),
                    n_kb=len(wl["known_broker"]), n_pr=len(wl["previously_refused"]),
                    cols=", ".join(catalog_cols()), wcols=", ".join(watchlists.COLUMNS),
                    n_legit=n - n_risky, p_legit=100 * (n - n_risky) / n,
                    n_risky=n_risky, p_risky=100 * n_risky / n)
    s += "\n## Scenarios\n\n| scenario | label | count | what it is and why it has this label |\n|---|---|---|---|\n"
    for name, (label, _w, _fn, desc) in catalog.SCENARIOS.items():
        s += f"| {name} | {label} | {counts[name]} | {desc} |\n"
    s += "\n## Watchlists\n\n| list | match risky person | namesake of a legit applicant | unrelated | total |\n|---|---|---|---|---|\n"
    for lst in watchlists.LISTS:
        st = wstats[lst]
        s += f"| {lst} | {st['match']} | {st['namesake']} | {st['unrelated']} | {len(wl[lst])} |\n"
    s += "\n## Purpose by label\n\n| purpose | legit | risky |\n|---|---|---|\n"
    tab = collections.Counter((r["purpose"], r["_label"]) for r in recs)
    for p in sorted({r["purpose"] for r in recs}):
        s += f"| {p} | {tab[(p, 'legit')]} | {tab[(p, 'risky')]} |\n"
    return s + HOW + NOTES


def catalog_cols():
    import forms
    return forms.COLUMNS
