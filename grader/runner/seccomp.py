"""A seccomp filter that keeps a submission's hands off processes other than its own.

Landlock stops signals to other processes and the PID namespace hides them, but a few system
calls name a process by its PID and pass neither: with the same user id, ``prlimit`` could set
the worker's open-file limit to 8 (failing the next student's grading) or the describer's CPU
limit to 0, ``setpriority`` and the ``sched_set*`` calls could starve them, and ``pidfd_getfd``
could copy a file descriptor out of another thread of the child itself. With this filter those
calls work on the calling process only (PID 0), or fail with EPERM; the ones that only reach
into other processes (``process_vm_*``, ``pidfd_open``, ``pidfd_getfd``, ``ptrace``, ``kcmp``,
``process_madvise``) always fail. Everything else is allowed.

``install()`` filters the calling thread and everything it starts from then on (it needs
``no_new_privs``); the child's main thread installs it before the student's code runs. On an
architecture it does not know, it installs nothing and says so.

Runs in: the warm worker, and the sandboxed children it forks; imports TensorFlow, never a TensorFlow operation.
"""

from __future__ import annotations

import ctypes
import errno
import platform

PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 22, 2
RET_ALLOW, RET_ERRNO = 0x7FFF0000, 0x00050000
BPF_LD_W_ABS, BPF_JEQ_K, BPF_JGE_K, BPF_RET_K = 0x20, 0x15, 0x35, 0x06
NR_OFFSET, ARCH_OFFSET, ARGS_OFFSET = 0, 4, 16
X32_SYSCALL_BIT = 0x40000000

# (audit architecture, syscalls always refused, {syscall: index of the argument naming a process})
ARCHITECTURES = {
    "x86_64": (0xC000003E,
               {"process_vm_readv": 310, "process_vm_writev": 311, "pidfd_open": 434, "pidfd_getfd": 438,
                "ptrace": 101, "kcmp": 312, "process_madvise": 440},
               {"prlimit64": (302, 0), "setpriority": (141, 1), "sched_setaffinity": (203, 0),
                "sched_setscheduler": (144, 0), "sched_setparam": (142, 0), "sched_setattr": (314, 0),
                "ioprio_set": (251, 1), "migrate_pages": (256, 0), "move_pages": (279, 0)}),
    "aarch64": (0xC00000B7,
                {"process_vm_readv": 270, "process_vm_writev": 271, "pidfd_open": 434, "pidfd_getfd": 438,
                 "ptrace": 117, "kcmp": 272, "process_madvise": 440},
                {"prlimit64": (261, 0), "setpriority": (140, 1), "sched_setaffinity": (122, 0),
                 "sched_setscheduler": (119, 0), "sched_setparam": (118, 0), "sched_setattr": (274, 0),
                 "ioprio_set": (30, 1), "migrate_pages": (238, 0), "move_pages": (239, 0)}),
}


class _Instruction(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8), ("k", ctypes.c_uint32)]


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_uint16), ("filter", ctypes.POINTER(_Instruction))]


def program(machine: str | None = None) -> list[tuple[int, int, int, int]] | None:
    """The filter for ``machine`` (this one by default) as BPF instructions, or None if unknown."""
    known = ARCHITECTURES.get(machine or platform.machine())
    if known is None:
        return None
    arch, refused, own_only = known
    allow, deny = "allow", "deny"
    code: list[tuple[int, object, object, int]] = [
        (BPF_LD_W_ABS, 0, 0, ARCH_OFFSET),
        (BPF_JEQ_K, 0, allow, arch),  # another ABI's numbers mean other calls: leave them alone
        (BPF_LD_W_ABS, 0, 0, NR_OFFSET),
    ]
    if arch == ARCHITECTURES["x86_64"][0]:  # x32 numbers are the same calls again
        code.append((BPF_JGE_K, deny, 0, X32_SYSCALL_BIT))
    code += [(BPF_JEQ_K, deny, 0, number) for number in refused.values()]
    code += [(BPF_JEQ_K, f"arg{index}", 0, number) for number, index in own_only.values()]
    code.append((BPF_RET_K, 0, 0, RET_ALLOW))
    labels = {allow: len(code) - 1}
    for index in sorted({index for _, index in own_only.values()}):
        labels[f"arg{index}"] = len(code)
        low = ARGS_OFFSET + 8 * index  # little-endian: the low 32 bits first
        code += [(BPF_LD_W_ABS, 0, 0, low), (BPF_JEQ_K, 0, deny, 0),
                 (BPF_LD_W_ABS, 0, 0, low + 4), (BPF_JEQ_K, "allow-own", deny, 0)]
    labels[deny] = len(code)
    code.append((BPF_RET_K, 0, 0, RET_ERRNO | errno.EPERM))
    labels["allow-own"] = len(code)  # BPF only jumps forward
    code.append((BPF_RET_K, 0, 0, RET_ALLOW))

    def offset(target: object, here: int) -> int:
        jump = target if isinstance(target, int) else labels[target] - here - 1
        assert 0 <= jump < 256, "a BPF jump goes forward, at most 255 instructions"
        return jump

    return [(op, offset(jt, at), offset(jf, at), k) for at, (op, jt, jf, k) in enumerate(code)]


def install() -> bool:
    """Filter the calling thread and all it starts from now on; False where not possible."""
    instructions = program()
    if instructions is None:
        return False
    array = (_Instruction * len(instructions))(*(_Instruction(*item) for item in instructions))
    prog = _Program(len(instructions), array)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) == 0
    except (OSError, AttributeError):
        return False
