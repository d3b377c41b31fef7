from django.urls import path, register_converter

from sharedservices.programme import views


class RecordId:
    """A database id: at most 18 digits, so an absurd number answers 404 rather than
    overflowing the database's integer (SQLite raises on it)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


register_converter(RecordId, "record_id")

app_name = "programme"
programme = "<record_id:pk>/"
opportunity = "opportunities/<record_id:pk>/"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.programme_create, name="programme-create"),
    path(programme, views.programme, name="programme"),
    path(programme + "edit/", views.programme_edit, name="programme-edit"),
    path(programme + "pots/add/", views.pot_add, name="pot-add"),
    path("pots/<record_id:pk>/allocate/", views.allocation_add, name="allocation-add"),
    path("allocations/<record_id:pk>/spend/", views.spend_add, name="spend-add"),
    path(programme + "criteria/", views.criteria, name="criteria"),
    path(programme + "weights/add/", views.weight_set_edit, name="weight-set-add"),
    path(programme + "weights/<record_id:set_id>/", views.weight_set_edit, name="weight-set-edit"),
    path(programme + "ranking/", views.ranking, name="ranking"),
    path("opportunities/", views.opportunity_list, name="opportunities"),
    path("board/", views.board, name="board"),
    path("opportunities/new/", views.opportunity_create, name="opportunity-create"),
    path(opportunity, views.opportunity, name="opportunity"),
    path(opportunity + "edit/", views.opportunity_edit, name="opportunity-edit"),
    path(opportunity + "move/", views.opportunity_move, name="opportunity-move"),
    path(opportunity + "scores/", views.opportunity_scores, name="opportunity-scores"),
    path("councils/<str:code>/", views.council_lists, name="council-lists"),
    path("suggestions/adopt/", views.suggestion_adopt, name="suggestion-adopt"),
]
