"""Property tests of rule evaluation: pure, so no database."""

from hypothesis import given
from hypothesis import strategies as st

from cases.models import HandlingMode, RoutingRule
from cases.routing_rules import CaseFacts, first_matching_rule, rule_match
from complaints.models import InfringementType, RightType

facts_strategy = st.builds(
    CaseFacts,
    right_type=st.sampled_from(RightType.values),
    infringement_type=st.sampled_from(InfringementType.values),
    has_evaluation_report=st.booleans(),
    listing_count=st.integers(1, 10_000),
    store_upheld_cases=st.integers(0, 50),
    requested_administrative=st.booleans(),
)
rule_strategy = st.builds(
    RoutingRule,
    position=st.integers(1, 1000),
    name=st.just("rule"),
    is_active=st.booleans(),
    right_types=st.lists(st.sampled_from(RightType.values), unique=True, max_size=3),
    infringement_types=st.lists(st.sampled_from(InfringementType.values), unique=True, max_size=2),
    requested_administrative=st.none() | st.booleans(),
    has_evaluation_report=st.none() | st.booleans(),
    min_listings=st.none() | st.integers(1, 100),
    min_upheld_cases=st.none() | st.integers(0, 5),
    mode=st.sampled_from(HandlingMode.values),
)
CATCH_ALL = RoutingRule(position=10_000, name="default", mode=HandlingMode.PLATFORM)


@given(facts=facts_strategy)
def test_a_rule_without_conditions_matches_everything(facts):
    assert rule_match(CATCH_ALL, facts) == []


@given(rules=st.lists(rule_strategy, max_size=8), facts=facts_strategy)
def test_with_a_catch_all_last_some_rule_always_matches_and_it_is_the_first_that_holds(rules, facts):
    table = [*rules, CATCH_ALL]

    match = first_matching_rule(table, facts)

    assert match is not None
    rule, conditions = match

    earlier = table[: table.index(rule)]
    assert all(not r.is_active or rule_match(r, facts) is None for r in earlier)
    assert rule.is_active and rule_match(rule, facts) == conditions


@given(rule=rule_strategy, facts=facts_strategy)
def test_a_match_names_one_reason_per_condition_set(rule, facts):
    met = rule_match(rule, facts)

    if met is not None:
        set_conditions = sum(
            [
                bool(rule.right_types),
                bool(rule.infringement_types),
                rule.requested_administrative is not None,
                rule.has_evaluation_report is not None,
                rule.min_listings is not None,
                rule.min_upheld_cases is not None,
            ]
        )
        assert len(met) == set_conditions
