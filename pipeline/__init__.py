"""newslens: entities, quotes with their speakers, and check-worthy claims from news articles."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newslens")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

__all__ = ["__version__", "load"]


def __getattr__(name: str):
    # `pipeline.load` (in pipeline/frames.py) pulls in pandas; spaCy imports this package through its factory entry
    # points whenever it builds a pipeline, so pandas is imported only when asked for.
    if name == "load":
        from pipeline.frames import load

        return load
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
