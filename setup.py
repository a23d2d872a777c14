"""Build step: the wheel carries the lesson.

The repository keeps the lesson in its top-level ``exercises/``, ``solutions/`` and ``templates/``
folders; a wheel has only packages. This step copies those folders into the built package as
``grader/lesson/``, where ``grader.course.course.lesson_root`` finds them in an installed copy
(an editable install reads the checkout's folders directly). Everything else is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

LESSON = ("exercises", "solutions", "templates")
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", ".DS_Store")


class BuildWithLesson(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        here = Path(__file__).resolve().parent
        target = Path(self.build_lib) / "grader" / "lesson"
        for name in LESSON:
            if (here / name).is_dir():
                shutil.copytree(here / name, target / name, ignore=IGNORED, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithLesson})
