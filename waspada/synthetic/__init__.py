"""Synthetic but realistic passport applications for Kantor Imigrasi Kelas I TPI Cilacap.

Pure Python (no Django import), shared by `waspada demo`, the tests and the benchmarks.
Driven by one seeded `random.Random` and given the office's villages as plain data
(`Village`, e.g. from `read_villages`): the same arguments always give the same data.

Where each part lives:

- `area`: villages, regencies and their weights, sending areas, streets, hamlets;
- `names`, `nik`, `phones`: how people are named, their NIKs, their phone numbers;
- `people`: who applies (residence, identity, education, occupation, civil status);
- `office_calendar`: working days, holidays, Islamic dates, seasons;
- `destinations`, `organisers`: purposes, destinations, jobs, organisers and recruiters;
- `trips`, `honest`, `families`: honest applications and their benign lookalikes;
- `trafficking_patterns`: the patterns screening must catch;
- `generator`: a year of applications in order (`generate`);
- `cases`: a generated application with the truth behind it (`Case`, `Pattern`);
- `accounts`: the demo logins, one per role.
"""

from waspada.synthetic.area import REGENCIES, Village, read_villages
from waspada.synthetic.cases import SUSPICIOUS, Case, Pattern, pairs, pattern_counts
from waspada.synthetic.generator import generate

__all__ = [
    "REGENCIES",
    "SUSPICIOUS",
    "Case",
    "Pattern",
    "Village",
    "generate",
    "pairs",
    "pattern_counts",
    "read_villages",
]
