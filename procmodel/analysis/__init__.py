"""Duplicate-structure analysis: step similarity, process matching, register analysis.

Works on :mod:`procmodel.model` objects only; it neither parses XML nor queries SQL.
"""

from procmodel.analysis.matching import (
    Correspondence,
    Matcher,
    MatchSettings,
    Reason,
    match_models,
)
from procmodel.analysis.similarity import LabelSimilarity, LabelStatistics, SimilaritySettings
from procmodel.analysis.steps import ModelSteps, Step, extract_steps

__all__ = [
    "Correspondence",
    "LabelSimilarity",
    "LabelStatistics",
    "MatchSettings",
    "Matcher",
    "ModelSteps",
    "Reason",
    "SimilaritySettings",
    "Step",
    "extract_steps",
    "match_models",
]
