from django.urls import path

from waspada.watchlists import views

urlpatterns = [
    path("", views.watchlist_list, name="watchlist_list"),
    path("new/", views.watchlist_create, name="watchlist_create"),
    path("import/", views.watchlist_import, name="watchlist_import"),
    path("matches/", views.match_queue, name="watchlist_match_queue"),
    path("matches/<int:match_id>/review/", views.match_review, name="watchlist_match_review"),
    path("<int:watchlist_id>/", views.watchlist_detail, name="watchlist_detail"),
    path("<int:watchlist_id>/edit/", views.watchlist_edit, name="watchlist_edit"),
    path("<int:watchlist_id>/entries/new/", views.entry_add, name="watchlist_entry_add"),
    path("entries/<int:entry_id>/", views.entry_edit, name="watchlist_entry_edit"),
    path(
        "entries/<int:entry_id>/deactivate/",
        views.entry_deactivate,
        name="watchlist_entry_deactivate",
    ),
]
