"""The timeline lane of a meeting, from its participants' titles and its topics."""

import pytest

from dashboard.lanes import read_lane_rules, resolve_lane


def us(title: str | None, name: str = "Someone") -> dict[str, object]:
    return {"name_en": name, "side": "US", "title": title}


def cn(title: str | None, name: str = "Someone") -> dict[str, object]:
    return {"name_en": name, "side": "CN", "title": title}


@pytest.mark.parametrize(
    ("participants", "topics", "lane"),
    [
        pytest.param([us("President"), cn("President")], ["taiwan"], "leaders", id="summit"),
        pytest.param(
            [us("Governor of California"), cn("President")],
            [],
            "legislators_local",
            id="governor-received-by-xi",
        ),
        pytest.param(
            [us("Assistant Secretary of the Treasury"), cn("Deputy Governor of the People's Bank of China")],
            [],
            "economy",
            id="central-bank-governor-is-not-a-state-governor",
        ),
        pytest.param(
            [us("Senator"), cn("Chairman of the National People's Congress Standing Committee")],
            [],
            "legislators_local",
            id="senators-and-npc",
        ),
        pytest.param(
            [us("Secretary of State"), cn("President")],
            ["fentanyl"],
            "diplomacy",
            id="secretary-received-by-xi",
        ),
        pytest.param(
            [
                us("Assistant to the President for National Security Affairs"),
                cn("Director of the Office of the Central Foreign Affairs Commission"),
            ],
            [],
            "diplomacy",
            id="sullivan-is-not-a-leader",
        ),
        pytest.param(
            [us("Secretary of Defense"), cn("Minister of National Defense")], [], "defense", id="defense"
        ),
        pytest.param(
            [us("Secretary of the Treasury"), cn("Vice Premier")],
            ["trade"],
            "economy",
            id="vice-premier-is-economy",
        ),
        pytest.param(
            [us("Trade Representative"), cn("Minister of Commerce")],
            [],
            "economy",
            id="trade-representative-is-not-a-legislator",
        ),
        pytest.param(
            [us("Attorney General"), cn("Minister of Public Security")],
            [],
            "law_enforcement",
            id="attorney-general-is-not-defense",
        ),
        pytest.param(
            [us("Special Presidential Envoy for Climate"), cn("Special Envoy for Climate Change")],
            [],
            "climate",
            id="climate-envoys",
        ),
        pytest.param(
            [us(None, "Alejandro Mayorkas"), cn(None, "Wang Xiaohong")],
            ["fentanyl"],
            "law_enforcement",
            id="no-titles-topic-decides-mayorkas-is-no-mayor",
        ),
        pytest.param(
            [us(None, "US Department of Defense"), cn(None, "PRC Ministry of National Defense")],
            [],
            "defense",
            id="institutions-by-name",
        ),
        pytest.param([us(None), cn(None)], [], "diplomacy", id="nothing-known-falls-back"),
    ],
)
def test_resolve_lane(participants: list[dict[str, object]], topics: list[str], lane: str) -> None:
    assert resolve_lane(participants, topics, read_lane_rules()) == lane


def test_display_lists_every_lane_leaders_first() -> None:
    rules = read_lane_rules()
    assert rules.display[0] == "leaders" and sorted(rules.display) == sorted(rules.order)
