"""The installed package: where it lives, which library it loads, and that it refuses others."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

import caseflow


def test_imported_from_the_installed_package_not_the_source_tree():
    here = Path(caseflow.__file__).resolve()
    assert "site-packages" in here.parts, here
    assert Path(sys.prefix) in here.parents, (sys.prefix, here)


def test_loads_the_library_packed_inside_it_with_no_environment_variable():
    assert "CASEFLOW_LIBRARY" not in os.environ, "the tests must run as a user would: no variable set"
    assert Path(caseflow.library_path).parent == Path(caseflow.__file__).parent
    assert caseflow.RuleSet.builtin("dk").name == "dk"


def test_versions_agree():
    assert caseflow.__version__ == caseflow.version()
    assert caseflow.ABI_VERSION == 1
    assert caseflow.version().count(".") == 2


def _import_with(library):
    env = dict(os.environ, CASEFLOW_LIBRARY=str(library))
    return subprocess.run([sys.executable, "-c", "import caseflow; print(caseflow.library_path)"],
                          env=env, capture_output=True, text=True)


def test_caseflow_library_chooses_the_library():
    run = _import_with(caseflow.library_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == str(caseflow.library_path)


def test_refuses_a_library_that_is_not_caseflow():
    run = _import_with("libm.so.6")
    assert run.returncode != 0
    assert "is not a caseflow library" in run.stderr


def test_refuses_a_library_that_does_not_exist():
    run = _import_with("/no/such/libcaseflow.so")
    assert run.returncode != 0
    assert "/no/such/libcaseflow.so" in run.stderr


def test_builtin_rulesets_and_unknown_ones():
    assert caseflow.RuleSet.builtin_names() == ["dk", "dk-2008"]
    with pytest.raises(caseflow.CaseflowError) as err:
        caseflow.RuleSet.builtin("dk-1999")
    assert err.value.status == caseflow.Status.NOT_FOUND
    assert "'dk-1999'" in err.value.message and "dk, dk-2008" in err.value.message
