"""Wrapped by CSnakes: C# calls env.Scoring().load_model(path)."""
import pickle


def load_model(path: str):
    with open(path, "rb") as f:
        return pickle.load(f)  # PBG2004 is reported here, at this line of scoring.py


def load_reviewed(path: str):
    # The C# caller runs PickleGuard.EnsureSafe(path) before calling this wrapper.
    with open(path, "rb") as f:
        return pickle.load(f)  # noqa: PBG2004 guarded by the caller (Guarded.ScoreWithCSnakes)
