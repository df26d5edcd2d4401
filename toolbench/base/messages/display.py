"""Messages for display. Merged into `toolbench.base.i18n.MESSAGES`."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "display.cut": (
        " … [cut here: the text has {length} characters, more than one spreadsheet cell holds ({limit}); "
        "the whole text is kept where it was recorded]",
        " …［ここで省略: 全 {length} 文字あり、表計算ソフトの一つのセルに入る上限（{limit} 文字）を超えています。"
        "全文は記録元に残っています］",
    ),
}
