"""The one content model of a report: a list of blocks that the HTML preview, the PDF
(WeasyPrint, from the same HTML) and the DOCX all render from.

Each block may carry the Schedule 12A paragraph that makes it exempt. ``edition`` makes
the public edition by putting, in place of each exempt block, a notice naming the
paragraph; the private edition keeps the block and flags it, so each renderer can mark
the pages that hold it "NOT FOR PUBLICATION".
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, replace

NOT_FOR_PUBLICATION = "NOT FOR PUBLICATION"


@dataclass(frozen=True)
class Block:
    key: str = ""  # stable name, used to mark the block exempt
    exempt: int | None = None  # Schedule 12A paragraph, when exempt

    @property
    def kind(self) -> str:
        """The block's type, for templates: "para", "table", "chart", ..."""
        return type(self).__name__.lower()


@dataclass(frozen=True)
class Heading(Block):
    text: str = ""
    level: int = 2


@dataclass(frozen=True)
class Para(Block):
    text: str = ""


@dataclass(frozen=True)
class Draft(Block):
    """Something the case does not hold yet: officers fill it in on the report page.
    Rendered as a clearly marked draft section, never as invented prose."""

    text: str = ""


@dataclass(frozen=True)
class Items(Block):
    items: tuple[str, ...] = ()
    numbered: bool = False


@dataclass(frozen=True)
class Table(Block):
    caption: str = ""
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    numeric: tuple[int, ...] = ()  # columns aligned right


@dataclass(frozen=True)
class Chart(Block):
    title: str = ""
    alt: str = ""
    png: bytes = b""

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode()


@dataclass(frozen=True)
class Exempt(Block):
    """What the public edition shows in place of exempt content."""

    paragraph: int = 0
    text: str = ""


@dataclass(frozen=True)
class Section:
    """A titled run of blocks; exempt as a whole when ``exempt`` is set."""

    key: str
    title: str
    blocks: tuple[Block, ...] = ()
    appendix: bool = False
    exempt: int | None = None
    level: int = 1  # 2 for a sub-section (each implication)


@dataclass(frozen=True)
class Document:
    council: str
    title: str
    meeting: str
    header: tuple[tuple[str, str], ...]  # label, value: the report's front sheet
    sections: tuple[Section, ...]
    public: bool = False
    lang: str = "en-GB"
    drafts: int = 0  # how many draft sections it still has

    @property
    def has_exempt(self) -> bool:
        return any(s.exempt or any(b.exempt for b in s.blocks) for s in self.sections)


def numbered(document: Document) -> list[tuple[str, Section]]:
    """Each section with its number as the report shows it: 1, 2, 8.1, 8.2, Appendix A."""
    out, main, sub = [], 0, 0
    for s in document.sections:
        if s.appendix:
            out.append(("", s))
        elif s.level == 2:
            sub += 1
            out.append((f"{main}.{sub}", s))
        else:
            main, sub = main + 1, 0
            out.append((str(main), s))
    return out


def exempt_notice(paragraph: int) -> str:
    return (
        "This information is exempt from publication under paragraph"
        f" {paragraph} of Part 1 of Schedule 12A to the Local Government Act 1972."
    )


def _public_block(block: Block) -> Block:
    if not block.exempt:
        return block
    return Exempt(key=block.key, paragraph=block.exempt, text=exempt_notice(block.exempt))


def edition(document: Document, *, public: bool) -> Document:
    """The public edition (exempt content replaced by its notice) or the private one."""
    if not public:
        return replace(document, public=False)
    sections = []
    for s in document.sections:
        if s.exempt:
            notice = Exempt(key=s.key, paragraph=s.exempt, text=exempt_notice(s.exempt))
            sections.append(replace(s, blocks=(notice,), exempt=None))
        else:
            sections.append(replace(s, blocks=tuple(_public_block(b) for b in s.blocks)))
    return replace(document, sections=tuple(sections), public=True)
