"""People: dates, NIK, phone numbers, addresses and the applicant record.

A person is a plain dict. Keys without a leading underscore become form
columns; keys with one are kept for cross-references (watchlists, README).
"""
import datetime as dt

import names
import wilayah

START = dt.date(2026, 1, 5)
END = dt.date(2026, 11, 30)

# National holidays and cuti bersama 2026 (approximate) - office closed.
HOLIDAYS = {dt.date(2026, m, d) for m, d in [
    (1, 1), (1, 16), (2, 16), (2, 17), (3, 18), (3, 19), (3, 20), (3, 23),
    (3, 24), (4, 3), (5, 1), (5, 14), (5, 15), (5, 27), (6, 1), (6, 16),
    (8, 17), (8, 25), (11, 2)]}


def is_workday(d):
    return START <= d <= END and d.weekday() < 5 and d not in HOLIDAYS


def clamp_workday(d, forward=True):
    """Nearest office working day inside the submission window."""
    d = min(max(d, START), END)
    step = dt.timedelta(days=1 if forward else -1)
    for _ in range(30):
        if is_workday(d):
            return d
        d += step
        if d > END:
            d, step = END, dt.timedelta(days=-1)
        if d < START:
            d, step = START, dt.timedelta(days=1)
    return d


def rand_workday(rng, lo=START, hi=END):
    lo, hi = max(lo, START), min(hi, END)
    if hi < lo:
        hi = lo
    return clamp_workday(lo + dt.timedelta(days=rng.randint(0, (hi - lo).days)))


def add_days(d, n):
    return d + dt.timedelta(days=n)


def age_on(birth, on):
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def birth_for_age(rng, age, on):
    """A birth date such that the person is exactly `age` on date `on`."""
    latest = dt.date(on.year - age, on.month, min(on.day, 28))
    return latest - dt.timedelta(days=rng.randint(0, 364))


# ---- context -----------------------------------------------------------
class Ctx:
    """Random generator plus registries that keep identifiers unique."""

    def __init__(self, rng):
        self.rng = rng
        self.w = wilayah.load()
        self.used_nik = set()
        self.used_phone = set()


# ---- NIK ---------------------------------------------------------------
def nik_for(ctx, kec_code, birth, sex, serial=None):
    """16 digits: province+regency+kecamatan, DDMMYY (women day+40), serial."""
    region = kec_code.replace(".", "")[:6]
    day = birth.day + (40 if sex == "P" else 0)
    core = f"{region}{day:02d}{birth.month:02d}{birth.year % 100:02d}"
    rng = ctx.rng
    for _ in range(200):
        s = serial or (rng.randint(1, 400) if rng.random() < 0.8 else rng.randint(401, 3500))
        nik = f"{core}{s:04d}"
        if nik not in ctx.used_nik:
            ctx.used_nik.add(nik)
            return nik
        serial = None
    raise RuntimeError("NIK space exhausted")


# ---- phones ------------------------------------------------------------
ID_PREFIXES = ["811", "812", "813", "821", "822", "823", "851", "852", "853",
               "814", "815", "816", "855", "856", "857", "858", "817", "818",
               "819", "859", "877", "878", "831", "832", "833", "838", "895",
               "896", "897", "898", "899", "881", "882", "887", "888"]


def new_id_phone(ctx):
    """Canonical Indonesian mobile as digits with country code: 628..."""
    rng = ctx.rng
    while True:
        n = "62" + rng.choice(ID_PREFIXES) + "".join(
            str(rng.randint(0, 9)) for _ in range(rng.choice([7, 8, 8, 8, 9])))
        if n not in ctx.used_phone:
            ctx.used_phone.add(n)
            return n


def fmt_id_phone(rng, canon, style=None):
    """Write 628xxxxxxxxx the way people write it on forms."""
    local = "0" + canon[2:]
    style = style if style is not None else rng.choices(
        range(7), weights=[40, 14, 10, 8, 10, 10, 8])[0]
    if style == 0:
        return local
    if style == 1:
        return f"{local[:4]}-{local[4:8]}-{local[8:]}"
    if style == 2:
        return "+" + canon
    if style == 3:
        return canon
    if style == 4:
        return f"+62 {canon[2:5]}-{canon[5:9]}-{canon[9:]}"
    if style == 5:
        return f"{local[:4]} {local[4:8]} {local[8:]}"
    return f"+62{canon[2:]}" if rng.random() < 0.5 else f"(62) {local[1:]}"


# ---- addresses and birth places ---------------------------------------
DUSUN = ["Krajan", "Karanganyar", "Karangsari", "Kalisalak", "Pagersari",
         "Sidamulya", "Sukamaju", "Cikalong", "Karangtengah", "Kedungwringin",
         "Tegalsari", "Sidarahayu", "Kalibening", "Cibeunying", "Pesawahan",
         "Banjarsari", "Karangjati", "Rejasari", "Sindangsari", "Grumbul Wetan",
         "Grumbul Kulon", "Kauman", "Kebonsari", "Jatisari", "Pekuncen"]
STREETS = ["Jl. Gatot Subroto", "Jl. Jend. Sudirman", "Jl. Diponegoro",
           "Jl. Kapten Tendean", "Jl. Dr. Soetomo", "Jl. Kartini",
           "Jl. Masjid", "Jl. Perintis Kemerdekaan", "Jl. Merdeka",
           "Jl. Ahmad Yani", "Jl. Pramuka", "Jl. Kalimantan", "Jl. Raya"]


def make_address(ctx, village):
    rng, w = ctx.rng, ctx.w
    rt, rw = rng.randint(1, 9 if rng.random() < 0.7 else 15), rng.randint(1, 12)
    vname, kname = w.village_name(village), w.kec_name(village)
    reg = w.regency_short(village)
    kab = "Kota" if w.regency_name(village).startswith("Kota") else "Kab."
    kel = w.is_kelurahan(village)
    if kel or rng.random() < 0.12:
        head = f"{rng.choice(STREETS)} No. {rng.randint(1, 120)}"
        if rng.random() < 0.3:
            head += f" Gg. {rng.choice(['Mawar', 'Melati', 'Kenanga', 'Flamboyan', 'Manggis'])}"
    else:
        dus = rng.choice(DUSUN)
        head = rng.choice([f"Dusun {dus}", f"Dsn. {dus}", f"Grumbul {dus}",
                           f"{dus}", f"Dukuh {dus}"])
    style = rng.randrange(6)
    if style == 0:
        s = f"{head} RT {rt:03d}/RW {rw:03d}, {vname}, {kname}"
    elif style == 1:
        s = f"{head} RT.{rt:02d} RW.{rw:02d} Ds. {vname} Kec. {kname} {kab} {reg}"
    elif style == 2:
        s = f"{head} Rt {rt} Rw {rw} {vname} {kname}"
    elif style == 3:
        s = f"RT {rt:02d}/{rw:02d} {head}, Desa {vname}"
    elif style == 4:
        s = f"{head} {rt:03d}/{rw:03d} {vname}, Kec. {kname}, {reg}"
    else:
        s = f"{head}, RT {rt}/RW {rw}, Desa {vname}, Kec. {kname}"
    if kel:
        s = s.replace("Ds. ", "Kel. ").replace("Desa ", "Kel. ")
    return s.upper() if rng.random() < 0.2 else s


OTHER_BIRTHPLACES = ["Jakarta", "Bandung", "Brebes", "Tegal", "Wonosobo",
                     "Purworejo", "Ciamis", "Semarang", "Yogyakarta",
                     "Tasikmalaya", "Pemalang", "Lampung", "Surabaya",
                     "Bekasi", "Tangerang", "Batam"]
CITY_OF = {"33.02": ["Purwokerto", "Banyumas", "Ajibarang", "Sokaraja"],
           "33.01": ["Cilacap", "Majenang", "Kroya", "Sidareja", "Cilacap"],
           "33.03": ["Purbalingga", "Bobotsari"],
           "33.04": ["Banjarnegara", "Klampok"],
           "33.05": ["Kebumen", "Gombong", "Karanganyar"]}


def birth_place(ctx, village):
    rng, w = ctx.rng, ctx.w
    r = rng.random()
    reg = village[:5]
    if r < 0.08:
        bp = rng.choice(OTHER_BIRTHPLACES)
    elif r < 0.35:
        bp = w.kec_name(village)
    elif reg in CITY_OF:
        bp = rng.choice(CITY_OF[reg])
    else:
        bp = w.regency_short(village)
    return bp.upper() if rng.random() < 0.2 else bp


# ---- the person ------------------------------------------------------
def make_person(ctx, on, *, sex=None, age=None, age_range=(20, 60),
                village=None, kantong=0.0, name=None, name_kw=None,
                moved=0.04, phone=True, upper=0.25):
    """A new person as of date `on` (the day of the application)."""
    rng = ctx.rng
    sex = sex or rng.choice("LP")
    age = age if age is not None else rng.randint(*age_range)
    birth = birth_for_age(rng, age, on)
    village = village or ctx.w.pick_home_village(rng, kantong=kantong)
    # NIK region: usually the village's kecamatan, sometimes where the
    # person lived before (moved after marriage / work).
    kec = village[:8]
    if rng.random() < moved:
        kec = ctx.w.pick_other_kec_same_regency(rng, village)
    nm = name or names.make_name(rng, sex, age, child=age < 13,
                                 **(name_kw or {}))
    canon = new_id_phone(ctx) if phone else ""
    p = {
        "full_name": names.style_case(rng, nm, upper),
        "sex": sex,
        "birth_date": birth,
        "birth_place": birth_place(ctx, village),
        "nik": nik_for(ctx, kec, birth, sex),
        "phone": fmt_id_phone(rng, canon) if canon else "",
        "address": make_address(ctx, village),
        "village_code": village,
        "_name": nm, "_phone": canon, "_age": age, "_kec": kec,
    }
    return p


def household_member(ctx, head, on, *, sex, age, name=None, name_kw=None,
                     share_phone=False):
    """Someone living at head's address (same village, same address text).
    Young children always give a parent's phone number."""
    share_phone = share_phone or age < 13
    p = make_person(ctx, on, sex=sex, age=age, village=head["village_code"],
                    name=name, name_kw=name_kw, phone=not share_phone,
                    moved=0.0 if age < 17 else 0.1)
    p["address"] = head["address"]
    if share_phone:
        p["_phone"] = head["_phone"]
        p["phone"] = fmt_id_phone(ctx.rng, head["_phone"])
    return p


if __name__ == "__main__":
    import random
    ctx = Ctx(random.Random(7))
    on = rand_workday(ctx.rng)
    for _ in range(4):
        p = make_person(ctx, on, kantong=0.3)
        print(on, {k: v for k, v in p.items()})
    kid = household_member(ctx, p, on, sex="P", age=9, share_phone=True)
    print(kid)
    print(nik_for(ctx, "33.01.02", dt.date(2008, 2, 3), "P"))
    assert all(is_workday(rand_workday(ctx.rng)) for _ in range(500))
