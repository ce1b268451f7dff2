"""Indonesian administrative regions (Kepmendagri codes) and the office's working area."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("Province")
    REGENCY = "regency", _("Regency / city")
    DISTRICT = "district", _("District (kecamatan)")
    VILLAGE = "village", _("Village (desa / kelurahan)")


class Region(models.Model):
    """One region; the dotted code is the key (e.g. 33.01.01.2001)."""

    code = models.CharField(_("code"), max_length=13, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Office(models.Model):
    """The immigration office this installation serves, and its working area."""

    name = models.CharField(_("name"), max_length=200)
    regencies = models.ManyToManyField(
        Region,
        verbose_name=_("working area (regencies and cities)"),
        limit_choices_to={"level": Level.REGENCY},
        related_name="+",
    )
    # Letterhead and letter numbering of the official letters (decisions app).
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    city = models.CharField(_("city (for dating letters)"), max_length=100, default="Cilacap")
    head_name = models.CharField(_("head of office"), max_length=200, blank=True)
    head_nip = models.CharField(_("head of office NIP"), max_length=30, blank=True)
    letter_number_format = models.CharField(
        _("letter number format"),
        max_length=120,
        default="W13.IMI.IMI.3-{number}.GR.02.06.{year}",
        help_text=_("{number} is the letter's sequence number within the year, {year} the year."),
    )
    # Covering letters of referrals: empty, numbered in the series of the office's other
    # letters (with `letter_number_format`); else their own series in this format.
    covering_letter_number_format = models.CharField(
        _("covering letter number format"),
        max_length=120,
        blank=True,
        # A database default: processes still running the previous version during an
        # upgrade (and older migration states) insert offices without this column.
        db_default="",
        help_text=_("Empty: covering letters take their numbers from the office's letter numbers."),
    )
    deferral_days = models.PositiveSmallIntegerField(
        _("days to complete documents after a deferral"), default=30
    )

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    def __str__(self) -> str:
        return self.name
