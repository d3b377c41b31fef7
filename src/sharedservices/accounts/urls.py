from django.urls import path

from sharedservices.accounts import two_step, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("two-step/", two_step.TwoStepVerifyView.as_view(), name="two-step-verify"),
    path("two-step/set-up/", two_step.TwoStepEnrolView.as_view(), name="two-step-enrol"),
    path(
        "two-step/recovery-codes/",
        two_step.RecoveryCodesView.as_view(),
        name="two-step-recovery-codes",
    ),
    path("password/", views.PasswordChangeView.as_view(), name="password-change"),
    path("password/changed/", views.PasswordChangeDoneView.as_view(), name="password-change-done"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path("password/reset/sent/", views.PasswordResetSentView.as_view(), name="password-reset-sent"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password/reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
]
