"""What a course does with integrity findings, and what its grading environment provides.

Runs in the ``grader`` process; imports no TensorFlow. A course's ``grader.toml`` (see
grader.course.course; an older ``course.toml`` is read the same way) may say::

    [integrity]            # per detector (grader.integrity): "refuse" or "flag"
    keras-code = "refuse"  # withhold the score until the instructor has looked
    graph = "flag"         # grade it, and list it for review

    [environment]
    packages = ["seaborn"] # imported by every grading worker, for submissions to use

``refuse`` withholds the score (the submission's status is error, kind ``tampered``) and lists
the evidence for the instructor; ``flag`` keeps the score and lists the submission for review.
The defaults (each detector's ``default``) refuse only evidence honest code cannot produce;
``planted-callable`` can only refuse, since the export cannot run safely past it.

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from grader._compat import tomllib
from grader.contract.results import Finding
from grader.course.course import Course, find_course
from grader.errors import ExerciseError, UsageError, unknown_name
from grader.integrity import ACTIONS, DETECTORS, Action


def _defaults() -> Mapping[str, Action]:
    return MappingProxyType({detector.id: detector.default for detector in DETECTORS.values()})


@dataclass(frozen=True)
class IntegrityPolicy:
    """The action for each detector's findings."""

    actions: Mapping[str, Action] = field(default_factory=_defaults)

    def with_actions(self, chosen: Mapping[str, Any], *, source: str = "") -> IntegrityPolicy:
        """This policy with ``chosen`` detectors' actions replaced; a UsageError names an unknown
        detector (with the nearest names) or action, or a flag for a detector that can only refuse."""
        actions = dict(self.actions)
        where = f" in {source}" if source else ""
        for kind, action in chosen.items():
            if kind not in DETECTORS:
                raise unknown_name(f"integrity detector{where}", str(kind), list(DETECTORS))
            if action not in ACTIONS:
                raise UsageError(f"the action for {kind!r}{where} must be one of {', '.join(ACTIONS)}, not {action!r}")
            if action == "flag" and DETECTORS[kind].refuse_only:
                raise UsageError(f"{kind!r}{where} can only be refused: the grader cannot describe a model safely "
                                 "past it")
            actions[kind] = action
        return IntegrityPolicy(MappingProxyType(actions))

    @property
    def refused(self) -> frozenset[str]:
        return frozenset(kind for kind, action in self.actions.items() if action == "refuse")

    def apply(self, findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
        """``findings`` with the action this policy gives each (one per detector and evidence)."""
        seen: set[tuple[str, str]] = set()
        applied = []
        for finding in findings:
            if (finding.kind, finding.evidence) in seen:
                continue
            seen.add((finding.kind, finding.evidence))
            applied.append(Finding(finding.kind, finding.evidence, self.actions.get(finding.kind, "flag")))
        return tuple(applied)

    def key(self) -> str:
        """The refused detectors, for a batch's regrade key: changing the policy changes results."""
        return ",".join(sorted(self.refused))


@dataclass(frozen=True)
class CourseSettings:
    """What the course's ``grader.toml`` says of integrity and environment (each part optional)."""

    policy: IntegrityPolicy = field(default_factory=IntegrityPolicy)
    packages: tuple[str, ...] = ()  # imported by every grading worker, for submissions to use

    @classmethod
    def load(cls, root: Path | None = None) -> CourseSettings:
        """The settings of the course in ``root`` (default: the one the commands find)."""
        course = find_course() if root is None else Course(root=root)
        path = course.config
        if path is None:
            return cls()
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ExerciseError(f"cannot read {path}: {exc}", path=str(path)) from None
        integrity = data.get("integrity", {})
        packages = data.get("environment", {}).get("packages", [])
        if not isinstance(integrity, dict) or not isinstance(packages, list) \
                or not all(isinstance(name, str) and name for name in packages):
            raise ExerciseError(f"{path}: [integrity] must map detectors to actions and [environment] packages "
                                "must be a list of module names", path=str(path))
        try:
            policy = IntegrityPolicy().with_actions(integrity, source=str(path))
        except UsageError as exc:
            raise ExerciseError(exc.message, path=str(path)) from None
        return cls(policy, tuple(packages))


def parse_actions(pairs: list[str]) -> dict[str, str]:
    """``--integrity KIND=ACTION`` options as a mapping; a UsageError for a malformed one."""
    chosen = {}
    for pair in pairs:
        kind, sep, action = pair.partition("=")
        if not sep or not kind.strip() or not action.strip():
            raise UsageError(f"--integrity takes DETECTOR=ACTION (refuse or flag), not {pair!r}")
        chosen[kind.strip()] = action.strip()
    return chosen
