"""`make mutants` (scripts/mutants.py) breaks the runtime by text edits and
requires the suite to catch each.  An edit whose text the code no longer
holds tests nothing (the script reports it as an error, and three had gone
stale that way), so the suite checks on every run that each still applies,
once and to the code it names."""
import importlib.util

import pytest

from conftest import ROOT


def load_mutants():
    spec = importlib.util.spec_from_file_location("mutants", ROOT / "scripts" / "mutants.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {**module.MUTANTS, **module.GATE_MUTANTS}


MUTANTS = load_mutants()


@pytest.mark.parametrize("name", sorted(MUTANTS))
def test_mutant_edit_applies(name):
    what, path, old, new = MUTANTS[name]
    text = (ROOT / path).read_text()
    assert text.count(old) == 1, f"{name} ({what}): its text occurs {text.count(old)} times in {path}"
    assert old != new, f"{name}: the edit changes nothing"
