from django.urls import path

from sharedservices.cases import views
from sharedservices.cases.views.workbook import appraisal_workings

app_name = "cases"
case = "<int:pk>/"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("policies/", views.policies, name="policies"),
    path("policies/adopt/", views.policy_adopt, name="policy-adopt"),
    path("policies/<str:code>/", views.policy, name="policy"),
    path("policies/<str:code>/new-version/", views.policy_new_version, name="policy-new-version"),
    path(case, views.detail, name="detail"),
    path(case + "edit/", views.edit, name="edit"),
    path(case + "sections/", views.sections, name="sections"),
    path(case + "sections/<slug:part>/", views.section_edit, name="section-edit"),
    path(case + "options/", views.options, name="options"),
    path(case + "options/add/", views.option_edit, name="option-add"),
    path(case + "options/<int:option_id>/", views.option_edit, name="option-edit"),
    path(case + "options/<int:option_id>/delete/", views.option_delete, name="option-delete"),
    path(case + "options/<int:option_id>/lines/add/", views.line_edit, name="line-add"),
    path(case + "options/<int:option_id>/lines/<int:line_id>/", views.line_edit, name="line-edit"),
    path(
        case + "options/<int:option_id>/lines/<int:line_id>/delete/",
        views.line_delete,
        name="line-delete",
    ),
    path(case + "appraisal/", views.appraisal, name="appraisal"),
    path(case + "appraisal/workings.xlsx", appraisal_workings, name="appraisal-workings"),
    path(case + "agreement/", views.agreement, name="agreement"),
    path(case + "preferred-option/", views.preferred, name="preferred"),
    path(case + "criteria/", views.criteria, name="criteria"),
    path(case + "criteria/<int:criterion_id>/", views.evidence_edit, name="evidence-edit"),
    path(case + "baselines/", views.baselines, name="baselines"),
    path(case + "baselines/add/", views.baseline_edit, name="baseline-add"),
    path(case + "baselines/<int:baseline_id>/", views.baseline_edit, name="baseline-edit"),
    path(
        case + "baselines/<int:baseline_id>/delete/",
        views.baseline_delete,
        name="baseline-delete",
    ),
    path(case + "risks/", views.risks, name="risks"),
    path(case + "risks/add/", views.risk_edit, name="risk-add"),
    path(case + "risks/suggested/", views.risks_suggested, name="risks-suggested"),
    path(case + "risks/<int:record_id>/", views.risk_edit, name="risk-edit"),
    path(case + "risks/<int:record_id>/delete/", views.risk_delete, name="risk-delete"),
    path(case + "consultation/", views.consultation, name="consultation"),
    path(case + "consultation/add/", views.consultation_edit, name="consultation-add"),
    path(case + "consultation/<int:record_id>/", views.consultation_edit, name="consultation-edit"),
    path(
        case + "consultation/<int:record_id>/delete/",
        views.consultation_delete,
        name="consultation-delete",
    ),
    path(case + "staffing/", views.staffing, name="staffing"),
    path(case + "sharing/", views.sharing, name="sharing"),
    path(case + "share/", views.share, name="share"),
    path(case + "versions/", views.versions, name="versions"),
    path(case + "versions/compare/", views.compare, name="compare"),
]
