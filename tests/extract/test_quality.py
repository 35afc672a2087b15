"""The extractor's figures on the labelled corpus never fall below the stored floors.

Floors only go up: after an improvement, set them to the new figures rounded down.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scrapers.extract.evaluate import evaluate_corpus, load_cases

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
FLOORS = Path(__file__).with_name("quality_floors.json")


def test_figures_stay_at_or_above_their_floors() -> None:
    if not CORPUS.is_dir() or not load_cases(CORPUS):
        pytest.skip("no labelled corpus cases")
    figures = evaluate_corpus(CORPUS).to_dict()["overall"]
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    below = {
        name: (figures[name], floor) for name, floor in floors.items() if figures[name] < floor
    }
    assert not below, f"below floor (figure, floor): {below}"
