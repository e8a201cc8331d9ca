"""Shared test fixtures: sample paths and one real spaCy pipeline per session."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Before anything imports Textual: no animation delays in Pilot tests.
os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
# Never read or fill the user's own parse cache from the tests (subprocesses inherit this).
os.environ["NEWSVIEW_CACHE_DIR"] = tempfile.mkdtemp(prefix="newsview-test-cache-")
atexit.register(shutil.rmtree, os.environ["NEWSVIEW_CACHE_DIR"], ignore_errors=True)

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
#: Copyrighted articles that may sit beside the repository but are never part of it.
SHARED_SAMPLES = REPO.parent / "shared" / "samples"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def arcamax_path() -> Path:
    path = SHARED_SAMPLES / "arcamax-ukraine-ceasefire.txt"
    if not path.is_file():
        pytest.skip("the ArcaMax sample is not beside the repository")
    return path


@pytest.fixture(scope="session")
def nlp():
    """The real English pipeline, loaded once."""
    from newsview.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(autouse=True)
def _unfreeze_after_each_test():
    """The app freezes long-lived objects out of garbage collection (gc.freeze); one test's app is not long-lived."""
    import gc

    yield
    gc.unfreeze()


@pytest.fixture
def local_site():
    """A web server on 127.0.0.1 (tests/webserver.py) for one test, stopped after it."""
    from webserver import Site

    running = Site()
    yield running
    running.stop()


@pytest.fixture
def installed_package(monkeypatch):
    """``installed_package(name, version)``: as if that version of the package were installed
    (its installed version is what the parse cache's key reads)."""
    from newsview import cache

    real = cache._package_version
    pretended: dict[str, str] = {}

    def forget_versions() -> None:
        cache.extractor_fingerprint.cache_clear()
        cache.detector_fingerprint.cache_clear()

    def install(name: str, version: str) -> None:
        pretended[name] = version
        monkeypatch.setattr(cache, "_package_version", lambda package: pretended.get(package) or real(package))
        forget_versions()

    yield install
    forget_versions()


@pytest.fixture
def installed_trafilatura(installed_package):
    """``installed_trafilatura(version)``: as if that trafilatura were installed (its metadata is what the key reads)."""
    return lambda version: installed_package("trafilatura", version)

