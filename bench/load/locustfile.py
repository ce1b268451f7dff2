"""A day at the office as locust users: officers at the counter, interviewers, supervisors.

Run by run.py (which prepares the office and the plan); alone:

    LOAD_PLAN=plan.json .venv/bin/locust -f bench/load/locustfile.py --headless \
        -u 10 -r 5 -t 60s --host http://127.0.0.1:8011

Each simulated officer signs in through the login form with the account the plan gives it
(the i-th user of a role takes the i-th account of that role), then works in a loop with a
pause of 1-4 s between steps, like a person reading the page:

- counter (40 %): searches the application list by a name, opens an application, opens the
  registration form and registers a new applicant (the service screens it at intake,
  watchlists included), looks at the counter's "registered" page and the screening queue;
- interviewer (40 %): opens the interview list, starts an interview on the next
  application dealt to them (from the application's page, as a person would), saves the
  session form a few times and finishes it; searches and opens applications between;
- supervisor (20 %): opens the sign-off queue, signs off the proposals dealt to them (the
  confirmation page, then the form), opens the reports page and applications.

Every request is named by its page type. A request fails when the answer is not what a
person would get: a server error, a refusal, or a form sent back with errors instead of the
redirect that follows a save. Traffic goes to the --host given (run.py: 127.0.0.1 only).
`LOAD_MAX_REQUESTS` bounds the count: the run stops when it is reached.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import gevent
from locust import HttpUser, between, events, task
from locust.env import Environment
from locust.exception import StopUser

PLAN: dict[str, Any] = json.loads(open(os.environ["LOAD_PLAN"]).read())  # noqa: SIM115
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "0"))
_accounts = {role: itertools.count() for role in PLAN["officers"]}
_lock = threading.Lock()
_numbers = itertools.count(1)
_sent = itertools.count(1)


_environment: list[Environment] = []


@events.init.add_listener
def _keep(environment: Environment, **_kwargs: Any) -> None:
    _environment.append(environment)


# Every request as (page type, milliseconds, failure or ""), written at the end for run.py
# (exact percentiles, every failure with its reason).
_record: list[tuple[str, float, str]] = []


@events.quitting.add_listener
def _write(**_kwargs: Any) -> None:
    results = os.environ.get("LOAD_RESULTS")
    if results:
        with open(results, "w") as out:
            json.dump(_record, out)


@events.request.add_listener
def _bounded(
    name: str, response_time: float, exception: BaseException | None = None, **_kwargs: Any
) -> None:
    """Record the request; stop everyone once the bound of requests is reached."""
    _record.append((name, response_time, "" if exception is None else str(exception)))
    if MAX_REQUESTS and next(_sent) == MAX_REQUESTS and _environment:
        runner = _environment[0].runner
        if runner is not None:
            gevent.spawn(runner.quit)


class _Forms(HTMLParser):
    """The fields of every form of a page, as a browser would send them unchanged."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[str, list[tuple[str, str]]]] = []
        self._select: str | None = None
        self._select_value: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append((a.get("action", ""), []))
        if not self.forms:
            return
        fields = self.forms[-1][1]
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button", "image", "file"):
                return
            fields.append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select, self._select_value, self._first_option = name, None, None
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in a:
                self._select_value = value
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None and self.forms:
            value = self._select_value if self._select_value is not None else self._first_option
            self.forms[-1][1].append((self._select, value or ""))
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self.forms:
            self.forms[-1][1].append((self._textarea, "".join(self._text).lstrip("\n")))
            self._textarea = None


def form(html: str, action: str) -> list[tuple[str, str]] | None:
    """The fields of the page's form whose action contains `action`."""
    parser = _Forms()
    parser.feed(html)
    for form_action, fields in parser.forms:
        if action in form_action:
            return fields
    return None


def problems(html: str) -> list[str]:
    """The form's error lists and error messages, as text."""
    found = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S)
    found += re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]+)<', html)
    texts = [" ".join(re.sub(r"<[^>]+>", " ", text).split()) for text in found]
    return [text for text in texts if text][:3]


def csrf(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


class Officer(HttpUser):
    abstract = True
    wait_time = between(1, 4)
    role = ""

    def on_start(self) -> None:
        with _lock:
            index = next(_accounts[self.role])
        accounts = PLAN["officers"][self.role]
        if index >= len(accounts):
            raise StopUser
        self.username = accounts[index]
        # As nginx talks to gunicorn (HTTP/1.0 by default): a connection per request.
        self.client.headers["Connection"] = "close"
        page = self.client.get("/login/", name="login form")
        with self.client.post(
            "/login/",
            data={
                "csrfmiddlewaretoken": csrf(page.text),
                "username": self.username,
                "password": PLAN["password"],
            },
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"login refused ({answer.status_code})")
                raise StopUser

    def get(self, url: str, name: str) -> Any:
        with self.client.get(url, name=name, catch_response=True) as answer:
            if answer.status_code != 200:
                answer.failure(f"{answer.status_code} on {url}")
            return answer

    def post_form(self, url: str, fields: list[tuple[str, str]], name: str, then: str) -> Any:
        """Send a form and follow its redirect as a browser does (the page named `then`).

        Success is the redirect that follows a save, to a page without an error message
        (a 200 is the form sent back with errors; a stale version redirects with one).
        """
        with self.client.post(
            url, data=fields, name=name, allow_redirects=False, catch_response=True
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"{answer.status_code} on {url}: {problems(answer.text)}")
                return answer
            location = answer.headers["Location"]
            with self.client.get(location, name=then, catch_response=True) as page:
                if page.status_code != 200:
                    page.failure(f"{page.status_code} on {location}")
                elif 'class="message error"' in page.text:
                    answer.failure(f"refused, said on {location}: {problems(page.text)}")
            return answer

    def search(self) -> None:
        term = random.choice(PLAN["search"])
        self.get(f"/applications/?q={term}", "search")

    def open_application(self, number: str | None = None) -> Any:
        number = number or random.choice(PLAN["open"])
        return self.get(f"/applications/{number}/", "application")


class CounterOfficer(Officer):
    role = "intake_officer"
    fixed_count = len(PLAN["officers"][role])

    @task(3)
    def search_and_open(self) -> None:
        self.search()
        self.open_application()

    @task(2)
    def register(self) -> None:
        page = self.get("/applications/new/", "registration form")
        serial = next(_numbers)
        day = 1 + serial % 28
        month = 1 + (serial // 28) % 12
        birth = f"19{80 + serial % 20}-{month:02d}-{day:02d}"
        nik = f"330101{day + 40:02d}{month:02d}{80 + serial % 20:02d}{serial % 10000:04d}"
        fields = [
            ("csrfmiddlewaretoken", csrf(page.text)),
            ("nik", nik),
            ("full_name", random.choice(PLAN["search"]) + " Uji Beban"),
            ("sex", "P"),
            ("birth_place", "Cilacap"),
            ("birth_date", birth),
            ("phone", f"0812{serial:08d}"),
            ("address", "Dusun Karanganyar RT 02/RW 04"),
            ("village", "33.01.01.2001"),
            ("education", "SMA"),
            ("occupation", "Ibu Rumah Tangga"),
            ("marital_status", "Kawin"),
            ("application_no", f"CLP-2026-{900000 + serial}"),
            ("submitted_on", "2026-12-07"),
            ("application_type", "new"),
            ("purpose", "tourism"),
            ("destination_country", "MY"),
            ("intended_departure", "2027-01-15"),
            ("return_ticket", "yes"),
            *[("documents", d) for d in ("ktp", "kk", "akta_lahir", "tiket_pulang")],
        ]
        self.post_form("/applications/new/", fields, "register", then="registered page")

    @task(1)
    def screening_queue(self) -> None:
        self.get("/screening/", "screening queue")


class Interviewer(Officer):
    role = "interviewer"
    fixed_count = len(PLAN["officers"][role])

    def on_start(self) -> None:
        super().on_start()
        self.todo: Iterator[str] = iter(PLAN["interviews"].get(self.username, []))
        self.session: str | None = None
        self.saves = 0

    @task(5)
    def interview(self) -> None:
        if self.session is None:
            number = next(self.todo, None)
            if number is None:
                self.get("/interviews/", "interview list")
                return
            page = self.open_application(number)
            fields = form(page.text, f"/interviews/start/{number}/")
            if fields is None:
                page.failure(f"no interview start form on {number}")
                return
            answer = self.post_form(
                f"/interviews/start/{number}/", fields, "start interview", then="interview"
            )
            if answer.status_code != 302:
                return
            self.session = answer.headers["Location"].rstrip("/").split("/")[-1]
            self.saves = random.randint(2, 5)
        url = f"/interviews/{self.session}/"
        page = self.get(url, "interview")
        fields = form(page.text, f"{url}save/")
        if fields is None:
            page.failure(f"no session form on {url}")
            self.session = None
            return
        self.saves -= 1
        fields = [(k, v) for k, v in fields if k != "notes"]
        fields.append(("notes", f"Catatan wawancara, simpanan ke-{5 - self.saves}."))
        if self.saves <= 0:
            fields.append(("finish", "1"))
            self.session = None
        self.post_form(f"{url}save/", fields, "interview save", then="interview")

    @task(1)
    def browse(self) -> None:
        self.get("/interviews/", "interview list")
        self.search()
        self.open_application()


class Supervisor(Officer):
    role = "supervisor"
    fixed_count = len(PLAN["officers"][role])

    def on_start(self) -> None:
        super().on_start()
        self.todo: Iterator[int] = iter(PLAN["sign_offs"].get(self.username, []))

    @task(3)
    def sign_off(self) -> None:
        self.get("/decisions/", "sign-off queue")
        decision = next(self.todo, None)
        if decision is None:
            return
        page = self.get(f"/decisions/{decision}/sign-off/confirm/", "sign-off confirmation")
        fields = form(page.text, f"/decisions/{decision}/sign-off/")
        if fields is None:
            page.failure(f"no sign-off form for decision {decision}")
            return
        self.post_form(
            f"/decisions/{decision}/sign-off/", fields, "sign-off", then="sign-off queue"
        )

    @task(1)
    def report(self) -> None:
        self.get("/reports/", "report page")

    @task(2)
    def look(self) -> None:
        self.search()
        self.open_application()
