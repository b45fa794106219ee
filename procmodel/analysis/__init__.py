"""Duplicate-structure analysis: step similarity, process matching, register analysis.

Works on :mod:`procmodel.model` objects only; it neither parses XML nor queries SQL.
"""

from procmodel.analysis.basisdienste import COMPONENTS, Recogniser
from procmodel.analysis.matching import (
    Correspondence,
    Matcher,
    MatchSettings,
    Reason,
    Relation,
    match_models,
)
from procmodel.analysis.register import AnalysisSettings, analyse, signature_of
from procmodel.analysis.results import (
    AnalysisResult,
    BasisdienstFinding,
    Decision,
    Doppelstruktur,
    DuplicateCluster,
    Explanation,
    Fragment,
    FragmentOccurrence,
    MediaBreak,
    ModelEntry,
    StepRef,
    step_key,
)
from procmodel.analysis.similarity import LabelSimilarity, LabelStatistics, SimilaritySettings
from procmodel.analysis.steps import ModelSteps, Step, extract_steps

__all__ = [
    "COMPONENTS",
    "AnalysisResult",
    "AnalysisSettings",
    "BasisdienstFinding",
    "Correspondence",
    "Decision",
    "Doppelstruktur",
    "DuplicateCluster",
    "Explanation",
    "Fragment",
    "FragmentOccurrence",
    "LabelSimilarity",
    "LabelStatistics",
    "MatchSettings",
    "Matcher",
    "MediaBreak",
    "ModelEntry",
    "ModelSteps",
    "Reason",
    "Recogniser",
    "Relation",
    "SimilaritySettings",
    "Step",
    "StepRef",
    "analyse",
    "extract_steps",
    "match_models",
    "signature_of",
    "step_key",
]
