"""What a council's Word template may carry into a public report.

A report needs a template's styles, headers, footers and the images inside its
package; nothing else. A review uploaded a template with an attached template fetched
from the web (a macro-enabled ``.dotm``), a ``DDEAUTO`` field (runs a program when
opened) and an ``INCLUDEPICTURE`` field (a web bug: the reader's Word fetches a URL);
all three reached the public DOCX. ``template_problems`` names every such thing in a
package; a template with any is refused at upload, and one stored before this check
is not used (the default layout is).

Refused: relationships to anything outside the package (except http, https and mailto
hyperlinks, which open only when clicked), macros (a VBA project or a macro-enabled
part), OLE objects and embedded files, ActiveX controls, imported chunks (altChunk),
and every field but page numbering (PAGE, NUMPAGES, SECTIONPAGES).
"""

from __future__ import annotations

import io
import re
import zipfile

ALLOWED_FIELDS = {"PAGE", "NUMPAGES", "SECTIONPAGES"}
SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
_RELATIONSHIP = re.compile(r"<Relationship\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_FIELD_TOKENS = re.compile(
    r'<w:fldChar\b[^>]*w:fldCharType="(begin|separate|end)"[^>]*/?>'
    r"|<w:instrText\b[^>]*>([^<]*)</w:instrText>"
    r'|<w:fldSimple\b[^>]*w:instr="([^"]*)"',
)
# Relationship types (the last part of the type URI) that are active whatever they
# point at.
ACTIVE_TYPES = {
    "oleObject": "an OLE object",
    "package": "an embedded file",
    "control": "an ActiveX control",
    "activeXControl": "an ActiveX control",
    "activeXControlBinary": "an ActiveX control",
    "vbaProject": "macros (a VBA project)",
    "wordVbaData": "macros (VBA data)",
    "aFChunk": "imported content (altChunk)",
    "attachedTemplate": "an attached template",
    "subDocument": "a subdocument",
    "frame": "a frame",
}
ACTIVE_PARTS = (
    (re.compile(r"vbaProject\.bin$|vbaData\.xml$", re.I), "macros (a VBA project)"),
    (re.compile(r"(^|/)activeX/", re.I), "an ActiveX control"),
    (re.compile(r"(^|/)embeddings/", re.I), "an OLE object or embedded file"),
)


def _fields(xml: str) -> list[str]:
    """Every field's code in a part, in order (a code may be split over many runs)."""
    codes, stack = [], []
    for kind, text, simple in _FIELD_TOKENS.findall(xml):
        if simple:
            codes.append(simple)
        elif kind == "begin":
            stack.append([])
        elif kind in ("separate", "end"):
            if stack and stack[-1] is not None:
                codes.append("".join(stack[-1]))
                stack[-1] = None
            if kind == "end" and stack:
                stack.pop()
        elif stack and stack[-1] is not None:
            stack[-1].append(text)
    return codes


def _field_name(code: str) -> str:
    words = code.replace("&quot;", '"').split()
    return words[0].upper() if words else ""


def template_problems(data: bytes) -> list[str]:
    """What in the package a public report must not carry, each named once, in words."""
    found: list[str] = []

    def add(text: str) -> None:
        if text not in found:
            found.append(text)

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        for name in names:
            for pattern, what in ACTIVE_PARTS:
                if pattern.search(name):
                    add(what)
        types = package.read("[Content_Types].xml").decode("utf-8", "replace")
        if "macroEnabled" in types or "vbaProject" in types:
            add("macros (a macro-enabled part)")
        for name in names:
            if name.endswith(".rels"):
                for tag in _RELATIONSHIP.findall(package.read(name).decode("utf-8", "replace")):
                    attrs = dict(_ATTR.findall(tag))
                    kind = attrs.get("Type", "").rsplit("/", 1)[-1]
                    target = attrs.get("Target", "")
                    if kind in ACTIVE_TYPES:
                        external = attrs.get("TargetMode") == "External"
                        add(ACTIVE_TYPES[kind] + (f" from {target[:100]}" if external else ""))
                    elif attrs.get("TargetMode") == "External" and not (
                        kind == "hyperlink" and SAFE_LINK.match(target)
                    ):
                        add(f"a link to {target[:100]} outside the document ({kind})")
            elif name.startswith("word/") and name.endswith(".xml"):
                for code in _fields(package.read(name).decode("utf-8", "replace")):
                    field = _field_name(code)
                    if field not in ALLOWED_FIELDS:
                        add(f"a field {field or '(blank)'}")
    return found
