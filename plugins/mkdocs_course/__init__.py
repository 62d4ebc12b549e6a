"""mkdocs-course: a course written as YAML becomes a course website."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mkdocs-course")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
