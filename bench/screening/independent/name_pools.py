"""Name parts for composing given names (two or three parts), so that the
data holds thousands of distinct names, and names from other regions of
Indonesia for people who are not from Central Java."""

M_FIRST_MID = ["Agus", "Budi", "Eko", "Joko", "Wahyu", "Bambang", "Sugeng", "Imam", "Heri",
               "Teguh", "Dwi", "Tri", "Ahmad", "Rudi", "Nur", "Arif", "Muhammad", "Taufik",
               "Didik", "Edi", "Dedi", "Hadi", "Yudi", "Anton", "Hendro", "Catur", "Sigit",
               "Bowo", "Danang", "Puji", "Untung", "Rahmat", "Iwan", "Wawan", "Yusuf",
               "Kholid", "Mukhlis", "Ari", "Slamet", "Sri", "Tono", "Agung", "Bagus"]
M_LAST_MID = ["Setiawan", "Santoso", "Prasetyo", "Susilo", "Hidayat", "Sugiarto", "Riyadi",
              "Susanto", "Widodo", "Cahyono", "Wibowo", "Fauzi", "Hartono", "Rahman", "Nasir",
              "Purwanto", "Suryanto", "Kurniawan", "Saputro", "Nugroho", "Haryono", "Wijaya",
              "Pamungkas", "Sulistyo", "Utomo", "Raharjo", "Firmansyah", "Mulyadi", "Hermawan",
              "Triyono", "Sutanto", "Kuncoro", "Ismail", "Syaifudin", "Rohman", "Maruf",
              "Subekti", "Wahyudi", "Priyanto", "Darmawan", "Junaedi", "Kusnadi"]
M_MONO_MID = ["Suryadi", "Sukirno", "Purwanto", "Haryanto", "Waluyo", "Wagiman", "Kuswanto",
              "Suroso", "Yanto", "Tarman", "Riyanto", "Sarwono", "Tukiman", "Kasiman",
              "Darmadi", "Rasimin", "Karyono", "Sunardi", "Kaswan", "Tarsim", "Wasito"]
M_FIRST_YOUNG = ["Muhammad", "Rizky", "Fajar", "Dimas", "Aditya", "Bayu", "Yoga", "Ilham",
                 "Rizal", "Andika", "Ahmad", "Wahyu", "Rendi", "Dani", "Arif", "Galih", "Restu",
                 "Fahrul", "Satria", "Reza", "Khoirul", "Nanda", "Agung", "Irfan", "Alif", "Dwi",
                 "Tri", "Feri", "Ardi", "Bagas", "Rafi", "Yusuf", "Hafiz", "Akbar", "Eko",
                 "Rangga", "Zaki", "Naufal", "Gilang", "Aji", "Fikri", "Hendra", "Lukman"]
M_LAST_YOUNG = ["Pratama", "Nugroho", "Saputra", "Ramadhan", "Setiawan", "Maulana", "Fahmi",
                "Putra", "Fikri", "Zaenuri", "Kurniawan", "Budiman", "Prakoso", "Aji", "Rozi",
                "Iqbal", "Wibowo", "Firmansyah", "Anam", "Prasetya", "Wicaksono", "Hakim",
                "Prasetyo", "Handoko", "Irawan", "Hidayatullah", "Syahputra", "Alfarizi",
                "Febrianto", "Ardiansyah", "Setyawan", "Rahmadani", "Aziz", "Hanafi",
                "Mubarok", "Santoso", "Riyadi", "Kusuma", "Adi Nugroho", "Nur Rohman"]
M_MONO_YOUNG = ["Ridwan", "Rohman", "Syaiful", "Misbah", "Sholeh", "Rohmat", "Taufan"]

F_FIRST_MID = ["Sri", "Dewi", "Nur", "Siti", "Endang", "Yuli", "Tri", "Eni", "Rina", "Ratna",
               "Nining", "Umi", "Khusnul", "Lilis", "Eti", "Tuti", "Susi", "Erna", "Yuyun",
               "Dwi", "Ani", "Wiwik", "Rini", "Titik", "Sumi", "Heni", "Eka", "Nanik", "Puji",
               "Retno", "Sulis", "Lina", "Ida", "Mamik", "Tutik", "Ning", "Rita"]
F_LAST_MID = ["Wahyuni", "Lestari", "Hidayah", "Nurjanah", "Rahayu", "Susilowati", "Astuti",
              "Wahyuningsih", "Purwati", "Marlina", "Sari", "Suryaningsih", "Hanik", "Khotimah",
              "Suryani", "Alawiyah", "Susanti", "Wati", "Yuningsih", "Handayani", "Rahmawati",
              "Setyowati", "Mulyani", "Haryati", "Sulistyowati", "Kurniasih", "Maesaroh",
              "Fatimah", "Aminah", "Indrawati", "Pujiastuti", "Ningsih", "Mardiyah", "Rohmah"]
F_MONO_MID = ["Suryani", "Sulastri", "Wartini", "Karsiti", "Tursini", "Kustiyah", "Mujiati",
              "Rohayati", "Warsiti", "Sumarni", "Daryati", "Rusmini", "Tarsih", "Casiyah",
              "Kasinah", "Rasiti", "Sutarsih", "Wasini", "Darsini"]
F_FIRST_YOUNG = ["Anisa", "Fitri", "Ayu", "Indah", "Wulan", "Eka", "Dina", "Nur", "Putri", "Dwi",
                 "Siti", "Rizki", "Novita", "Intan", "Della", "Laras", "Nadia", "Risma", "Tika",
                 "Amelia", "Devi", "Nurul", "Ulfa", "Yuni", "Linda", "Tri", "Alfina", "Kiki",
                 "Salsa", "Dian", "Rahma", "Aulia", "Nisa", "Vina", "Desi", "Sinta", "Lia",
                 "Elsa", "Maya", "Septi", "Anggi", "Mega", "Ika"]
F_LAST_YOUNG = ["Rahmawati", "Handayani", "Lestari", "Permatasari", "Sari", "Putri", "Mariana",
                "Aini", "Ayu", "Fitriani", "Azizah", "Amalia", "Permata", "Puspita",
                "Setyaningrum", "Safitri", "Yuliani", "Aisyah", "Anggraeni", "Fadilah",
                "Khoiriyah", "Kartika", "Wati", "Utami", "Nur Rohmah", "Oktaviani", "Maharani",
                "Pratiwi", "Febriani", "Ramadhani", "Nurhaliza", "Kusumawati", "Agustina",
                "Wulandari", "Hidayati", "Rahayu", "Nurjanah", "Lestari"]
F_MONO_YOUNG = ["Melati", "Lutfiana", "Septiani", "Sinta", "Salsabila", "Nurhayati", "Safira",
                "Ulfah", "Khoiriyah"]

OTHER_REGION = {
    "L": ["Asep Saepudin", "Dede Rohendi", "Ujang Suherman", "Hotman Sitorus",
          "Lalu Muhammad Zaini", "Andi Baso Tang", "I Made Sudarsana", "La Ode Ahmad",
          "Yohanes Manek", "Fransiskus Lewar", "Muhammad Ikhsan Lubis", "Rahmat Nasution",
          "Daeng Mappa", "Zulkarnain", "Syahrial", "Teuku Rizal", "Iwan Setiadi Pohan",
          "Agustinus Rahawarin", "Yosef Bria", "Rudianto Simanjuntak", "Mursalim",
          "Abdul Gani", "Hasanuddin", "Firdaus Ahmad", "Lalu Suparman"],
    "P": ["Euis Komariah", "Neneng Hasanah", "Baiq Nurhayati", "Ni Luh Putu Ayu",
          "Maria Goreti", "Rosmawati Siregar", "Cut Nurul", "Andi Nurfaidah",
          "Yuliana Ndun", "Nurlela", "Hasnah", "Wa Ode Sitti", "Imas Masitoh",
          "Baiq Rohani", "Juwita Sinaga", "Marlina Tanjung", "Oom Komalasari",
          "Yeni Marlina", "Ernawati Daeng"],
}


def compose(rng, sex, gen):
    """gen: 'mid' or 'young'. A given name of one, two or three parts."""
    if sex == "L":
        first, last, mono = ((M_FIRST_MID, M_LAST_MID, M_MONO_MID) if gen == "mid"
                             else (M_FIRST_YOUNG, M_LAST_YOUNG, M_MONO_YOUNG))
    else:
        first, last, mono = ((F_FIRST_MID, F_LAST_MID, F_MONO_MID) if gen == "mid"
                             else (F_FIRST_YOUNG, F_LAST_YOUNG, F_MONO_YOUNG))
    r = rng.random()
    if r < (0.3 if gen == "mid" else 0.1):
        return rng.choice(mono)
    a, b = rng.choice(first), rng.choice(last)
    while b.startswith(a) or a.startswith(b):
        b = rng.choice(last)
    if gen == "young" and r > 0.85:
        m = rng.choice(first)
        if m not in (a, b):
            return f"{a} {m} {b}"
    return f"{a} {b}"
