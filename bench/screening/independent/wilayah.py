"""Kemendagri region codes (wilayah.csv): load once, pick villages.

Only the columns kode, nama, tingkat are used. Villages are kept in file
order so that picking is deterministic for a given random generator.
"""
import csv
import os

# The Kemendagri region list the project ships (same file the office loads).
WILAYAH_CSV = os.path.join(
    os.path.dirname(os.path.abspath(__file__)),
    "..", "..", "..", "waspada", "regions", "data", "wilayah.csv",
)

# The five regencies served by Kantor Imigrasi Cilacap, with rough
# population weights (Cilacap and Banyumas are the largest).
HOME_REGENCIES = {
    "33.01": 0.33,  # Cilacap
    "33.02": 0.29,  # Banyumas
    "33.03": 0.12,  # Purbalingga
    "33.04": 0.11,  # Banjarnegara
    "33.05": 0.15,  # Kebumen
}

# Kecamatan of Cilacap / Banyumas / Kebumen that send many migrant workers
# (kantong PMI). Used only to weight where migrant workers (legal or not) live.
KANTONG_KEC = [
    "33.01.01", "33.01.02", "33.01.03", "33.01.04", "33.01.05", "33.01.06",
    "33.01.07", "33.01.09", "33.01.10", "33.01.11", "33.01.17", "33.01.19",
    "33.01.20", "33.02.06", "33.02.07", "33.02.08", "33.02.17", "33.05.03",
    "33.05.07", "33.05.08", "33.03.02", "33.04.04",
]


class Wilayah:
    def __init__(self, path=WILAYAH_CSV):
        self.names = {}          # code -> name
        self.villages = []       # all village codes, file order
        self.by_regency = {}     # "33.01" -> [village codes]
        self.by_kec = {}         # "33.01.01" -> [village codes]
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                code, name, level = row["kode"], row["nama"], row["tingkat"]
                self.names[code] = name
                if level == "desa_kelurahan":
                    self.villages.append(code)
                    self.by_regency.setdefault(code[:5], []).append(code)
                    self.by_kec.setdefault(code[:8], []).append(code)
        self.village_set = frozenset(self.villages)

    # ---- names -------------------------------------------------------
    def village_name(self, code):
        return self.names[code]

    def kec_name(self, code):
        return self.names[code[:8]]

    def regency_name(self, code):
        return self.names[code[:5]]

    def regency_short(self, code):
        n = self.names[code[:5]]
        for p in ("Kabupaten ", "Kota Administrasi ", "Kota "):
            if n.startswith(p):
                return n[len(p):]
        return n

    def is_kelurahan(self, code):
        return code.split(".")[3].startswith("1")

    # ---- picking -----------------------------------------------------
    def home_regency(self, rng):
        r = rng.random()
        acc = 0.0
        for reg, w in HOME_REGENCIES.items():
            acc += w
            if r < acc:
                return reg
        return "33.01"

    def pick_home_village(self, rng, regency=None, kantong=0.0):
        """A village in the five regencies; with probability `kantong`
        from a known sending kecamatan."""
        if kantong and rng.random() < kantong:
            kec = rng.choice(KANTONG_KEC)
            return rng.choice(self.by_kec[kec])
        reg = regency or self.home_regency(rng)
        return rng.choice(self.by_regency[reg])

    def pick_village_in(self, rng, regency):
        return rng.choice(self.by_regency[regency])

    def pick_other_kec_same_regency(self, rng, village):
        """A kecamatan code (xx.xx.xx) in the same regency but not the
        village's own one (people who moved after their NIK was issued)."""
        reg = village[:5]
        kecs = sorted(k for k in self.by_kec if k.startswith(reg + ".")
                      and k != village[:8])
        return rng.choice(kecs) if kecs else village[:8]


_CACHE = {}


def load(path=WILAYAH_CSV):
    if path not in _CACHE:
        _CACHE[path] = Wilayah(path)
    return _CACHE[path]


if __name__ == "__main__":
    import random
    w = load()
    rng = random.Random(1)
    print(len(w.villages), {k: len(v) for k, v in w.by_regency.items()
                            if k in HOME_REGENCIES})
    for _ in range(5):
        v = w.pick_home_village(rng, kantong=0.5)
        print(v, w.village_name(v), w.kec_name(v), w.regency_short(v),
              w.is_kelurahan(v))
    assert all(k in w.by_kec for k in KANTONG_KEC)
    print(os.path.basename(WILAYAH_CSV), "ok")
