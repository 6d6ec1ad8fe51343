"""Project paths and constants: computed, never created at import time."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import GongkaiError

PACKAGE = "gongkai_analysis"
#: The folder holding `pyproject.toml` when the package runs from a clone.
REPO_ROOT = Path(__file__).resolve().parent.parent
RAW_DIR = REPO_ROOT / "data" / "raw"
PROCESSED_DIR = REPO_ROOT / "data" / "processed"
#: The bundled document of the project.
BUNDLED_DOCUMENT = RAW_DIR / "dongcheng-2017-zhengwu-gongkai-gongzuo-yaodian.txt"

#: File suffixes read as plain text (a file without suffix is read as text too).
TEXT_SUFFIXES = (".txt", ".text", ".md")
#: File suffixes of web pages.
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
#: Legacy office files, converted with a headless LibreOffice (``soffice``) when one is installed.
LEGACY_SUFFIXES = (".doc", ".wps", ".rtf", ".xls", ".et")
#: File suffixes the reader understands; in a folder, every other file is listed among the errors.
SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, ".docx", ".xlsx", ".pdf", *LEGACY_SUFFIXES)

#: Largest file read, in MB (environment variable ``GONGKAI_MAX_FILE_MB``).
MAX_FILE_MB = 100
#: Largest total uncompressed size of a .docx or .xlsx (a zip archive), in MB
#: (``GONGKAI_MAX_UNPACKED_MB``): a small archive that inflates beyond it is refused unread.
MAX_UNPACKED_MB = 200
#: Seconds LibreOffice may take to convert one legacy file (``GONGKAI_CONVERT_TIMEOUT``).
CONVERT_TIMEOUT = 120


def limit(name: str) -> float:
    """A reading limit: the environment variable ``GONGKAI_<NAME>`` when set, else the default here.

    Parameters
    ----------
    name : {"MAX_FILE_MB", "MAX_UNPACKED_MB", "CONVERT_TIMEOUT"}
        The limit.

    Returns
    -------
    float
        Its value (MB or seconds).

    Raises
    ------
    GongkaiError
        When the environment variable is not a positive number.

    Examples
    --------
    >>> limit("MAX_FILE_MB")
    100.0
    """
    default = {"MAX_FILE_MB": MAX_FILE_MB, "MAX_UNPACKED_MB": MAX_UNPACKED_MB, "CONVERT_TIMEOUT": CONVERT_TIMEOUT}[name]
    value = os.environ.get(f"GONGKAI_{name}")
    if value is None or not value.strip():
        return float(default)
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not number > 0:
        raise GongkaiError(f"{value!r} is not a positive number", source=f"GONGKAI_{name}")
    return number


def package_data(name: str) -> Path:
    """Return the path of a file shipped in ``gongkai_analysis/data``.

    Parameters
    ----------
    name : str
        The file's name in that folder (``cadence_rules.csv``,
        ``departments.csv`` …).

    Returns
    -------
    Path
        Where the file is; whether it exists is not checked.

    Examples
    --------
    >>> path = package_data("cadence_rules.csv")
    >>> path.parent.name, path.exists()
    ('data', True)
    """
    # The package's own folder, as importlib.resources.files finds it for an installed package,
    # without importing importlib.resources (9 ms at every start, with zipfile and typing).
    return Path(__file__).parent / "data" / name


def cache_dir() -> Path:
    """Return a per-user cache folder (not created here).

    ``GONGKAI_CACHE_DIR`` wins, then ``XDG_CACHE_HOME``, then ``~/.cache``; when
    the home folder cannot be found, a per-user folder in the temp directory.

    Returns
    -------
    Path
        The folder, which may not exist yet.

    Examples
    --------
    >>> import os
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"GONGKAI_CACHE_DIR": "/srv/gk", "XDG_CACHE_HOME": "/srv/xdg"}):
    ...     cache_dir().as_posix()
    '/srv/gk'
    >>> with mock.patch.dict(os.environ, {"GONGKAI_CACHE_DIR": "", "XDG_CACHE_HOME": "/srv/xdg"}):
    ...     cache_dir().as_posix()
    '/srv/xdg/gongkai_analysis'
    """
    explicit = os.environ.get("GONGKAI_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / PACKAGE
    try:
        return Path.home() / ".cache" / PACKAGE
    except RuntimeError:
        return fallback_cache_dir()


def fallback_cache_dir() -> Path:
    """A cache folder in the temp directory named for this user (checked before use).

    Returns
    -------
    Path
        ``<temp dir>/gongkai_analysis-<uid>`` (the process id where the
        system has no user ids); not created here.

    Examples
    --------
    >>> path = fallback_cache_dir()
    >>> path.parent == Path(tempfile.gettempdir()), path.name.startswith("gongkai_analysis-")
    (True, True)
    """
    uid = os.getuid() if hasattr(os, "getuid") else os.getpid()
    return Path(tempfile.gettempdir()) / f"{PACKAGE}-{uid}"


def version() -> str:
    """The installed package's version (from its metadata, read when asked).

    Returns
    -------
    str
        The version, or ``"0+unknown"`` when the package was never installed
        (run from a source tree).

    Examples
    --------
    >>> version().count(".") >= 1
    True
    """
    from importlib import metadata

    try:
        return metadata.version("gongkai-analysis")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"
