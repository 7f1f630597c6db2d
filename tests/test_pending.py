"""What a build finds before any engine runs: how a result is cached and read back."""

from __future__ import annotations

import pytest

from data_prep.engines.pending import _from_cache, _to_cache
from data_prep.model import ArticleView, FileResult

VIEW = ArticleView("标题", "https://example.com/a", "联合早报", "2024-01-09T08:00:00+08:00", ("正文。",))


@pytest.mark.parametrize(
    "result",
    [
        pytest.param(FileResult("a.md", screened_out=True, digest="d1"), id="screened-out"),
        pytest.param(FileResult("a.md", digest="d1"), id="read-nothing-found"),
        pytest.param(FileResult("a.md", skip_reason="empty file"), id="skipped"),
        pytest.param(FileResult("a.md", notes=("no publication date",), digest="d1"), id="notes"),
        pytest.param(FileResult("a.md", article=VIEW, digest="d1"), id="article"),
        pytest.param(FileResult("a.md", digest="d1", duplicate_of="b.md"), id="duplicate"),
    ],
)
def test_a_result_is_cached_whole_only_when_it_holds_more_than_its_hash(result: FileResult) -> None:
    bare = FileResult(result.path, screened_out=result.screened_out, digest=result.digest)
    cached = _to_cache(result)
    assert cached == (result.digest, result.screened_out, None if result == bare else result)
    assert _from_cache(result.path, cached) == result
