from django.urls import path

from sharedservices.programme import views

app_name = "programme"
programme = "<int:pk>/"
opportunity = "opportunities/<int:pk>/"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.programme_create, name="programme-create"),
    path(programme, views.programme, name="programme"),
    path(programme + "edit/", views.programme_edit, name="programme-edit"),
    path(programme + "pots/add/", views.pot_add, name="pot-add"),
    path("pots/<int:pk>/allocate/", views.allocation_add, name="allocation-add"),
    path("allocations/<int:pk>/spend/", views.spend_add, name="spend-add"),
    path(programme + "criteria/", views.criteria, name="criteria"),
    path(programme + "weights/add/", views.weight_set_edit, name="weight-set-add"),
    path(programme + "weights/<int:set_id>/", views.weight_set_edit, name="weight-set-edit"),
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
