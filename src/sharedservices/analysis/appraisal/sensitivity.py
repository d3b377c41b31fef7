"""Switching values and tornado data, in closed form.

NPSV is the sum of each line's signed present value, so scaling one line by
``1 + f`` moves NPSV by ``f`` times that line's signed PV. The switching value
(Green Book: the change in a variable that makes the option's NPSV zero) is
therefore ``-NPSV / signed PV``, with no search and no rounding of a solver.
"""

from __future__ import annotations

import numpy as np

FALL_TOLERANCE = 1e-9


def switching_value(npsv: float, signed_line_pv: float) -> float | None:
    """Fractional change of one line that brings NPSV to zero (-0.35 = a 35% fall).

    None when the line's PV is zero (no change to it moves NPSV) or when the
    change would have to be a fall of more than 100%, i.e. the line turned
    negative: even dropping the line entirely cannot bring NPSV to zero.
    """
    if signed_line_pv == 0:
        return None
    fraction = -npsv / signed_line_pv
    if fraction < -1.0 - FALL_TOLERANCE:
        return None
    # A line that is the option's only flow switches at exactly -100%; summing
    # the same PVs in another order must not turn that into "none".
    return max(float(fraction), -1.0)


def switching_values(npsv: float, signed_line_pv: np.ndarray) -> list[float | None]:
    return [switching_value(npsv, float(pv)) for pv in signed_line_pv]


def tornado(npsv: float, names: list[str], signed_line_pv: np.ndarray, change: float) -> list[dict]:
    """NPSV with each line moved down and up by ``change``, largest swing first.

    A tornado chart plots exactly these bars; the swing is the same for every
    line's fall and rise because NPSV is linear, so the order is by |PV|.
    """
    effect = change * np.asarray(signed_line_pv, dtype=float)
    rows = [
        {
            "line": name,
            "change": change,
            "npsv_if_lower": npsv - float(e),
            "npsv_if_higher": npsv + float(e),
            "swing": 2.0 * abs(float(e)),
        }
        for name, e in zip(names, effect, strict=True)
    ]
    return sorted(rows, key=lambda row: -row["swing"])
