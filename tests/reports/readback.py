"""Reading generated files back, as a council officer's software would."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from docx import Document


def docx_text(data: bytes) -> dict:
    doc = Document(io.BytesIO(data))
    body = "\n".join(p.text for p in doc.paragraphs)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    headings = [
        (p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")
    ]
    headers = ["\n".join(p.text for p in s.header.paragraphs) for s in doc.sections]
    return {"doc": doc, "body": body, "tables": tables, "headings": headings, "headers": headers}


def pdf_pages(data: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def pdf_info(data: bytes, tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "info.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def pdf_images(data: bytes, tmp_path: Path) -> list[Path]:
    path = tmp_path / "pages.pdf"
    path.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(path), str(tmp_path / "page")], check=True)
    return sorted(tmp_path.glob("page-*.png"))
