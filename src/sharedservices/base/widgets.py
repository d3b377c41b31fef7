"""Form widgets that render the same HTML as Django's, faster.

Django renders a ``<select>`` through one template include per option. The register's
council filter lists every council (about 480 options), and those includes took most of
the register page's time: about 150 ms of CPU a request, which under 50 concurrent users
on two cores queued every other page behind it (README, "Load"). ``FastSelect`` writes
the same markup in Python, byte for byte what Django's templates give (a test compares
them), so the GOV.UK styling, the accessible-autocomplete enhancement and the page's
behaviour without JavaScript are unchanged.
"""

from __future__ import annotations

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def _attrs(attrs: dict) -> str:
    """Django's ``django/forms/widgets/attrs.html``: ``False`` drops an attribute,
    ``True`` writes its bare name, anything else is escaped as ``str()``."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {name}")
        else:
            out.append(f' {name}="{conditional_escape(str(value))}"')
    return "".join(out)


class FastSelect(forms.Select):
    """A ``forms.Select`` rendered without a template per option (same HTML)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in group_choices:
                parts.append(
                    f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                    f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308  (every part is escaped above)
