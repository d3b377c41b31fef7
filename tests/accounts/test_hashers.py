"""Argon2id computed at a lower CPU priority (``accounts/hashers.py``): the same hashes
as Django's own Argon2 hasher, the work done in a thread nicer than the caller, and a
forked process (a gunicorn worker) gets a hashing thread of its own."""

import os
import signal
import sys
import threading

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher

from sharedservices import settings as configured
from sharedservices.accounts.hashers import (
    NICENESS,
    LowPriorityArgon2PasswordHasher,
    run_at_low_priority,
)

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="per-thread niceness is Linux's"
)


class Cheap:
    """Small parameters, so the tests are quick (the production ones are Django's)."""

    time_cost = 1
    memory_cost = 1024
    parallelism = 2


class CheapOurs(Cheap, LowPriorityArgon2PasswordHasher):
    pass


class CheapDjangos(Cheap, Argon2PasswordHasher):
    pass


def test_it_is_production_s_first_hasher_with_django_s_parameters():
    assert configured.PASSWORD_HASHERS[0] == (
        "sharedservices.accounts.hashers.LowPriorityArgon2PasswordHasher"
    )
    ours, djangos = LowPriorityArgon2PasswordHasher(), Argon2PasswordHasher()
    assert (ours.algorithm, ours.time_cost, ours.memory_cost, ours.parallelism) == (
        djangos.algorithm,
        djangos.time_cost,
        djangos.memory_cost,
        djangos.parallelism,
    )


def test_hashes_verify_both_ways_with_django_s_argon2id():
    ours, djangos = CheapOurs(), CheapDjangos()
    mine = ours.encode("correct horse battery", ours.salt())
    theirs = djangos.encode("correct horse battery", djangos.salt())
    assert mine.startswith("argon2$argon2id$") and ours.decode(mine)["algorithm"] == "argon2"
    assert djangos.verify("correct horse battery", mine)
    assert ours.verify("correct horse battery", theirs)
    assert not ours.verify("correct horse battery!", mine)
    assert not djangos.verify("wrong", mine)


def test_many_sign_ins_at_once_all_get_their_answer():
    ours = CheapOurs()
    encoded = ours.encode("correct horse battery", ours.salt())
    results = []

    def sign_in(password):
        results.append((password, ours.verify(password, encoded)))

    threads = [
        threading.Thread(target=sign_in, args=(p,)) for p in ["correct horse battery", "wrong"] * 4
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == sorted([("correct horse battery", True), ("wrong", False)] * 4)


def _niceness():
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


@linux_only
def test_the_work_runs_nicer_than_the_caller_who_keeps_its_own():
    own = _niceness()
    assert run_at_low_priority(_niceness) == min(19, own + NICENESS)
    assert _niceness() == own


@linux_only
def test_a_forked_worker_hashes_in_a_thread_of_its_own():
    ours = CheapOurs()
    encoded = ours.encode("correct horse battery", ours.salt())  # the parent's thread exists
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        signal.alarm(20)  # a child waiting on the parent's (absent) thread would hang
        ok = ours.verify("correct horse battery", encoded)
        os._exit(0 if ok else 1)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
