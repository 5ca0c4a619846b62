"""rules/_model_uses.py: a model the file only trains (a GAN's discriminator) is shown so, or not."""

from __future__ import annotations

from dl_testkit import code_rows

GAN = """
    from keras.layers import Input, Dense, Dropout, BatchNormalization
    from keras.models import Sequential, Model
    from keras.utils import plot_model

    class GAN:
        def __init__(self):
            self.discriminator = self.build_discriminator()
            self.discriminator.compile(loss="binary_crossentropy", optimizer="adam")
            self.generator = Sequential([Dense(784, activation="tanh")])
            z = Input((100,))
            self.discriminator.trainable = False
            validity = self.discriminator(self.generator(z))
            self.combined = Model(z, validity)
            self.combined.compile(loss="binary_crossentropy", optimizer="adam")

        def build_discriminator(self):
            model = Sequential()
            model.add(Dense(256))
            model.add(Dropout(0.25))
            model.add(BatchNormalization())
            model.add(Dense(1, activation="sigmoid"))
            img = Input((784,))
            return Model(img, model(img))

        def train(self, x, y, z):
            self.discriminator.train_on_batch(x, y)
            self.combined.train_on_batch(z, y)
            plot_model(self.combined, "gan.png")
            return self.generator.predict(z)
"""


def test_a_discriminator_only_trained_is_not_reported():
    assert code_rows(GAN, {"DL102"}) == []


def test_any_use_for_results_keeps_the_finding():
    uses = (
        "self.discriminator.predict(x)",  # predicts with it
        "self.combined.evaluate(z, y)",  # the combined model runs at inference
        "save(self.discriminator)",  # handed to a function
        "self.discriminator",  # returned to the caller
    )
    for use in uses:
        src = GAN.replace("return self.generator.predict(z)", "return " + use)
        assert code_rows(src, {"DL102"}) == [("DL102", 20)], use
    outside = GAN + "\n    gan = GAN()\n    scores = gan.discriminator.predict(data)\n"
    assert code_rows(outside, {"DL102"}) == [("DL102", 20)]


def test_a_builder_called_for_anything_but_the_attribute_keeps_the_finding():
    src = GAN + "\n        def score(self, x):\n            return self.build_discriminator()(x)\n"
    assert code_rows(src, {"DL102"}) == [("DL102", 20)]
