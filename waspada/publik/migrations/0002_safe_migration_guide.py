"""The safe-migration guide: a special page of the article editor, seeded here, published at
once, and edited by the office afterwards like any article."""

from django.db import migrations
from django.utils import timezone

SLUG = "panduan-migrasi-aman"

TITLE = "Panduan bekerja ke luar negeri secara aman"
SUMMARY = (
    "Jalur resmi menjadi Pekerja Migran Indonesia: Disnaker, P3MI berizin, pelatihan, "
    "rekomendasi, paspor, keberangkatan - dan ke mana mengadu."
)
BODY = """Bekerja di luar negeri adalah hak setiap warga negara. Agar terlindungi, berangkatlah
melalui jalur resmi. Setiap tahap di bawah ini gratis atau biayanya tercatat resmi;
tidak ada tahap yang boleh dilewati.

## Jalur resmi, langkah demi langkah

1. **Daftar di Dinas Tenaga Kerja (Disnaker) kabupaten/kota.** Bawa KTP, Kartu Keluarga,
   ijazah, dan surat izin dari suami/istri atau orang tua. Disnaker mencatat Anda sebagai
   calon Pekerja Migran Indonesia (CPMI) dan menunjukkan lowongan yang resmi terdaftar.
2. **Pilih perusahaan penempatan (P3MI) yang berizin.** Tanyakan nama dan nomor izinnya,
   lalu periksa ke Disnaker atau situs BP2MI. Lowongan (job order) dan calon majikan
   harus sudah terdaftar. Jalur lain yang sah adalah program pemerintah (G to G) melalui
   BP2MI.
3. **Ikuti pemeriksaan kesehatan dan pelatihan.** Pelatihan kerja dan Orientasi Pra
   Pemberangkatan (OPP) menjelaskan hak Anda, kontrak kerja, dan cara meminta bantuan di
   negara tujuan.
4. **Terima rekomendasi paspor dari Disnaker.** Kantor Imigrasi menerbitkan paspor untuk
   bekerja berdasarkan rekomendasi ini.
5. **Tanda tangani perjanjian kerja di hadapan pejabat.** Baca gaji, jam kerja, hari
   libur, dan lama kontrak. Simpan salinannya. Berangkat dengan **visa kerja**, dengan
   jaminan sosial (BPJS Ketenagakerjaan).
6. **Berangkat dan lapor diri.** Catat nomor KBRI/KJRI di negara tujuan dan laporkan
   kedatangan Anda.

## Tanda-tanda bahaya

- Diminta berangkat dengan **visa turis, visa kunjungan, atau visa umrah** yang katanya
  "nanti diurus di sana".
- Membayar uang kepada **perseorangan** (sponsor, calo) tanpa kuitansi resmi.
- **Tidak ada perjanjian kerja** sebelum berangkat.
- Gaji yang ditawarkan **terlalu tinggi** untuk pekerjaan itu, proses "cepat", tanpa
  pelatihan.
- Pekerjaan **penata laksana rumah tangga** pada pengguna perseorangan di negara-negara
  Timur Tengah dan Afrika Utara: penempatannya dihentikan sejak 2015 (Kepmenaker
  260/2015).
- Lowongan "admin", "customer service" atau "operator online" di **Kamboja, Myanmar,
  Laos, atau Thailand**: tidak ada perjanjian penempatan dengan negara-negara ini, dan
  banyak korban dipaksa bekerja di tempat penipuan daring.
- Paspor atau dokumen Anda diminta untuk "disimpan" oleh perekrut.

Bagi pekerjaan rumah tangga, pengasuh, pekerja perkebunan, dan awak kapal perikanan,
**biaya penempatan tidak boleh dibebankan kepada pekerja** (UU 18/2017, Peraturan BP2MI
9/2020).

## Ke mana bertanya dan mengadu

- **Disnaker kabupaten/kota**: pendaftaran, lowongan resmi, daftar P3MI berizin.
- **BP2MI**: layanan pengaduan 24 jam, bebas pulsa **0800-1000**; dari luar negeri
  +62 21 2924 4800.
- **Kementerian Ketenagakerjaan**: call center **1500-630**.
- **Polisi**: **110** bila Anda atau keluarga dalam bahaya, ditahan, atau dipaksa bekerja.
- **SAPA 129** (KemenPPPA): perempuan dan anak korban kekerasan atau perdagangan orang.
- **Kantor Imigrasi**: kami menjelaskan paspor dan pemeriksaan saat permohonan. Anda juga
  dapat [melaporkan tawaran yang mencurigakan](/publik/lapor/) tanpa menyebut nama.

Ragu dengan sebuah tawaran? [Periksa tawaran kerja](/publik/cek-lowongan/) sebelum
membayar atau menyerahkan dokumen.
"""

TITLE_EN = "A guide to working abroad safely"
SUMMARY_EN = (
    "The official path to work abroad as an Indonesian migrant worker: Disnaker, a licensed "
    "placement agency, training, the recommendation, the passport, departure - and where "
    "to get help."
)
BODY_EN = """Working abroad is every citizen's right. To be protected, go the official way.
Each step below is free or has an officially recorded cost; none may be skipped.

## The official path, step by step

1. **Register at the manpower office (Disnaker) of your regency or city.** Bring your ID
   card, family card, school certificate and the consent of your spouse or parents.
   Disnaker registers you as a prospective migrant worker and shows the registered
   vacancies.
2. **Choose a licensed placement agency (P3MI).** Ask for its name and licence number and
   check them with Disnaker or on the BP2MI website. The job order and the employer must be
   registered. The other lawful path is a government-to-government programme through
   BP2MI.
3. **Take the medical check and the training.** The job training and the pre-departure
   orientation explain your rights, the work agreement and how to get help abroad.
4. **Get the passport recommendation from Disnaker.** The immigration office issues a
   passport for work on this recommendation.
5. **Sign the work agreement in front of an official.** Read the pay, working hours, days
   off and length of the contract. Keep a copy. Travel on a **work visa**, with social
   security (BPJS Ketenagakerjaan).
6. **Leave and report yourself.** Note the number of the Indonesian embassy or consulate
   in the destination country and report your arrival.

## Warning signs

- You are told to travel on a **tourist, visit or umrah visa** "to be sorted out there".
- You pay money to **a person** (a sponsor, a calo) without an official receipt.
- **No work agreement** before departure.
- Pay that is **too high** for the job, a "fast" process, no training.
- **Domestic work** for private employers in the Middle East and North Africa: closed
  since 2015 (Kepmenaker 260/2015).
- "Admin", "customer service" or "online operator" jobs in **Cambodia, Myanmar, Laos or
  Thailand**: there is no placement agreement with these countries, and many victims are
  forced to work in online-scam compounds.
- The recruiter asks to "keep" your passport or documents.

Domestic workers, caregivers, plantation workers and fishing crew **must not be charged
placement costs** (UU 18/2017, BP2MI regulation 9/2020).

## Where to ask and complain

- **Disnaker of your regency or city**: registration, official vacancies, licensed agencies.
- **BP2MI**: 24-hour complaints line, toll-free **0800-1000**; from abroad
  +62 21 2924 4800.
- **Ministry of Manpower**: call centre **1500-630**.
- **Police**: **110** when you or your family are in danger, held or forced to work.
- **SAPA 129** (Ministry of Women's Empowerment and Child Protection): women and children
  who suffer violence or trafficking.
- **The immigration office**: we explain the passport and the checks at application. You
  can also [report a suspicious offer](/publik/lapor/) without giving your name.

Unsure about an offer? [Check the job offer](/publik/cek-lowongan/) before you pay or hand
over documents.
"""


def seed(apps, schema_editor):
    Article = apps.get_model("publik", "Article")
    if Article.objects.filter(slug=SLUG).exists():
        return
    Article.objects.create(
        kind="guide",
        slug=SLUG,
        title=TITLE,
        title_en=TITLE_EN,
        summary=SUMMARY,
        summary_en=SUMMARY_EN,
        body=BODY,
        body_en=BODY_EN,
        publish_at=timezone.now(),
    )


def unseed(apps, schema_editor):
    apps.get_model("publik", "Article").objects.filter(slug=SLUG, kind="guide").delete()


class Migration(migrations.Migration):
    dependencies = [("publik", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
