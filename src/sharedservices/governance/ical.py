"""A forward plan as an iCalendar feed (RFC 5545): one all-day event per key decision."""

from __future__ import annotations

import datetime

from django.utils import timezone


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > 75:
            out.append(current.decode())
            current = b" "
        current += encoded
    out.append(current.decode())
    return "\r\n".join(out)


# RFC 5545 3.8.1.11: a key decision to come is tentative, one taken confirmed (on the day
# it was taken), one withdrawn cancelled.
STATUS = {"planned": "TENTATIVE", "taken": "CONFIRMED", "withdrawn": "CANCELLED"}


def forward_plan_calendar(*, council, entries, site_url: str, host: str) -> str:
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Shared Services Hub//Forward plan//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(council.name + ' forward plan')}",
    ]
    for entry in entries:
        outcome = getattr(entry, "outcome", None)
        status = STATUS[outcome.status if outcome else "planned"]
        day = entry.expected_on
        description = ""
        if outcome is not None and outcome.status != "planned":
            description = f"{outcome.words}. "
            if outcome.status == "taken":
                day = outcome.decision.decided_on
        description += f"Decision maker: {entry.decision_maker}."
        if entry.documents:
            description += f" Documents: {entry.documents}."
        if entry.private:
            description += f" To be taken in private: {entry.private_reason}."
        description += f" Published {entry.published_on:%d %B %Y}."
        lines += [
            "BEGIN:VEVENT",
            f"UID:forward-plan-{entry.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + datetime.timedelta(days=1):%Y%m%d}",
            f"STATUS:{status}",
            f"SUMMARY:{_escape(entry.what)}",
            f"DESCRIPTION:{_escape(description)}",
            f"URL:{site_url}/forward-plan/{council.pk}/",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
