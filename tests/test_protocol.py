"""The messages between processes (grader.contract.protocol) and the one list of failure kinds.

No TensorFlow here: messages are built by hand, and the worker's reading of what a child sent is
given child results made up for each case."""

from __future__ import annotations

import csv
import io
import json
import signal

import pytest

from grader.contract.limits import Limits
from grader.contract.protocol import (
    DescribeAnswer,
    DescribeRequest,
    Inspection,
    InspectRequest,
    ProtocolError,
    StatusRequest,
    WorkerHello,
    WorkerStatus,
    request_from_dict,
)
from grader.contract.results import CHILD_FAILURE_KINDS, Failure, FailureKind, Finding
from grader.contract.spec import LayerSpec, ModelSpec, ParamCounts
from grader.runner.sandbox import ChildResult
from grader.runner.worker import interpret_run

SPEC = ModelSpec(model_class="Sequential", built=True, compiled=False, input_shape=(None, 64), input_dtype="float32",
                 layers=(LayerSpec("Dense", "dense", units=10, activation="softmax", output_shape=(None, 10),
                                   params=650),),
                 params=ParamCounts(650, 650, 0))

MESSAGES = [
    InspectRequest(chunks=(("cell 1", "import keras"), ("cell 2", "model = None")), model_variable="model",
                   labels="integer", limits=Limits(timeout=5.0, memory=2**30), behaviour={"epochs": 2},
                   exports=("answer",), weights=True, refuse=frozenset({"keras-code", "graph"})),
    StatusRequest(),
    WorkerHello(versions={"keras": "3.8.0"}, environment={"pandas": "2.2.3"}, sandbox={"user": "nobody"}, warmed=3,
                detectors={"graph": "", "variables": "`keras.src` has no `x`"}),
    WorkerStatus(describer_pid=7),
    Inspection(spec=SPEC, failure=None, notes=("a note",), output="printed\n", elapsed=1.25, exports={"answer": 3},
               findings=(Finding("activations", "layer 1's activation is a function of the submission's own"),)),
    Inspection(spec=None, failure=Failure("syntax", "invalid syntax", line=3)),
    DescribeRequest(plain={"config": {"class_name": "Sequential"}}, labels="one_hot", behaviour=None),
    DescribeAnswer(spec=json.loads(json.dumps(SPEC.to_dict())), findings=({"kind": "layer-state", "evidence": "weights differ"},)),
    DescribeAnswer(error="cannot be rebuilt", timed_out=True),
]


@pytest.mark.parametrize("message", MESSAGES, ids=lambda message: type(message).__name__)
def test_every_message_crosses_a_pipe_unchanged(message):
    line = json.dumps(message.to_dict())
    assert type(message).from_dict(json.loads(line)) == message


@pytest.mark.parametrize("message", [MESSAGES[0], MESSAGES[1]], ids=["inspect", "status"])
def test_the_worker_reads_each_request_by_its_op(message):
    assert request_from_dict(json.loads(json.dumps(message.to_dict()))) == message


@pytest.mark.parametrize("data", [{"op": "shutdown"}, {"chunks": []}, ["inspect"],
                                  {"op": "inspect", "chunks": [["a", "b"]]}],
                         ids=["unknown-op", "no-op", "not-a-dict", "missing-fields"])
def test_a_request_that_is_not_in_the_protocol_is_refused_by_name(data):
    with pytest.raises(ProtocolError):
        request_from_dict(data)


def test_a_failure_kind_is_its_code_wherever_it_is_written():
    failure = Failure("timeout", "stopped")
    assert failure.kind is FailureKind.TIMEOUT and failure.kind == "timeout"
    assert json.dumps(failure.to_dict()) == '{"kind": "timeout", "message": "stopped"}'
    assert f"{failure.kind}" == str(failure.kind) == "timeout"
    row = io.StringIO()
    csv.writer(row).writerow([failure.kind])
    assert row.getvalue().strip() == "timeout"


def test_a_failure_of_a_kind_not_in_the_list_cannot_be_made():
    with pytest.raises(ValueError):
        Failure("timed-out", "a typo in a kind")


def test_what_a_child_may_answer_is_a_part_of_the_kinds():
    assert CHILD_FAILURE_KINDS < {kind.value for kind in FailureKind}
    assert "timeout" not in CHILD_FAILURE_KINDS and "crashed" not in CHILD_FAILURE_KINDS  # the worker decides those


def child(payload=None, *, exit_code=0, killed_by=None, timed_out=False, output=""):
    return ChildResult(payload=payload, exit_code=exit_code, signal=killed_by, timed_out=timed_out, output=output,
                       elapsed=0.5)


def test_a_model_goes_to_the_describer_with_what_the_child_printed():
    model = {"config": {"class_name": "Sequential"}}
    inspection, plain = interpret_run(child({"model": model, "notes": ["n"], "exports": {"a": 1}}, output="hi"),
                                      Limits())
    assert plain == model
    assert (inspection.failure, inspection.notes, inspection.output, inspection.exports) == (None, ("n",), "hi",
                                                                                             {"a": 1})


def test_a_child_cannot_claim_a_kind_only_the_worker_decides():
    # A child answering "timeout" (or anything not a child's kind) is not believed: it ended without a result.
    inspection, plain = interpret_run(child({"error": {"kind": "timeout", "message": "x"}}, exit_code=70), Limits())
    assert plain is None and inspection.failure.kind is FailureKind.CRASHED


def test_a_child_that_ran_out_of_time_is_a_timeout_whatever_it_sent():
    inspection, plain = interpret_run(child({"model": {"config": {}}}, timed_out=True, exit_code=None),
                                      Limits(timeout=4))
    assert plain is None and inspection.failure.kind is FailureKind.TIMEOUT
    assert "still running after 4 s" in inspection.failure.message


def test_a_child_killed_by_a_segfault_crashed():
    inspection, _ = interpret_run(child(None, exit_code=None, killed_by=signal.SIGSEGV), Limits())
    assert inspection.failure.kind is FailureKind.CRASHED and "SIGSEGV" in inspection.failure.message


def test_only_known_detectors_findings_reach_the_report():
    payload = {"error": {"kind": "exception", "message": "boom", "line": 2},
               "findings": [{"kind": "graph", "evidence": "e"}, {"kind": "made-up", "evidence": "f"}, "junk"]}
    inspection, _ = interpret_run(child(payload, exit_code=70), Limits())
    assert inspection.failure == Failure("exception", "boom", 2)
    assert inspection.findings == (Finding("graph", "e"),)


def test_every_kind_the_child_sends_is_one_the_worker_believes():
    # The child writes its kinds as strings (the wire format it shares with the worker): each must be
    # a child's kind, or the worker would report an honest syntax error as a crash.
    import ast

    from tests.conftest import ROOT

    sent = set()
    for path in (ROOT / "grader" / "child").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "error_answer":
                sent |= {leaf.value for leaf in ast.walk(node.args[0])
                         if isinstance(leaf, ast.Constant) and isinstance(leaf.value, str)}
    assert sent and sent <= CHILD_FAILURE_KINDS, sent - CHILD_FAILURE_KINDS
    assert {"syntax", "exception", "missing_package", "memory", "tampered", "unsupported_model"} <= sent
