"""Detector ``scopes``: Keras scopes the student's thread left open.

Runs in the sandboxed child's sender thread, on Keras' thread-local state as the student's thread
left it (read by ``grader.child.run.run_submission`` once the student's code has ended: the sender
cannot see another thread's ``threading.local``). An autocast or stateless scope entered and never
left changes how every layer, variable and optimizer computes in the student's code from then on;
the grader describes models outside any scope. Names, defaults for new objects, what saving keeps
between calls, logging and random seeds are state that is allowed to stay.

Runs in: the sandboxed child's sender or the trusted describer, as each detector's stage says; imports nothing of grader.child.
"""

from __future__ import annotations

from typing import Any

from grader.integrity import Detector, ModelContext, Skipped

# Keras' thread-local state that records names, defaults for new objects, what saving keeps
# between calls, logging and random seeds, not how existing models compute (graded on their own
# dtype policies; flash attention gives attention layers the same results). Loading's
# object-sharing maps are None again once load_model() returns.
THREAD_STATE_KEPT = frozenset({"object_name_uids", "dtype_policy", "custom_objects_scope_dict", "name_scope_stack",
                               "safe_mode_saving", "nnx_enabled", "tracking_on", "global_random_seed",
                               "global_seed_generator", "interactive_logging", "traceback_filtering",
                               "flash_attention"})
THREAD_STATE_KEPT_PREFIX = "saving_attr_skipset_"  # model.save() caches the attributes it skips, by class


class Scopes(Detector):
    id = "scopes"
    title = "Keras scopes were left open"

    @staticmethod
    def inspect(context: ModelContext, kit: Any) -> list[str]:
        if context.thread_state is None:
            raise Skipped("Keras' thread-local state could not be read on this installation")
        scopes = [f"`{name}`" if type(name) is str else "?" for name, value in list(context.thread_state.items())
                  if not (type(name) is str and (name in THREAD_STATE_KEPT or name.startswith(THREAD_STATE_KEPT_PREFIX)))
                  and value is not None and not (type(value) in (list, dict, tuple) and not value)]
        if not scopes:
            return []
        return [f"the submission leaves Keras scopes open ({', '.join(scopes)}), for instance an autocast or stateless "
                "scope entered without leaving it: they change how every layer, variable and optimizer computes in "
                "the student's code from then on, and the grader describes models outside any scope"]
