"""Long parent and member_of chains: checked in linear time, cycles found with their pointer."""

import pytest

from attribution import schema
from attribution.errors import SchemaValidationError

EMPTY = {"start": 0, "end": 0, "text": ""}


def chained_claims(n: int, *, loop_back_at: int | None = None) -> dict:
    """A document of ``n`` claims, each the parent of the next; the first optionally
    made the child of claim ``loop_back_at``, closing a cycle."""
    claims = [{"id": f"c{i}", "content": EMPTY, "mode": "direct", "parent": f"c{i - 1}" if i else None} for i in range(n)]
    if loop_back_at is not None:
        claims[0]["parent"] = f"c{loop_back_at}"
    return {"schema_version": "1.0", "id": "chain", "text": "", "claims": claims}


def test_twenty_thousand_chained_claims_validate():
    document = schema.validate(chained_claims(20_000))
    assert len(document.claims) == 20_000
    assert document.claims[-1].parent == "c19998"


def test_a_cycle_in_a_long_chain_is_found_once_with_its_pointer():
    with pytest.raises(SchemaValidationError) as info:
        schema.validate(chained_claims(20_000, loop_back_at=19_999))
    [problem] = info.value.problems
    assert (problem.pointer, problem.rule) == ("/claims/0/parent", "parent-cycle")
    assert problem.message == (
        "parent forms a cycle: c0 -> c19999 -> c19998 -> c19997 -> ... -> c2 -> c1 -> c0 (20000 claims)"
    )


def test_a_tail_leading_into_a_cycle_is_not_itself_reported():
    # c0 <- c1 <- ... <- c9, and c0's parent is c5: the cycle is c0..c5; c6..c9 only lead into it.
    with pytest.raises(SchemaValidationError) as info:
        schema.validate(chained_claims(10, loop_back_at=5))
    assert [(p.pointer, p.message) for p in info.value.problems] == [
        ("/claims/0/parent", "parent forms a cycle: c0 -> c5 -> c4 -> c3 -> c2 -> c1 -> c0")
    ]


def test_several_cycles_each_reported_at_their_first_member():
    data = chained_claims(6)
    data["claims"][0]["parent"] = "c2"  # c0 -> c2 -> c1 -> c0
    data["claims"][4]["parent"] = "c5"  # c4 <-> c5; c3 leads into the first cycle
    with pytest.raises(SchemaValidationError) as info:
        schema.validate(data)
    assert [(p.pointer, p.message) for p in info.value.problems] == [
        ("/claims/0/parent", "parent forms a cycle: c0 -> c2 -> c1 -> c0"),
        ("/claims/4/parent", "parent forms a cycle: c4 -> c5 -> c4"),
    ]


def test_a_long_member_of_chain_of_groups_validates():
    sources = [
        {"id": f"g{i}", "kind": "group", "member_of": f"g{i - 1}" if i else None} for i in range(20_000)
    ]
    document = schema.validate({"schema_version": "1.0", "id": "groups", "text": "", "sources": sources})
    assert document.sources[-1].member_of == "g19998"
