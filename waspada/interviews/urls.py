from django.urls import URLPattern, path

from waspada.applications import converters  # noqa: F401  (registers <appno:>)
from waspada.interviews import views
from waspada.interviews.views import bank as bank_views

urlpatterns: list[URLPattern] = [
    path("", views.interview_list, name="interview_list"),
    path("waiting/", views.interview_waiting, name="interview_waiting"),
    path("assign/<appno:application_no>/", views.interview_assign, name="interview_assign"),
    path("start/<appno:application_no>/", views.interview_start, name="interview_start"),
    path("<int:session_id>/", views.interview_session, name="interview_session"),
    path("<int:session_id>/save/", views.interview_save, name="interview_save"),
    path("<int:session_id>/autosave/", views.interview_autosave, name="interview_autosave"),
    path("<int:session_id>/take-over/", views.interview_take_over, name="interview_take_over"),
    path("questions/", bank_views.question_bank_list, name="question_bank_list"),
    path("questions/draft/", bank_views.question_bank_draft, name="question_bank_draft"),
    path("questions/v<int:number>/", bank_views.question_bank_detail, name="question_bank_detail"),
    path(
        "questions/v<int:number>/add/",
        bank_views.question_bank_question_add,
        name="question_bank_question_add",
    ),
    # Before the question pages: "publish" is not a question code.
    path(
        "questions/v<int:number>/publish/",
        bank_views.question_bank_publish,
        name="question_bank_publish",
    ),
    path(
        "questions/v<int:number>/<str:code>/",
        bank_views.question_bank_question_edit,
        name="question_bank_question_edit",
    ),
    path(
        "questions/v<int:number>/<str:code>/toggle/",
        bank_views.question_bank_question_toggle,
        name="question_bank_question_toggle",
    ),
]
