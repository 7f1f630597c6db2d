"""The one vocabulary loader: packaged YAML, checked word lists, a VocabError naming file and entry."""

from __future__ import annotations

import pickle

import pytest

from data_prep.vocab.loader import VocabError, check_marks, check_words, parse_vocab, read_vocab


def test_read_vocab_reads_a_packaged_file() -> None:
    assert "outlets" in read_vocab("outlets.yaml")


def test_parse_vocab_names_the_file() -> None:
    with pytest.raises(VocabError, match="^x.yaml: file: not valid YAML"):
        parse_vocab("a: [", "x.yaml")


def test_dates_as_text_leaves_a_bad_date_to_its_entry() -> None:
    assert parse_vocab("start: 2024-02-30", "x.yaml", dates_as_text=True) == {"start": "2024-02-30"}


@pytest.mark.parametrize(
    ("value", "options", "reason"),
    [
        pytest.param("说", {}, "must be a list of non-empty strings", id="not-a-list"),
        pytest.param(["说", ""], {}, "must be a list of non-empty strings", id="empty-word"),
        pytest.param(["说", " "], {}, "must be a list of non-empty strings", id="blank-word"),
        pytest.param(["说", 3], {}, "must be a list of non-empty strings", id="number"),
        pytest.param([], {"allow_empty": False}, "must not be empty", id="empty-list"),
        pytest.param(["说", "说"], {"unique": True}, "repeats ['说']", id="repeated"),
    ],
)
def test_check_words_rejects(value: object, options: dict[str, bool], reason: str) -> None:
    with pytest.raises(VocabError) as caught:
        check_words(value, "x.yaml", "verbs", **options)
    assert (caught.value.path, caught.value.entry, caught.value.reason) == ("x.yaml", "verbs", reason)


def test_check_words_and_marks_accept() -> None:
    assert check_words(["说", "说"], "x.yaml", "verbs") == ("说", "说")
    assert check_words([" "], "x.yaml", "spaces", spaces=True) == (" ",)
    assert check_marks(["，", " "], "x.yaml", "marks") == "， "
    with pytest.raises(VocabError, match="single characters"):
        check_marks(["，，"], "x.yaml", "marks")


def test_vocab_error_survives_pickling() -> None:
    """Errors cross process boundaries in a parallel build."""
    error = pickle.loads(pickle.dumps(VocabError("x.yaml", "verbs", "bad")))
    assert (str(error), error.entry) == ("x.yaml: verbs: bad", "verbs")
