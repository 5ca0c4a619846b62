"""dropout-lint: find dropout misuse in Keras / TensorFlow code."""

__version__ = "0.1.0"
