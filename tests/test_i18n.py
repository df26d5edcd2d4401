"""Every message exists in both languages with the same fields."""

from __future__ import annotations

import string

import pytest

from toolbench.base.i18n import MESSAGES, Message, detect_lang, translate


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_both_languages_take_the_same_fields(key: str) -> None:
    en, ja = MESSAGES[key]
    assert en.strip() and ja.strip()
    assert _fields(en) == _fields(ja), key


def test_nested_messages_follow_the_language() -> None:
    reason = Message("audit.reason.gap", prev=3, seq=5)
    assert "jumps from 3 to 5" in translate("audit.bad", "en", seq=5, reason=reason)
    assert "3 から 5 に飛んで" in translate("audit.bad", "ja", seq=5, reason=reason)


def test_language_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("TOOLBENCH_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    assert detect_lang() == "en"
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert detect_lang() == "ja"
    assert detect_lang(plan_lang="en") == "en"
    assert detect_lang("ja", "en") == "ja"


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_fills_without_error(key: str) -> None:
    """A literal brace written without doubling would raise while an error is being reported."""
    en, ja = MESSAGES[key]
    params = {name: "x" for name in _fields(en)}
    for lang in ("en", "ja"):
        text = translate(key, lang, **params)  # raises KeyError/ValueError on a stray brace
        assert text.strip()
