"""The appraisal's workings as an Excel workbook with live formulas.

A finance officer checks the Green Book arithmetic in Excel: one sheet per
option, one row per year, with the rate in force, the discount factor
(``previous factor / (1 + rate)``, Green Book Annex A6), each line's amount,
the optimism-bias uplift on costs, and the present value, all as formulas over
the amounts. Excel's own total of the present values is the option's NPSV, and
it equals the engine's to the penny (``tests/cases/test_workbook.py``
recalculates the file and compares).

Built from the same validated ``Appraisal`` the engine runs on, so the two
can never be fed differently.
"""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from sharedservices.analysis.appraisal.model import Appraisal, Option

MONEY = '"£"#,##0.00;[Red]-"£"#,##0.00'
FACTOR = "0.000000"
PERCENT = "0.0%"
BOLD = Font(bold=True)

# Layout of each option's sheet (1-based rows).
ROW_TITLE, ROW_KIND, ROW_CATEGORY, ROW_UPLIFT, ROW_HEADER = 1, 3, 4, 5, 7
FIRST_YEAR_ROW = ROW_HEADER + 1
FIXED = ("Year", "Rate in force", "Discount factor")  # columns A-C


def _text(cell, value: str) -> None:
    """Typed words stay words: "=cmd|..." as an option name must not become a formula."""
    cell.value = value
    cell.data_type = "s"


def _sheet_title(name: str, taken: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique."""
    base = re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:28] or "Option"
    title, n = base, 2
    while title.lower() in taken:
        title, n = f"{base[:25]} ({n})", n + 1
    taken.add(title.lower())
    return title


def _write_option(sheet, appraisal: Appraisal, option: Option) -> str:
    """Write one option; return the cell holding its NPSV."""
    horizon = appraisal.horizon_years
    lines = option.lines
    first_line_col = len(FIXED) + 1
    line_cols = [get_column_letter(first_line_col + i) for i in range(len(lines))]
    after = first_line_col + len(lines)
    col = {
        name: get_column_letter(after + i)
        for i, name in enumerate(
            (
                "costs_raw",
                "uplift",
                "costs",
                "benefits",
                "net",
                "pv",
            )
        )
    }
    _text(sheet["A1"], option.name)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = (
        f"Real terms, {appraisal.price_base_year} prices. Year 0 is {appraisal.start_year}"
        " and is not discounted."
    )
    for label, row in (("Kind", ROW_KIND), ("Category", ROW_CATEGORY)):
        sheet.cell(row=row, column=len(FIXED), value=label).font = BOLD
    sheet.cell(row=ROW_UPLIFT, column=len(FIXED), value="Optimism bias uplift").font = BOLD
    headers = (
        list(FIXED)
        + [line.name for line in lines]
        + [
            "Costs before optimism bias",
            "Optimism bias uplift",
            "Costs with optimism bias",
            "Benefits",
            "Net benefit",
            "Present value",
        ]
    )
    for i, header in enumerate(headers, start=1):
        cell = sheet.cell(row=ROW_HEADER, column=i)
        _text(cell, header)
        cell.font = BOLD
    own_rates = {}
    for letter, line in zip(line_cols, lines, strict=True):
        sheet[f"{letter}{ROW_KIND}"] = line.kind
        sheet[f"{letter}{ROW_CATEGORY}"] = line.category
        sheet[f"{letter}{ROW_UPLIFT}"] = option.uplift_of(line)
        sheet[f"{letter}{ROW_UPLIFT}"].number_format = PERCENT
        if line.discounting is not None:
            own_rates[letter] = line.discounting.year_rates(horizon)
    rates = appraisal.discounting.year_rates(horizon)
    amounts = []
    for line in lines:
        by_year = [0.0] * horizon
        for t, amount in zip(line.year_index, line.amounts, strict=True):
            by_year[int(t)] += float(amount)
        amounts.append(by_year)
    costs = [c for c, line in zip(line_cols, lines, strict=True) if line.kind == "cost"]
    benefits = [c for c, line in zip(line_cols, lines, strict=True) if line.kind != "cost"]
    for t in range(horizon):
        r = FIRST_YEAR_ROW + t
        sheet[f"A{r}"] = appraisal.start_year + t
        sheet[f"B{r}"] = float(rates[t]) if t else 0.0
        sheet[f"B{r}"].number_format = "0.00%"
        sheet[f"C{r}"] = 1 if t == 0 else f"=C{r - 1}/(1+B{r})"
        sheet[f"C{r}"].number_format = FACTOR
        for letter, by_year in zip(line_cols, amounts, strict=True):
            sheet[f"{letter}{r}"] = by_year[t]
            sheet[f"{letter}{r}"].number_format = MONEY
        sheet[f"{col['costs_raw']}{r}"] = "=" + ("+".join(f"{c}{r}" for c in costs) or "0")
        sheet[f"{col['uplift']}{r}"] = "=" + (
            "+".join(f"{c}{r}*{c}${ROW_UPLIFT}" for c in costs) or "0"
        )
        sheet[f"{col['costs']}{r}"] = f"={col['costs_raw']}{r}+{col['uplift']}{r}"
        sheet[f"{col['benefits']}{r}"] = "=" + ("+".join(f"{c}{r}" for c in benefits) or "0")
        sheet[f"{col['net']}{r}"] = f"={col['benefits']}{r}-{col['costs']}{r}"
        if own_rates:
            # A line with its own discount rate: each line discounted by its own factor.
            terms = []
            for letter, line in zip(line_cols, lines, strict=True):
                factor = f"$C{r}" if letter not in own_rates else _own_factor(own_rates[letter], t)
                amount = (
                    f"{letter}{r}*(1+{letter}${ROW_UPLIFT})"
                    if line.kind == "cost"
                    else (f"{letter}{r}")
                )
                terms.append(("-" if line.kind == "cost" else "+") + f"{amount}*{factor}")
            sheet[f"{col['pv']}{r}"] = "=0" + "".join(terms)
        else:
            sheet[f"{col['pv']}{r}"] = f"={col['net']}{r}*C{r}"
        for key in col:
            sheet[f"{col[key]}{r}"].number_format = MONEY
    last = FIRST_YEAR_ROW + horizon - 1
    total = last + 2
    sheet[f"A{total}"] = "Total"
    sheet[f"A{total}"].font = BOLD
    for key in ("costs_raw", "uplift", "costs", "benefits", "net", "pv"):
        cell = sheet[f"{col[key]}{total}"]
        cell.value = f"=SUM({col[key]}{FIRST_YEAR_ROW}:{col[key]}{last})"
        cell.number_format = MONEY
        cell.font = BOLD
    npsv = f"{col['pv']}{total + 2}"
    sheet[f"{col['net']}{total + 2}"] = "Net present social value (NPSV)"
    sheet[f"{col['net']}{total + 2}"].font = BOLD
    sheet[npsv] = f"={col['pv']}{total}"
    sheet[npsv].number_format = MONEY
    sheet[npsv].font = BOLD
    sheet.freeze_panes = f"B{FIRST_YEAR_ROW}"
    sheet.column_dimensions["A"].width = 10
    sheet.column_dimensions["B"].width = 13
    sheet.column_dimensions["C"].width = 15
    for letter in [*line_cols, *col.values()]:
        sheet.column_dimensions[letter].width = 18
    return npsv


def _own_factor(rates, t: int) -> str:
    """A line's own discount factor for year t, written out as a formula."""
    if t == 0:
        return "1"
    return "1/(" + "*".join(f"(1+{float(rates[y])!r})" for y in range(1, t + 1)) + ")"


def appraisal_workbook(appraisal: Appraisal) -> bytes:
    """The workbook as bytes: a summary sheet, then one sheet per option."""
    book = Workbook()
    summary = book.active
    summary.title = "Summary"
    _text(summary["A1"], appraisal.title or "Appraisal")
    summary["A1"].font = Font(bold=True, size=14)
    summary["A2"] = (
        "Green Book appraisal: costs uplifted for optimism bias, every amount discounted"
        " at the rate in force in its year. Each option's sheet shows the workings."
    )
    summary["A4"], summary["B4"] = "Option", "NPSV"
    summary["A4"].font = summary["B4"].font = BOLD
    taken = {"summary"}
    for i, option in enumerate(appraisal.options):
        title = _sheet_title(option.name, taken)
        npsv = _write_option(book.create_sheet(title), appraisal, option)
        _text(summary.cell(row=5 + i, column=1), option.name)
        cell = summary.cell(row=5 + i, column=2, value=f"='{title}'!{npsv}")
        cell.number_format = MONEY
    summary.column_dimensions["A"].width = 50
    summary.column_dimensions["B"].width = 20
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
