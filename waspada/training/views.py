"""The training area (/training/): modules, exercises, the interview simulator,
assignments, certificates and the readiness page."""

from __future__ import annotations

import random
from typing import TypeVar

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from waspada.core import jobs
from waspada.core.access import requires
from waspada.core.forms import id_from_query
from waspada.core.models import User
from waspada.core.policy import Action, can
from waspada.domain.training_families import FAMILY_KEYS, family_of
from waspada.screening.questions import language_key, question_texts
from waspada.training import queries, services
from waspada.training.forms import (
    AssignForm,
    DecideFields,
    ExerciseForm,
    GenerateForm,
    ModuleForm,
    ObserveForm,
    RevokeForm,
)
from waspada.training.models import (
    Certificate,
    Exercise,
    ExerciseAttempt,
    GenerationRun,
    Simulation,
)
from waspada.training.pdf import certificate_pdf

QUESTION_CHOICES = 10


def _lang() -> str:
    return language_key(get_language())


def _user(request: HttpRequest) -> User:
    """The signed-in user (every view here requires one)."""
    assert isinstance(request.user, User)
    return request.user


_M = TypeVar("_M", ExerciseAttempt, Simulation)


def _own(queryset: QuerySet[_M], request: HttpRequest, pk: int) -> _M:
    """A trainee's own attempt or simulation (a colleague's is refused)."""
    found = get_object_or_404(queryset, pk=pk)
    if found.trainee_id != request.user.pk:
        raise PermissionDenied
    return found


def _family_or_404(family: str) -> str:
    if family not in FAMILY_KEYS:
        raise Http404
    return family


@requires(Action.TAKE_TRAINING)
def training_home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    modules = services.modules()
    states = {m.family: services.valid_certificate(user, m) for m in modules}
    return render(
        request,
        "training/home.html",
        {
            "modules": [(m, states[m.family]) for m in modules],
            "assignments": services.open_assignments(user),
            "certificates": services.certificates_of(user),
            "attempts": ExerciseAttempt.objects.filter(trainee=user).select_related("exercise")[
                :10
            ],
            "simulations": Simulation.objects.filter(trainee=user)[:10],
            "today": timezone.localdate(),
            "can_manage": can(user, Action.MANAGE_TRAINING),
        },
    )


@requires(Action.TAKE_TRAINING)
def training_module(request: HttpRequest, family: str) -> HttpResponse:
    target = services.module(_family_or_404(family))
    content = queries.module_content(target, _lang())
    refresher = sorted(
        {
            code
            for a in services.open_assignments(request.user)  # type: ignore[arg-type]
            if a.module_id == target.pk
            for code in a.refresher_codes
        }
    )
    return render(
        request,
        "training/module.html",
        {
            "module": target,
            "content": content,
            "refresher": refresher,
            "exercises": Exercise.objects.filter(family=target.family).count(),
            "can_manage": can(request.user, Action.MANAGE_TRAINING),
        },
    )


@requires(Action.MANAGE_TRAINING)
def training_module_edit(request: HttpRequest, family: str) -> HttpResponse:
    target = services.module(_family_or_404(family))
    form = ModuleForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        services.edit_module(
            target,
            introduction=form.cleaned_data["introduction"],
            pass_threshold=form.cleaned_data["pass_threshold"],
            required_exercises=form.cleaned_data["required_exercises"],
            acting_user=request.user,  # type: ignore[arg-type]
            request=request,
        )
        messages.success(request, _("The module was saved."))
        return redirect("training_module", family=target.family)
    return render(request, "training/module_edit.html", {"module": target, "form": form})


@requires(Action.TAKE_TRAINING)
def training_exercise_list(request: HttpRequest) -> HttpResponse:
    family = request.GET.get("family", "")
    exercises = Exercise.objects.order_by("id")
    if family in FAMILY_KEYS:
        exercises = exercises.filter(family=family)
    else:
        family = ""
    mine = dict(
        ExerciseAttempt.objects.filter(trainee=_user(request))
        .order_by("exercise_id", "total")
        .values_list("exercise_id", "total")
    )
    page = exercises.only("id", "family", "case")[:100]
    return render(
        request,
        "training/exercise_list.html",
        {
            "rows": [(e, mine.get(e.pk)) for e in page],
            "family": family,
            "families": services.modules(),
        },
    )


def _choices(exercise: Exercise) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    language = _lang()
    titles = queries.indicator_titles(language)
    indicators = [(code, f"{code} {title}") for code, title in titles.items()]
    bank = services.bank()
    matter = list(exercise.questions)
    others = [q for q, _ in bank if q not in matter]
    rng = random.Random(exercise.pk)
    shown = matter + rng.sample(others, min(len(others), max(0, QUESTION_CHOICES - len(matter))))
    rng.shuffle(shown)
    texts = {q["code"]: q["text"] for q in question_texts(shown, language)}
    return indicators, [(q, texts.get(q, q)) for q in shown]


@requires(Action.TAKE_TRAINING)
def training_exercise(request: HttpRequest, exercise_id: int) -> HttpResponse:
    exercise = get_object_or_404(Exercise, pk=exercise_id)
    indicators, questions = _choices(exercise)
    form = ExerciseForm(request.POST or None, indicators=indicators, questions=questions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        attempt = services.submit_attempt(
            exercise,
            trainee=request.user,  # type: ignore[arg-type]
            indicators=data["indicators"],
            questions=data["questions"],
            outcome=data["outcome"],
            reason=data["reason"],
            seconds=data.get("seconds") or 0,
        )
        return redirect("training_attempt", attempt_id=attempt.pk)
    return render(
        request,
        "training/exercise.html",
        {
            "exercise": exercise,
            "form": form,
            "choice_fields": ("indicators", "questions", "outcome"),
        },
    )


@requires(Action.TAKE_TRAINING)
def training_attempt(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = _own(ExerciseAttempt.objects.select_related("exercise"), request, attempt_id)
    language = _lang()
    titles = queries.indicator_titles(language)
    policy_texts = {q["code"]: q for q in question_texts(attempt.exercise.questions, language)}
    return render(
        request,
        "training/attempt.html",
        {
            "attempt": attempt,
            "exercise": attempt.exercise,
            "feedback": [
                {
                    "kind": kind,
                    "subject": subject,
                    "title": titles.get(subject, ""),
                    "question": policy_texts.get(subject),
                }
                for kind, subject in attempt.feedback
            ],
        },
    )


@require_POST
@requires(Action.TAKE_TRAINING)
def training_simulation_start(request: HttpRequest) -> HttpResponse:
    exercise_id = id_from_query(request.POST.get("exercise"))
    exercise = Exercise.objects.filter(pk=exercise_id).first() if exercise_id else None
    sim = services.start_simulation(
        request.user,  # type: ignore[arg-type]
        exercise=exercise,
        seed=random.SystemRandom().randrange(1 << 30),
    )
    return redirect("training_simulation", simulation_id=sim.pk)


@requires(Action.TAKE_TRAINING)
def training_simulation(request: HttpRequest, simulation_id: int) -> HttpResponse:
    sim = _own(Simulation.objects.all(), request, simulation_id)
    language = _lang()
    titles = queries.indicator_titles(language)
    indicator_choices = [(code, f"{code} {title}") for code, title in titles.items()]
    observe = ObserveForm(
        request.POST if request.POST.get("action") == "record" else None,
        indicators=indicator_choices,
        initial={"observed": sim.observed, "notes": sim.notes},
    )
    decide = DecideFields(request.POST if request.POST.get("action") == "finish" else None)
    if request.method == "POST" and sim.finished_at is None:
        action = request.POST.get("action")
        if action == "ask":
            services.ask(sim, request.POST.get("question", ""))
            return redirect(f"{request.path}#transcript")
        if action == "record" and observe.is_valid():
            services.record(
                sim, observed=observe.cleaned_data["observed"], notes=observe.cleaned_data["notes"]
            )
            messages.success(request, _("Your observations were recorded."))
            return redirect("training_simulation", simulation_id=sim.pk)
        if action == "finish" and decide.is_valid():
            services.finish_simulation(
                sim, outcome=decide.cleaned_data["outcome"], reason=decide.cleaned_data["reason"]
            )
            return redirect("training_simulation", simulation_id=sim.pk)
    script = services.script_for(sim)
    bank = services.bank()
    texts = {q["code"]: q["text"] for q in question_texts([q for q, _ in bank], language)}
    asked = {q for q, _ in sim.asked}
    groups: dict[str, list[dict[str, str]]] = {key: [] for key in FAMILY_KEYS}
    for question, indicator in bank:
        if question not in asked:
            groups[family_of(indicator)].append({"code": question, "text": texts.get(question, "")})
    transcript = [
        {
            "code": q,
            "question": texts.get(q, q),
            "answer": script[q].answer[language] if q in script else "",
        }
        for q, _ in sim.asked
    ]
    return render(
        request,
        "training/simulation.html",
        {
            "sim": sim,
            "groups": [(m, groups[m.family]) for m in services.modules()],
            "transcript": transcript,
            "observe": observe,
            "decide": decide,
            "titles": titles,
        },
    )


@requires(Action.MANAGE_TRAINING)
def training_generate(request: HttpRequest) -> HttpResponse:
    form = GenerateForm(request.POST or None, initial={"count": 100})
    if request.method == "POST" and form.is_valid():
        run = services.queue_generation(
            form.cleaned_data["count"],
            acting_user=request.user,  # type: ignore[arg-type]
            request=request,
        )
        return redirect("training_generation_run", run_id=run.pk)
    return render(
        request,
        "training/generate.html",
        {
            "form": form,
            "runs": GenerationRun.objects.select_related("created_by")[:20],
            "exercises": Exercise.objects.count(),
        },
    )


@requires(Action.MANAGE_TRAINING)
def training_generation_run(request: HttpRequest, run_id: int) -> HttpResponse:
    run = get_object_or_404(GenerationRun, pk=run_id)
    return jobs.render_status_page(request, "training/generation_run.html", {"run": run})


@requires(Action.MANAGE_TRAINING)
def training_assignments(request: HttpRequest) -> HttpResponse:
    from waspada.training.models import Assignment

    officers = User.objects.filter(pk__in=[u.pk for u in services.trainees()]).order_by("username")
    services.modules()
    form = AssignForm(request.POST or None, officers=officers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = services.assign(
            data["module"],
            due_on=data["due_on"],
            acting_user=request.user,  # type: ignore[arg-type]
            officers=data["officers"],
            role=data["role"],
            request=request,
        )
        messages.success(request, _("%(count)d assignment(s) made.") % {"count": len(made)})
        return redirect("training_assignments")
    return render(
        request,
        "training/assignments.html",
        {
            "form": form,
            "assignments": Assignment.objects.select_related("module", "officer").order_by(
                "-created_at"
            )[:100],
            "certificates": Certificate.objects.select_related("module", "officer")[:100],
            "today": timezone.localdate(),
        },
    )


def training_certificate_pdf(request: HttpRequest, certificate_id: int) -> HttpResponse:
    """The officer's own certificate; supervisors and readers of readiness see any."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    certificate = get_object_or_404(
        Certificate.objects.select_related("module", "officer"), pk=certificate_id
    )
    own = certificate.officer_id == request.user.pk and can(request.user, Action.TAKE_TRAINING)
    if not own and not can(request.user, Action.VIEW_READINESS):
        raise PermissionDenied
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    filename = certificate.number.replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


@require_POST
@requires(Action.MANAGE_TRAINING)
def training_certificate_revoke(request: HttpRequest, certificate_id: int) -> HttpResponse:
    certificate = get_object_or_404(Certificate, pk=certificate_id)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for revoking (at least 5 characters)."))
    elif certificate.revoked_at is not None:
        messages.error(request, _("This certificate was already revoked."))
    else:
        services.revoke_certificate(
            certificate,
            reason=form.cleaned_data["reason"],
            acting_user=request.user,  # type: ignore[arg-type]
            request=request,
        )
        messages.success(request, _("The certificate was revoked."))
    return redirect("training_assignments")


@requires(Action.VIEW_READINESS)
def training_readiness(request: HttpRequest) -> HttpResponse:
    data = queries.readiness()
    titles = queries.indicator_titles(_lang())
    return render(
        request,
        "training/readiness.html",
        {
            **data,
            "missed": [(code, titles.get(code, ""), a, b) for code, a, b in data["missed"]],
            "figures": queries.figures(
                timezone.localdate().replace(month=1, day=1), timezone.localdate()
            ),
        },
    )
