"""Stage correct (after merge, before output): analysts' corrections applied to the extracted table.

Public surface: read and check the corrections file, apply it with one pure function (the build and
the dashboard both call it), find rows again by the fallback key, append to the file keeping comments.
"""

from data_prep.correct.appending import append_correction, remove_correction
from data_prep.correct.apply import CorrectionResult, Effect, Orphan, apply_corrections
from data_prep.correct.entries import (
    Correction,
    CorrectionProblem,
    CorrectionsFileError,
    MatchKey,
    parse_corrections,
    read_corrections_file,
)
from data_prep.correct.matching import FALLBACK_DAYS, principals, remember_keys, row_key
from data_prep.correct.people import OfficialsIndex, build_officials_index
from data_prep.correct.rows import describe_row
from data_prep.correct.values import PersonSpec

__all__ = [
    "FALLBACK_DAYS",
    "Correction",
    "CorrectionProblem",
    "CorrectionResult",
    "CorrectionsFileError",
    "Effect",
    "MatchKey",
    "OfficialsIndex",
    "Orphan",
    "PersonSpec",
    "append_correction",
    "apply_corrections",
    "build_officials_index",
    "describe_row",
    "parse_corrections",
    "principals",
    "read_corrections_file",
    "remember_keys",
    "remove_correction",
    "row_key",
]
