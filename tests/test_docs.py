"""docs/ says what the code does: generated pages are current, the formats page is complete,
the user guide shows exactly the screenshots the browser tests take."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from tests.browser.helpers import SCREENSHOTS
from waspada.applications.exchange import COLUMNS
from waspada.core import backup
from waspada.core.policy import Action
from waspada.core.role_table import ACTION_TEXT, render_role_table
from waspada.domain.documents import DOCUMENT_CODES, PURPOSES
from waspada.screening.catalogue import POLICY_FILE, catalogue_from_files

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.mark.parametrize(
    ("page", "render", "command"),
    [
        ("indicators.md", catalogue_from_files, "indicator-catalogue"),
        ("roles.md", render_role_table, "role-table"),
    ],
)
def test_generated_page_matches_the_code(page: str, render: object, command: str) -> None:
    assert callable(render)
    committed = (DOCS / page).read_text(encoding="utf-8")
    assert committed == render(), (
        f"docs/{page} is stale: run `waspada {command} --out docs/{page}` and commit it."
    )


def test_the_command_writes_the_page(tmp_path: Path) -> None:
    out = tmp_path / "indicators.md"
    call_command("indicator_catalogue", out=out)
    assert out.read_text(encoding="utf-8") == catalogue_from_files()


def test_catalogue_lists_every_indicator_of_the_policy_with_its_weight() -> None:
    policy = yaml.safe_load(POLICY_FILE.read_text(encoding="utf-8"))
    catalogue = catalogue_from_files()
    for code, spec in policy["indicators"].items():
        assert f"### {code} {spec['title']['en']}" in catalogue
        assert f"weight {spec['weight']};" in catalogue


def test_roles_page_says_in_words_what_every_action_allows() -> None:
    assert {action.value for action in Action} <= set(ACTION_TEXT)
    sign_off = next(
        line for line in render_role_table().splitlines() if "`decisions.sign_off`" in line
    )
    assert "never on their own proposal (four eyes)" in sign_off
    # Columns: intake officer, interviewer, supervisor, head of office, admin, auditor, partner.
    assert sign_off.split("|")[3:10] == ["  ", "  ", " yes ", " yes ", "  ", "  ", "  "]


def test_exchange_format_page_names_every_column_purpose_and_document_code() -> None:
    page = (DOCS / "exchange-format.md").read_text(encoding="utf-8")
    for code in (*COLUMNS, *PURPOSES, *DOCUMENT_CODES):
        assert f"`{code}`" in page, code


def test_the_configuration_page_names_every_setting_the_code_reads() -> None:
    settings_source = (DOCS.parent / "waspada" / "settings.py").read_text(encoding="utf-8")
    read = set(re.findall(r"env_\w+\(\s*\"([A-Z_]+)\"", settings_source))
    read.add(backup.PASSPHRASE_VARIABLE)
    assert {"DATABASE_URL", "WASPADA_IMPORT_RETENTION_DAYS", "WASPADA_LOG_FORMAT"} <= read
    page = (DOCS / "configuration.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", page, re.M))
    assert read - documented == set(), "add these settings to docs/configuration.md"
    assert documented - read == set(), "docs/configuration.md names settings nobody reads"


def test_the_operator_pages_link_to_each_other_and_exist() -> None:
    pages = ("install.md", "upgrade.md", "configuration.md", "backup-restore.md", "incidents.md")
    for page in pages:
        text = (DOCS / page).read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#:]+)\)", text):
            assert (DOCS / target).exists(), f"docs/{page} links to a missing {target}"
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    for page in ("install", "upgrade", "configuration", "backup-restore", "incidents"):
        assert f"(docs/{page}.md)" in readme


GUIDE = DOCS / "panduan"
BROWSER_TESTS = DOCS.parent / "tests" / "browser"


def _guide_images() -> dict[str, set[str]]:
    """Every image each page of the user guide shows, by page."""
    return {
        page.name: set(re.findall(r"!\[[^\]]*\]\(([^)]+)\)", page.read_text(encoding="utf-8")))
        for page in sorted(GUIDE.glob("*.md"))
    }


def test_every_image_the_user_guide_shows_exists() -> None:
    shown = _guide_images()
    assert sum(map(len, shown.values())) >= len(SCREENSHOTS)
    for page, images in shown.items():
        for image in images:
            assert (GUIDE / image).is_file(), f"docs/panduan/{page} shows a missing {image}"


def test_every_screenshot_the_browser_tests_take_is_in_the_user_guide() -> None:
    shown = set().union(*_guide_images().values())
    taken = {f"gambar/{name}.jpg" for name in SCREENSHOTS}
    assert taken - shown == set(), "show these screenshots in docs/panduan"
    assert shown - taken == set(), "no browser test takes these screenshots"
    kept = {f"gambar/{path.name}" for path in (GUIDE / "gambar").iterdir()}
    assert kept == taken, "refresh docs/panduan/gambar with `make screenshots`"
    # And each name is one a browser test asks for (snap refuses names not listed).
    sources = "".join(path.read_text(encoding="utf-8") for path in BROWSER_TESTS.glob("test_*.py"))
    assert {name for name in SCREENSHOTS if f'"{name}"' not in sources} == set()


def test_the_user_guide_links_its_pages_and_is_linked_from_the_readmes() -> None:
    for page in GUIDE.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#:]+\.md)\)", text):
            assert (GUIDE / target).exists(), f"docs/panduan/{page.name} links to {target}"
    index = (GUIDE / "README.md").read_text(encoding="utf-8")
    pages = {page.name for page in GUIDE.glob("*.md")} - {"README.md"}
    assert {page for page in pages if f"]({page})" not in index} == set()
    assert "(docs/panduan/README.md)" in (DOCS.parent / "README.md").read_text(encoding="utf-8")
    assert "(panduan/README.md)" in (DOCS / "README.md").read_text(encoding="utf-8")
