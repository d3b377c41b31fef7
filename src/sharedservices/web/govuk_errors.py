"""GOV.UK wording for a missing answer, for every form in the service.

Django says "This field is required." whatever the field. The GOV.UK Design
System asks for a message that says what to do: "Enter the title", "Select the
stage", "Choose a file". A form that gives its own message keeps it; every other
required field gets one built from its label, so no form can forget.
"""

from __future__ import annotations

from django import forms

DJANGO_REQUIRED = forms.Field.default_error_messages["required"]
CHOICE_WIDGETS = (forms.Select, forms.RadioSelect, forms.CheckboxSelectMultiple)


def _object(label: str) -> str:
    words = label.strip().rstrip(":")
    words = words[:1].lower() + words[1:]
    if words.startswith(("the ", "a ", "an ", "your ", "how ", "what ", "which ", "when ")):
        return words
    return "the " + words


def required_message(field: forms.Field, name: str) -> str:
    label = str(field.label or name.replace("_", " "))
    if isinstance(field.widget, forms.ClearableFileInput | forms.FileInput):
        return "Choose " + _object(label).replace("the ", "a ", 1)
    if isinstance(field.widget, CHOICE_WIDGETS) or isinstance(field, forms.BooleanField):
        return "Select " + _object(label)
    return "Enter " + _object(label)


def use_govuk_required_messages(form: forms.BaseForm) -> None:
    for name, field in form.fields.items():
        if str(field.error_messages.get("required")) == str(DJANGO_REQUIRED):
            field.error_messages = {
                **field.error_messages,
                "required": required_message(field, name),
            }


def install() -> None:
    """Wrap ``BaseForm.__init__`` once (``WebConfig.ready``)."""
    if getattr(forms.BaseForm.__init__, "_govuk_messages", False):
        return
    original = forms.BaseForm.__init__

    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        use_govuk_required_messages(self)

    __init__._govuk_messages = True
    forms.BaseForm.__init__ = __init__
