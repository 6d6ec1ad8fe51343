"""What ``gongkai parse`` imports: nothing it does not use (each module below costs milliseconds at every start)."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

import gongkai_analysis as gk
from gongkai_analysis import config

#: Modules a run without tokens does without, and what brought them before.
UNUSED = ("importlib.metadata",  # the version of --version, pandas' version for the Parquet metadata
          "importlib.resources",  # config.package_data
          "pyarrow.compute",  # 300 Python wrappers; gongkai_analysis.arrow.call does without
          "subprocess", "hashlib",  # the Office reader, SourceText.digest: imported where used
          "pandas")


def test_package_data_is_where_importlib_resources_finds_it():
    for name in ("departments.csv", "fonts/GongkaiSansSC-Regular.otf"):
        assert config.package_data(name) == Path(str(resources.files(config.PACKAGE).joinpath("data", name)))


def test_gongkai_parse_without_tokens_imports_only_what_it_uses(tmp_path):
    code = ("import sys; from gongkai_analysis.cli import main; "
            f"status = main(['parse', {str(gk.config.BUNDLED_DOCUMENT)!r}, '--out', {str(tmp_path / 'out')!r}, "
            "'-q', '--no-tokens', '--jobs', '1']); "
            f"print(status, [m for m in {UNUSED!r} if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "0 []"
