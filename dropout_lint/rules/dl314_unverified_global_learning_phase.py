from dropout_lint.rule import Invalid, Rule, example as _ex


class UnverifiedGlobalLearningPhase(Rule):
    """Opt-in: a deprecated `set_learning_phase(...)` call that DL304 could not show breaks anything.

    ## What it does
    Reports the calls of `keras.backend.set_learning_phase(...)` that DL304 looks at (TensorFlow
    2 / Keras >= 2.4 code, where the switch is deprecated) but does not report, because the
    code shows neither of DL304's bugs: that the switch is gone where the code runs (Keras 3),
    or that a model of the file then runs in the wrong mode. Off by default: enable it with
    `extend-select = ["DL314"]` to find every switch left to remove, for example before moving
    to Keras 3.

    ## Why is this bad?
    The switch is process-wide and deprecated since TensorFlow 2.4; Keras 3 removed it, so the
    call becomes an `AttributeError` on upgrade, and until then it silently sets the mode of
    every call without `training=`. Often it does nothing wrong (the mode fits the work after
    it, or every call passes `training=`): that is why this rule is opt-in.

    ## Example
    ```python
    from tensorflow.keras import backend as K
    K.set_learning_phase(1)
    model.fit(x, y)
    ```

    ## Use instead
    ```python
    model.fit(x, y)                     # fit() trains with dropout on
    y = model(x, training=False)        # explicit mode in custom code
    ```

    ## When it stays silent
    Wherever DL304 reports (its finding is not repeated), and on every silence of DL304 where
    the switch is the supported API: TF1 graph code, a branch for TensorFlow 1, multi-backend
    Keras up to 2.3, a project that declares TensorFlow 1 or Keras <= 2.3, a project's own
    function named `set_learning_phase`, test code.

    ## Fix
    Removes the call (its statement, or `pass` when it is the only statement of a block).

    ## References
    - DL304 (`dropout-lint --explain DL304`).
    - TensorFlow 2.4 release notes: `tf.keras.backend.set_learning_phase` deprecated.

    ## Fix safety
    Unsafe. Deleting `set_learning_phase(...)` changes how every layer behaves afterwards in
    that process. Applied with `--fix --unsafe-fixes` only.
    """

    code = "DL314"
    name = "unverified-global-learning-phase"
    severity = "info"
    default = False
    requires = ("learning_phase",)
    fixable = True
    fix_safety = "unsafe"

    valid = [
        # DL304's own finding is not repeated here
        _ex("""
            import tensorflow as tf
            tf.keras.backend.set_learning_phase(1)
            model = tf.keras.Sequential([tf.keras.layers.Dense(8), tf.keras.layers.Dropout(0.5)])
            probs = model(x_test)
        """),
        # TF1 graph code: the supported API
        _ex("""
            import tensorflow as tf
            tf.compat.v1.disable_eager_execution()
            tf.keras.backend.set_learning_phase(0)
        """),
        # the branch for TensorFlow 1
        _ex("""
            import tensorflow as tf
            if tf.__version__.startswith("1."):
                tf.keras.backend.set_learning_phase(1)
        """),
        # standalone multi-backend Keras (<= 2.3 as far as the file shows)
        "import keras.backend as K\nK.set_learning_phase(0)\n",
        # a project's own function of that name
        _ex("""
            def set_learning_phase(v):
                global PHASE
                PHASE = v
            set_learning_phase(1)
        """),
        "import tensorflow as tf\ny = model(x, training=False)\n",
        "from mylib.backend import set_learning_phase\nset_learning_phase(0)\n",
        "from tensorflow.keras import backend as K\nphase = K.learning_phase()\n",
    ]
    invalid = [
        Invalid(
            _ex("""
                from tensorflow.keras import backend as K
                K.set_learning_phase(1)
                model.fit(x, y)
                preds = model.predict(x_test)
            """),
            line=2,
            contains="deprecated",
            fixed="from tensorflow.keras import backend as K\nmodel.fit(x, y)\npreds = model.predict(x_test)\n",
        ),
        Invalid(
            "import tensorflow as tf\ntf.keras.backend.set_learning_phase(0)\n",
            line=2,
            fixed="import tensorflow as tf\n",
        ),
        Invalid("K.set_learning_phase(0)\n", line=1),
        # the model comes from another module
        Invalid(
            _ex("""
                import tensorflow as tf
                from project.models import build_model
                tf.keras.backend.set_learning_phase(1)
                model = build_model()
                probs = model(x_test)
            """),
            line=3,
        ),
        # Monte-Carlo dropout through the switch
        Invalid(
            _ex("""
                import tensorflow as tf
                tf.keras.backend.set_learning_phase(1)
                model = tf.keras.Sequential([tf.keras.layers.Dense(8), tf.keras.layers.Dropout(0.5)])
                samples = [model(x_test) for _ in range(30)]
            """),
            line=2,
        ),
        # restoring a saved phase
        Invalid(
            _ex("""
                import tensorflow as tf
                def evaluate(model, data):
                    old = tf.keras.backend.learning_phase()
                    tf.keras.backend.set_learning_phase(0)
                    result = model.evaluate(data)
                    tf.keras.backend.set_learning_phase(old)
                    return result
            """),
            count=2,
            line=4,
        ),
        Invalid(
            "import tensorflow as tf\nfrom keras.backend import set_learning_phase as slp\nslp(1)\n"
            "@tf.function\ndef step(x):\n    return x\n",
            line=3,
        ),
        Invalid(
            _ex("""
                import tf_keras
                def setup():
                    tf_keras.backend.set_learning_phase(1)
            """),
            line=3,
            fixed=_ex("""
                import tf_keras
                def setup():
                    pass
            """),
        ),
    ]

    def check(self, ctx) -> None:
        from dropout_lint.rules.dl304_global_learning_phase import _remove_statement, assess

        for call, shown in assess(ctx):
            if shown is None:
                ctx.report(
                    call,
                    "`set_learning_phase()` is a deprecated global switch (TF 2.4; gone in Keras 3); dropout-lint "
                    "could not show that it puts a model in the wrong mode (DL304's premise); remove it and pass "
                    "`training=` to the model calls",
                    fix=_remove_statement(ctx, call),
                )
