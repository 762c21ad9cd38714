import pytest

from geo.passages import passage_id, passage_index_at, split_passages


def test_non_empty_lines_are_passages_with_offsets():
    text = "\nFirst line\n\n  \nSecond\nThird"
    ps = split_passages(text, "s1")
    assert [p.text for p in ps] == ["First line", "Second", "Third"]
    assert [p.index for p in ps] == [0, 1, 2]
    for p in ps:
        assert text[p.offset : p.offset + len(p.text)] == p.text
    assert ps[1].id == "s1:1" == passage_id("s1", 1)


def test_empty_text_has_no_passages():
    assert split_passages("") == []
    assert split_passages("\n \n") == []


@pytest.mark.parametrize(
    ("pos", "want"), [(0, None), (1, 0), (10, 0), (11, None), (16, 1), (22, None), (23, 2)]
)
def test_passage_index_at(pos, want):
    ps = split_passages("\nFirst line\n\n  \nSecond\nThird")
    assert passage_index_at(ps, pos) == want
