"""Shared fixtures: paths to the real corpora in ../shared (tests skip cleanly without them)."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run of `make test`, so CI is reproducible (a
# random draw once failed CI on a CSV case no earlier run had met). `make test-explore` draws new
# examples on each run to look for such cases; a failure found there becomes a fixed test.
settings.register_profile("ci", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("MEDIALENS_HYPOTHESIS", "ci"))

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = SHARED / "data"
FIXTURE_PAGE = SHARED / "fixtures" / "000_146c980f7ac703f2.txt"
TEST_DATA = Path(__file__).resolve().parent / "data"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"real data not available: {path} is absent (../shared is not beside the project)")
    return path


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data``; skips the test when absent."""
    return _need(DATA)


@pytest.fixture(scope="session")
def fixture_page() -> Path:
    """The canonical scraped web page (``../shared/fixtures/000_146c980f7ac703f2.txt``)."""
    return _need(FIXTURE_PAGE)


def iter_jsonl_gz(path: Path) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


@pytest.fixture(scope="session")
def reuters_path() -> Path:
    return _need(DATA / "reuters21578" / "reuters21578.jsonl.gz")


@pytest.fixture(scope="session")
def bbc_path() -> Path:
    return _need(DATA / "bbc_news" / "bbc_news.jsonl.gz")


@pytest.fixture(scope="session", autouse=True)
def _feature_cache_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the feature cache of CLI runs (default ``outputs/.cache``) out of the checkout."""
    import os

    old = os.environ.get("MEDIALENS_CACHE_DIR")
    os.environ["MEDIALENS_CACHE_DIR"] = str(tmp_path_factory.mktemp("feature-cache"))
    yield
    if old is None:
        os.environ.pop("MEDIALENS_CACHE_DIR", None)
    else:
        os.environ["MEDIALENS_CACHE_DIR"] = old
