from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Layout
from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm

from sharedservices.accounts.throttle import account_wait


class SignInForm(AuthenticationForm):
    """Django's sign-in form, labelled for e-mail and laid out the GOV.UK way."""

    username = forms.EmailField(
        label="E-mail address",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your e-mail address",
            "invalid": "Enter an e-mail address in the correct format, like name@council.gov.uk",
        },
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )

    error_messages = {
        "invalid_login": "Enter a correct e-mail address and password",
        "inactive": "This account is inactive",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout("username", "password", Button("submit", "Sign in"))

    def clean(self):
        # Before the password is checked: many failures on this account from any
        # clients slow every attempt on it (accounts/throttle.py).
        wait = account_wait(self.cleaned_data.get("username"))
        if wait:
            raise forms.ValidationError(
                "There have been many failed sign-ins to this account. Wait"
                f" {wait} second{'s' if wait != 1 else ''} and try again.",
                code="account_slowed",
            )
        return super().clean()


def _gds(form, button: str, *fields: str) -> None:
    form.helper = FormHelper()
    form.helper.form_tag = False
    form.helper.layout = Layout(*fields, Button("submit", button))


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's form (old password, new twice, every validator), laid out the GOV.UK way."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"
        self.fields["new_password1"].label = "New password"
        self.fields["new_password2"].label = "Confirm new password"
        _gds(self, "Change password", "old_password", "new_password1", "new_password2")


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your e-mail address",
            "invalid": "Enter an e-mail address in the correct format, like name@council.gov.uk",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _gds(self, "Send the link", "email")


class SetPasswordForm(auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password2"].label = "Confirm new password"
        _gds(self, "Set password", "new_password1", "new_password2")


class TwoStepCodeForm(forms.Form):
    """One code: six digits from the authenticator app (or, at sign-in, a recovery code)."""

    code = forms.CharField(
        label="Code",
        max_length=20,
        strip=True,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "class": "govuk-input govuk-input--width-10",
            }
        ),
        error_messages={"required": "Enter the code"},
    )

    def __init__(self, *args, button: str = "Continue", hint: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = hint
        _gds(self, button, "code")
