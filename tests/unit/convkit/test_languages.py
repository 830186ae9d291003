"""The kit's two languages: every text catalogue has every key in both, with the same placeholders, and
names in files and notebooks carry the language the same way."""
import pytest

from convkit.build.texts import TEXTS
from convkit.languages import LANGUAGES, catalogue_problems, declared_language, placeholders, split_tag, tag
from tests.helpers import student_messages


def test_catalogue_problems_name_missing_keys_languages_and_placeholders():
    catalogue = {"en": {"a": "got {got}", "b": "fine", "c": "{x} and {y}"},
                 "zh": {"a": "实际得到 {got!r:>5}", "c": "{x}"}}
    assert catalogue_problems(catalogue, "where") == [
        "where: 'b' has no Simplified Chinese (zh) text",
        "where: 'c' has different placeholders (en: x, y; zh: x)",
    ]
    assert catalogue_problems({"en": {}}, "w") == ["w: no Simplified Chinese (zh) texts"]
    assert catalogue_problems({"en": {}, "zh": {}, "fr": {}}, "w") == ["w: texts in an unknown language 'fr'"]
    assert placeholders("{a.b} {c[0]} {{literal}} {d:.3g}") == {"a", "c", "d"}


@pytest.mark.parametrize("name, catalogue", [("convkit_student.MESSAGES", student_messages()),
                                             ("convkit.build.texts.TEXTS", TEXTS)])
def test_every_student_text_exists_in_both_languages(name, catalogue):
    assert set(catalogue) == set(LANGUAGES)
    assert catalogue_problems(catalogue, name) == []


def test_the_chinese_texts_are_chinese():
    """A key copied without translating is caught here (the placeholders alone would match)."""
    for catalogue in (student_messages(), TEXTS):
        same = [key for key, text in catalogue["zh"].items() if text == catalogue["en"][key]]
        assert not same, same


def test_names_carry_the_language_before_the_suffix():
    assert [tag(lang) for lang in LANGUAGES] == ["", ".zh"]
    assert split_tag("conv-layer.zh") == ("conv-layer", "zh")
    assert split_tag("conv-layer") == ("conv-layer", None)
    assert split_tag("notes.fr") == ("notes.fr", None)


@pytest.mark.parametrize("metadata, lang", [({"convkit": {"lang": "zh"}}, "zh"), ({"convkit": {"lang": "en"}}, "en"),
                                            ({"convkit": {"lang": "fr"}}, None), ({"convkit": "zh"}, None),
                                            ({}, None), ("not a dict", None)])
def test_a_notebook_declares_its_language_in_its_metadata(metadata, lang):
    assert declared_language({"metadata": metadata}) == lang
