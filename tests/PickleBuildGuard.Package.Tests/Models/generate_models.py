#!/usr/bin/env python3
"""Model files for the package's end-to-end build tests, made by Python's own pickle module.

Run from anywhere: python3 generate_models.py. Every payload is harmless (touch /tmp/pbg_e2e_*). The benign torch
and scikit-learn files come from the container fixture corpus (tests/fixtures/containers/generate_container_fixtures.py)
and are copied, not regenerated, so both corpora stay byte-identical.
"""
import os
import pickle
import shutil
import sys
import types
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parents[1] / "fixtures"


class Payload:
    """REDUCE onto os.system: the classic critical finding."""

    def __reduce__(self):
        return (os.system, ("touch /tmp/pbg_e2e_poisoned",))


def third_party_object():
    """An instance of a class from a module nobody knows: suspicious (PBG1004), not dangerous."""
    module = types.ModuleType("acme_forecasting.models")
    sys.modules["acme_forecasting"] = types.ModuleType("acme_forecasting")
    sys.modules["acme_forecasting.models"] = module

    class SeasonalModel:
        def __init__(self):
            self.period = 12
            self.weights = [0.5, 0.25, 0.25]

    SeasonalModel.__module__ = "acme_forecasting.models"
    SeasonalModel.__qualname__ = "SeasonalModel"
    module.SeasonalModel = SeasonalModel
    return SeasonalModel()


def main():
    poisoned = pickle.dumps(Payload(), protocol=4)
    (HERE / "poisoned.pkl").write_bytes(poisoned)
    (HERE / "third_party.pkl").write_bytes(pickle.dumps(third_party_object(), protocol=4))
    benign = pickle.dumps({"classes": ["cat", "dog"], "threshold": 0.5}, protocol=4)
    # Cut in the middle: nothing can verify what the rest would have done (unknown, PBG0002).
    (HERE / "truncated.pkl").write_bytes(benign[: len(benign) // 2])
    shutil.copy(FIXTURES / "containers" / "benign" / "torch_zip_state_dict_cnn.pt", HERE / "torch_state_dict.pt")
    shutil.copy(FIXTURES / "containers" / "benign" / "joblib_sklearn_random_forest.joblib", HERE / "sklearn_forest.joblib")
    # Dangerous but not critical: an import with side effects and no call (PBG1002).
    shutil.copy(FIXTURES / "pickles" / "malicious" / "mal_import_side_effect_antigravity.pkl", HERE / "dangerous_import.pkl")


if __name__ == "__main__":
    main()
