"""The seccomp filter, on its own: a child forked with it (no TensorFlow needed)."""

from __future__ import annotations

import os
import resource

import pytest

from grader.contract.limits import Limits
from grader.runner import seccomp
from grader.runner.sandbox import run_in_child
from tests.conftest import attempt


@pytest.mark.parametrize("machine", ["x86_64", "aarch64"])
def test_the_program_decides_as_intended(machine):
    """Run the BPF program on sample calls with a small interpreter of its four instructions."""
    arch, refused, own_only = seccomp.ARCHITECTURES[machine]
    instructions = seccomp.program(machine)

    def decide(number: int, args: tuple[int, ...] = (0,) * 6, audit_arch: int = arch) -> str:
        words = {seccomp.NR_OFFSET: number, seccomp.ARCH_OFFSET: audit_arch}
        for index, value in enumerate(args):
            words[seccomp.ARGS_OFFSET + 8 * index] = value & 0xFFFFFFFF
            words[seccomp.ARGS_OFFSET + 8 * index + 4] = value >> 32
        at, accumulator = 0, 0
        while True:
            op, jt, jf, k = instructions[at]
            if op == seccomp.BPF_RET_K:
                return "allow" if k == seccomp.RET_ALLOW else "deny"
            if op == seccomp.BPF_LD_W_ABS:
                accumulator, at = words[k], at + 1
            else:
                taken = accumulator == k if op == seccomp.BPF_JEQ_K else accumulator >= k
                at += 1 + (jt if taken else jf)

    for number in refused.values():
        assert decide(number) == "deny"
    for number, index in own_only.values():
        naming = [0] * 6
        assert decide(number, tuple(naming)) == "allow"
        naming[index] = 1234
        assert decide(number, tuple(naming)) == "deny"
        naming[index] = 1 << 40  # only the high word set
        assert decide(number, tuple(naming)) == "deny"
    assert decide(0) == decide(1) == "allow"  # read, write (or io_setup, io_destroy)
    assert decide(refused["ptrace"], audit_arch=0x40000003) == "allow"  # another ABI: not ours to judge


def test_an_unknown_architecture_gets_no_filter():
    assert seccomp.program("sparc64") is None


def test_calls_naming_another_process_are_refused_and_the_own_process_still_works():
    parent = os.getpid()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)

    def target():
        return {
            "prlimit-other": attempt(lambda: resource.prlimit(parent, resource.RLIMIT_NOFILE, (8, hard))),
            "setpriority-other": attempt(lambda: os.setpriority(os.PRIO_PROCESS, parent, 19)),
            "affinity-other": attempt(lambda: os.sched_setaffinity(parent, {0})),
            "pidfd-other": attempt(lambda: os.pidfd_open(parent)),
            "setrlimit-own": attempt(lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (soft - 1, hard))),
            "affinity-own": attempt(lambda: os.sched_setaffinity(0, os.sched_getaffinity(0))),
            "setpriority-own": attempt(lambda: os.setpriority(os.PRIO_PROCESS, 0, 1)),
        }

    result = run_in_child(target, Limits(timeout=10))
    assert result.payload == {"prlimit-other": "refused", "setpriority-other": "refused",
                              "affinity-other": "refused", "pidfd-other": "refused",
                              "setrlimit-own": "allowed", "affinity-own": "allowed", "setpriority-own": "allowed"}
    assert resource.getrlimit(resource.RLIMIT_NOFILE) == (soft, hard)
    assert os.getpriority(os.PRIO_PROCESS, 0) == 0
