"""Brute-force oracles for the optimisers and fair splits."""

from __future__ import annotations

import itertools
import math

import numpy as np


def set_partitions(items):
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for p in set_partitions(rest):
        for i in range(len(p)):
            yield p[:i] + [[first, *p[i]]] + p[i + 1 :]
        yield [[first], *p]


def mask(players) -> int:
    return sum(1 << i for i in players)


def brute_best_partition(v: np.ndarray) -> float:
    n = len(v).bit_length() - 1
    return max(sum(v[mask(b)] for b in p) for p in set_partitions(list(range(n))))


def shapley_by_permutations(v: np.ndarray) -> np.ndarray:
    n = len(v).bit_length() - 1
    phi = np.zeros(n)
    for order in itertools.permutations(range(n)):
        m = 0
        for i in order:
            phi[i] += v[m | 1 << i] - v[m]
            m |= 1 << i
    return phi / math.factorial(n)


def random_game(rng, n: int, superadditive_ish: bool = True) -> np.ndarray:
    size = np.array([bin(m).count("1") for m in range(1 << n)], dtype=float)
    v = rng.normal(size=1 << n) * size + (size**1.3 if superadditive_ish else 0)
    v[0] = 0.0
    return v
