from django.urls import path

from sharedservices.governance import views

app_name = "governance"
case = "cases/<int:pk>/governance/"
urlpatterns = [
    path(case, views.case, name="case"),
    path(case + "timeline/", views.case_timeline, name="timeline"),
    path(case + "milestones/add/", views.milestone_add, name="milestone-add"),
    path(case + "forward-plan/add/", views.forward_plan_add, name="forward-plan-add"),
    path(case + "disputes/add/", views.dispute_add, name="dispute-add"),
    path(case + "disputes/<int:dispute_id>/step/", views.dispute_step, name="dispute-step"),
    path(case + "disputes/<int:dispute_id>/close/", views.dispute_close, name="dispute-close"),
    path(case + "<slug:action>/", views.act, name="act"),
    path("register/<int:pk>/history/", views.arrangement_timeline, name="arrangement-timeline"),
    path("forward-plan/<str:code>/", views.forward_plan, name="forward-plan"),
    path("forward-plan/<str:code>/calendar.ics", views.forward_plan_ics, name="forward-plan-ics"),
]
