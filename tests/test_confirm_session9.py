"""--confirm on what left set 8's real findings unbuildable (issue 15, session 9; the cause table
in benchmarks/confirm_realworld.md), against real TensorFlow. Every project is written by the
test into ``tmp_path`` (no code of the packages that showed the causes), one worker judges them
all, and every stand-in is said in the verdict:

- a module that is not installed, used at another module's import (``not hub.progress_off()``,
  ``os.path.join(hub.HOME, ...)``): its placeholder reads as False / as a path there, said; the
  project's own ``try: import x / except ImportError:`` fallback, and a probe
  (``importlib.util.find_spec``), still see it as not installed;
- a submodule an installed package no longer has (``from numpy.X import f``, as numpy 2 dropped
  ``numpy.core.umath_tests``): stood in for like a module that is not installed, and named;
- an abstract class (``abc``) with no call site: built through a throw-away subclass with its
  abstract methods stubbed, not when the flagged method is itself abstract;
- a parameter defaulting to None that the code refuses (``if widths is None: raise``): a value
  from a configuration class beside the file;
- a constructor parameter only kept on the instance (``self.path_to_model = path_to_model``)
  that the code built does not read: None, said;
- a model loaded from a file (``load_model(path)``): one line that says so;
- a project's import-time check of an installed distribution's metadata: one line that says so;
- an attribute a mixin reads and never sets (``self.network``): one line that says so.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.tensorflow

from dropout_lint.confirm import confirm_findings  # noqa: E402
from confirm_cases import at, check, lay_out  # noqa: E402

FILES = {
    # A package whose import reads values of a module that is not installed.
    "hubpkg/__init__.py": """
        import os

        import dl_absent_hub.utils as hub_utils
        from dl_absent_hub import constants

        _bars_on = not hub_utils.progress_bars_disabled()
        CACHE = os.path.join(constants.HOME, "modules")
        WIDTH = 4
    """,
    "hubpkg/net.py": """
        from tensorflow import keras

        from hubpkg import WIDTH


        def build():
            inp = keras.Input((8,))
            x = keras.layers.Dense(WIDTH)(inp)
            x = keras.layers.Dropout(0.9)(x)
            return keras.Model(inp, x)


        model = build()
    """,
    "hubpkg/uses.py": """
        from tensorflow import keras

        import dl_absent_hub


        inp = keras.Input((8,))
        x = keras.layers.Dense(dl_absent_hub.WIDTH + 1)(inp)
        x = keras.layers.Dropout(0.93)(x)
        model = keras.Model(inp, x)
    """,
    # A package whose import fails on a module that is not installed (so the build runs again
    # with placeholders), and whose other module falls back when its import fails.
    "guard/__init__.py": """
        import dl_absent_plots as plots

        plots.style.use("ggplot")
        WIDTH = 4
    """,
    "guard/rates.py": """
        import importlib.util

        try:
            import dl_absent_fast  # noqa: F401

            RATE = 0.2
        except ImportError:
            RATE = 0.97
        PROBED = 0.1 if importlib.util.find_spec("dl_absent_probe") is not None else 0.96
    """,
    "guard/late.py": """
        from tensorflow import keras

        from guard import WIDTH

        try:
            import dl_absent_plots  # noqa: F401 - stood in for already, by guard/__init__.py

            LATE = 0.2
        except ImportError:
            LATE = 0.98

        model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(WIDTH), keras.layers.Dropout(LATE)])
    """,
    "guard/net.py": """
        from tensorflow import keras

        from guard.rates import RATE

        model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(4), keras.layers.Dropout(RATE)])
    """,
    "guard/probed.py": """
        from tensorflow import keras

        from guard.rates import PROBED

        model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(4), keras.layers.Dropout(PROBED)])
    """,
    "guard/in_slice.py": """
        from tensorflow import keras

        from guard import WIDTH

        try:
            import dl_absent_fast2  # noqa: F401

            OWN_RATE = 0.3
        except ImportError:
            OWN_RATE = 0.95

        model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(WIDTH), keras.layers.Dropout(OWN_RATE)])
    """,
    # A submodule numpy does not have, imported by a project module the build needs.
    "oldnp/__init__.py": "",
    "oldnp/helpers.py": """
        from numpy.dl_absent_tests import inner1d

        WIDTH = 4


        def norms(a):
            return inner1d(a, a)
    """,
    "oldnp/net.py": """
        from tensorflow import keras

        from oldnp.helpers import WIDTH

        model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(WIDTH), keras.layers.Dropout(0.91)])
    """,
    "oldnp/uses.py": """
        import numpy as np
        from tensorflow import keras

        from oldnp.helpers import norms

        width = int(norms(np.ones(2)))
        model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(width), keras.layers.Dropout(0.92)])
    """,
    "oldnp/after.py": """
        import numpy
        from tensorflow import keras

        AFTER = 0.2 if hasattr(numpy, "dl_absent_tests") else 0.94
        model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(4), keras.layers.Dropout(AFTER)])
    """,
    "abstract_model.py": """
        import abc

        from tensorflow import keras


        class Trainer(abc.ABC):
            @abc.abstractmethod
            def data(self):
                ...

            @property
            @abc.abstractmethod
            def name(self):
                ...


        class DenseTrainer(Trainer):
            def model(self):
                inp = keras.Input((8,))
                x = keras.layers.Dense(4)(inp)
                x = keras.layers.Dropout(0.9)(x)
                return keras.Model(inp, x)


        class DataTrainer(Trainer):
            def model(self):
                inp = keras.Input((8,))
                x = keras.layers.Dense(len(self.data()))(inp)
                x = keras.layers.Dropout(0.92)(x)
                return keras.Model(inp, x)


        class Template(abc.ABC):
            @abc.abstractmethod
            def model(self):
                inp = keras.Input((8,))
                x = keras.layers.Dropout(0.95)(inp)
                return keras.Model(inp, x)
    """,
    "refused_config.py": """
        class ClassifierConfig:
            stage_widths: tuple = (
                8,
                4,
            )
    """,
    "refused.py": """
        from tensorflow import keras


        class Classifier(keras.Model):
            def __init__(self, stage_widths=None, name="classifier", **kwargs):
                if stage_widths is None:
                    raise ValueError("`stage_widths` must be provided.")
                inp = keras.Input((8,))
                x = inp
                for w in stage_widths:
                    x = keras.layers.Dense(w)(x)
                x = keras.layers.Dropout(rate=0, name="drop")(x)
                super().__init__(inputs=inp, outputs=x, name=name, **kwargs)
    """,
    "kept_path.py": """
        from tensorflow import keras


        class Restorer:
            def __init__(self, path_to_model):
                self.path_to_model = path_to_model

            def rebuild(self, learning_rate):
                model = keras.Sequential()
                model.add(keras.Input((8,)))
                model.add(keras.layers.Dense(8))
                model.add(keras.layers.Dropout(0.3))
                model.add(keras.layers.BatchNormalization())
                model.load_weights(self.path_to_model)
                return model


        class Reader:
            def __init__(self, spec):
                self.spec = spec

            def rebuild(self):
                model = keras.Sequential()
                model.add(keras.Input((8,)))
                model.add(keras.layers.Dense(8 if self.spec else 4))
                model.add(keras.layers.Dropout(0.31))
                model.add(keras.layers.BatchNormalization())
                return model
    """,
    "loaded.py": """
        from tensorflow import keras
        from keras.models import load_model

        base = load_model("base.keras")
        x = keras.layers.Dropout(0.0)(base.output)
        model = keras.Model(base.input, x)
    """,
    "mixin.py": """
        from tensorflow import keras


        class HeadMixin:
            def head(self):
                inp = keras.Input((self.network_width,))
                x = keras.layers.Dropout(0.9)(inp)
                return keras.Model(inp, x)
    """,
    "metapkg/__init__.py": """
        import importlib.metadata


        def require(pkg):
            try:
                importlib.metadata.version(pkg.split(">")[0])
            except importlib.metadata.PackageNotFoundError:
                raise importlib.metadata.PackageNotFoundError(
                    f"The '{pkg}' distribution was not found and is required by this application. "
                )


        require("dl-absent-dist>=1.0")
        WIDTH = 4
    """,
    "metapkg/net.py": """
        from tensorflow import keras

        from metapkg import WIDTH

        model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(WIDTH), keras.layers.Dropout(0.9)])
    """,
}


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory):
    root = tmp_path_factory.mktemp("session9")
    lay_out(root, FILES)
    cases = {
        "import-time": at(root, "hubpkg/net.py", "DL202", "keras.layers.Dropout(0.9)"),
        "import-used": at(root, "hubpkg/uses.py", "DL202", "keras.layers.Dropout(0.93)"),
        "guarded": at(root, "guard/net.py", "DL202", "keras.layers.Dropout(RATE)"),
        "probed": at(root, "guard/probed.py", "DL202", "keras.layers.Dropout(PROBED)"),
        "guarded-late": at(root, "guard/late.py", "DL202", "keras.layers.Dropout(LATE)"),
        "guarded-slice": at(root, "guard/in_slice.py", "DL202", "keras.layers.Dropout(OWN_RATE)"),
        "submodule": at(root, "oldnp/net.py", "DL202", "keras.layers.Dropout(0.91)"),
        "submodule-used": at(root, "oldnp/uses.py", "DL202", "keras.layers.Dropout(0.92)"),
        "submodule-after": at(root, "oldnp/after.py", "DL202", "keras.layers.Dropout(AFTER)"),
        "abstract": at(root, "abstract_model.py", "DL202", "keras.layers.Dropout(0.9)"),
        "abstract-used": at(root, "abstract_model.py", "DL202", "keras.layers.Dropout(0.92)"),
        "abstract-flagged": at(root, "abstract_model.py", "DL202", "keras.layers.Dropout(0.95)"),
        "refused-none": at(root, "refused.py", "DL203", "keras.layers.Dropout(rate=0"),
        "kept-path": at(root, "kept_path.py", "DL102", "keras.layers.Dropout(0.3)"),
        "kept-read": at(root, "kept_path.py", "DL102", "keras.layers.Dropout(0.31)"),
        "loaded": at(root, "loaded.py", "DL203", "keras.layers.Dropout(0.0)"),
        "metadata": at(root, "metapkg/net.py", "DL202", "keras.layers.Dropout(0.9)"),
        "mixin": at(root, "mixin.py", "DL202", "keras.layers.Dropout(0.9)"),
    }
    confirm_findings(list(cases.values()), timeout=90, max_rate=0.8)
    return {k: f.confirmation for k, f in cases.items()}


def test_a_module_read_at_another_modules_import_stands_in_and_says_what_was_read(verdicts):
    # Before: "ModuleNotFoundError: `dl_absent_hub` is not installed and the build uses
    # `dl_absent_hub.utils.progress_bars_disabled(...)`" (its truth value, read at the import).
    check(
        verdicts,
        "import-time",
        "confirmed",
        "rate=0.9",
        "stood in by a placeholder module the build did not use: `dl_absent_hub`",
        "`dl_absent_hub.utils.progress_bars_disabled(...)` read as False at the import of `hubpkg`",
        "`dl_absent_hub.constants.HOME` read as a path at the import of `hubpkg`",
    )


def test_a_placeholder_the_build_itself_uses_is_unbuildable_and_named(verdicts):
    check(
        verdicts,
        "import-used",
        "unbuildable",
        "`dl_absent_hub` is not installed and the build uses `dl_absent_hub.WIDTH`",
    )


def test_the_projects_except_import_error_fallback_is_still_taken(verdicts):
    # Before: the second run (placeholders on, for `dl_absent_plots`) imported `dl_absent_fast`
    # too: not-applicable, "the built layer has rate=0.2" (the branch the project does not take).
    check(verdicts, "guarded", "confirmed", "rate=0.97", "`dl_absent_plots`")
    assert "dl_absent_fast" not in verdicts["guarded"].detail


def test_a_probe_still_finds_the_module_not_installed(verdicts):
    # Before: importlib.util.find_spec answered with a placeholder's spec: "rate=0.1", not-applicable.
    check(verdicts, "probed", "confirmed", "rate=0.96")


def test_a_fallback_in_the_flagged_file_itself_is_still_taken(verdicts):
    # Before: "the built layer has rate=0.3", not-applicable.
    check(verdicts, "guarded-slice", "confirmed", "rate=0.95")
    assert "dl_absent_fast2" not in verdicts["guarded-slice"].detail


def test_a_fallback_on_a_module_already_stood_in_for_is_still_taken(verdicts):
    # Before: the placeholder another module's import made was found: "rate=0.2", not-applicable.
    check(verdicts, "guarded-late", "confirmed", "rate=0.98", "`dl_absent_plots`")


def test_a_submodule_the_installed_package_lacks_stands_in(verdicts):
    # Before: "ModuleNotFoundError: No module named 'numpy.dl_absent_tests'".
    check(verdicts, "submodule", "confirmed", "rate=0.91", "`numpy.dl_absent_tests` (not in the installed numpy")


def test_a_missing_submodule_the_build_uses_is_named(verdicts):
    check(
        verdicts,
        "submodule-used",
        "unbuildable",
        "`numpy.dl_absent_tests` is not in the installed numpy",
        "uses `numpy.dl_absent_tests.inner1d(...)`",
    )


def test_a_stood_in_submodule_does_not_stay_on_the_installed_package(verdicts):
    check(verdicts, "submodule-after", "confirmed", "rate=0.94")


def test_an_abstract_class_is_built_through_a_subclass_with_its_abstract_methods_stubbed(verdicts):
    # Before: "TypeError: Can't instantiate abstract class DenseTrainer with abstract methods data, name".
    check(
        verdicts,
        "abstract",
        "confirmed",
        "rate=0.9",
        "`DenseTrainer` is abstract: built as a throw-away subclass with `data`, `name` stubbed",
    )


def test_a_stubbed_abstract_method_the_build_calls_is_unbuildable_and_named(verdicts):
    check(verdicts, "abstract-used", "unbuildable", "the build calls `DataTrainer.data`, which is abstract")


def test_an_abstract_flagged_method_is_not_stubbed_around(verdicts):
    check(verdicts, "abstract-flagged", "unbuildable", "abstract")
    assert "throw-away" not in verdicts["abstract-flagged"].detail


def test_a_default_none_the_code_refuses_gets_the_configuration_classes_value(verdicts):
    # Before: "ValueError: `stage_widths` must be provided."
    check(
        verdicts,
        "refused-none",
        "confirmed",
        "rate=0",
        "stage_widths=(8, 4) (the default of `stage_widths` in `ClassifierConfig` (refused_config.py))",
        "the code refuses its default None",
    )


def test_a_constructor_argument_only_kept_and_not_read_by_the_build_is_none(verdicts):
    # Before: "`Restorer()` needs path_to_model and no call site in this file gives them".
    check(
        verdicts,
        "kept-path",
        "confirmed",
        "BatchNormalization",
        "path_to_model=None (`Restorer()` only keeps it as `self.path_to_model`, which the code built does not read)",
    )


def test_a_kept_constructor_argument_the_build_reads_is_not_made_up(verdicts):
    check(verdicts, "kept-read", "unbuildable", "`Reader()` needs spec")


def test_a_model_loaded_from_a_file_says_so_in_one_line(verdicts):
    # Before: "building it needs `load_model(...)` (line 4): --confirm loads no data and trains nothing".
    check(verdicts, "loaded", "unbuildable", "the model is loaded from a file at run time: `load_model(...)` (line 4)")


def test_an_import_time_check_of_a_distributions_metadata_says_so(verdicts):
    check(
        verdicts,
        "metadata",
        "unbuildable",
        "the project checks at import that the distribution `dl-absent-dist>=1.0` is installed: it is not",
    )


def test_an_attribute_a_mixin_never_sets_says_so(verdicts):
    # Before: "AttributeError: 'HeadMixin' object has no attribute 'network_width'".
    check(
        verdicts,
        "mixin",
        "unbuildable",
        "the build reads `self.network_width`, which `HeadMixin` never sets (a mixin or base class",
    )
