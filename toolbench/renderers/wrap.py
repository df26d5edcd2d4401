"""Line wrapping by display width, as a careful Japanese desktop application wraps.

One function decides where every sentence, note and table cell the terminal shows
may break (`breaks`); `wrap` and `wrap_text` (a rich `Text`, styles kept) fill lines
greedily from it, and `Wrapped` is the rich renderable that does so at whatever width
rich gives it (a table column, the terminal).

The rules:

- Width is display width (`rich.cells.cell_len`): a full-width character counts 2.
- Japanese breaks between any two full-width characters, with kinsoku: no line starts
  with 。、）」』】，．・：；？！ー, small kana and the like, none ends with （「『【.
- An ASCII space breaks only between two half-width words (English); next to a
  full-width character it never does (`0 点`, `第 2 位`, `青木 (Aoki) は` stay together).
- Never split: a run of half-width characters (a word, an id, a figure such as
  `6,600,000`, `BizRobo!`), a half-width run and the full-width text it touches
  (`GMOサイン`, `LGWAN対応`, `4,800,000円`), a number and its unit (`16.8 %`),
  a katakana word, a run of up to 4 kanji (a surname, a short word), and any phrase
  in `keep` (the names the document shows).
- Only a piece wider than the whole line is folded, by display cells, so that no line
  is ever wider than asked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

NO_START = frozenset(
    "、。，．,.)）]］}｝〕〉》」』】〙〗〟’”｠»"
    "・：；:;？！?!‼⁇⁈⁉ー‐゠–〜～…‥゛゜ゝゞヽヾ々〻"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "%％‰℃°′″"
)
"""Characters no line may start with (行頭禁則)."""

NO_END = frozenset("(（[［{｛〔〈《「『【〘〖〝‘“｟«")
"""Characters no line may end with (行末禁則)."""

UNITS = frozenset("%％‰円点件名位人日年月回個秒分時週倍割歳行頁台枚通票社本")
"""What follows a number as its unit, never on the next line (`16.8 %`, `0 点`)."""

PREFIXES = frozenset("第約計¥￥$#№")
"""What comes before a number and stays with it (`第 2 位`)."""

_SPACES = frozenset(" \t")


def _kind(char: str) -> str:
    if char in _SPACES:
        return "S"
    return "W" if cell_len(char) == 2 else "N"


def _katakana(char: str) -> bool:
    return "\u30a0" <= char <= "\u30ff" or "\u31f0" <= char <= "\u31ff" or "\uff66" <= char <= "\uff9f"


def _kanji(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or char in "々〆"


def _short_kanji_run(text: str, i: int) -> bool:
    """Whether text[i - 1] and text[i] sit in a run of at most 4 kanji (a name, a short word)."""
    start, end = i - 1, i + 1
    while start > 0 and _kanji(text[start - 1]):
        start -= 1
    while end < len(text) and _kanji(text[end]):
        end += 1
    return end - start <= 4


def _digit(char: str) -> bool:
    return char.isdigit()


def _glued(left: str, right: str) -> bool:
    """A number and its unit or prefix, across a space or not."""
    return (_digit(left) and right in UNITS) or (left in PREFIXES and _digit(right))


def breaks(text: str, keep: Sequence[str] = ()) -> list[tuple[int, int]]:
    """The unbreakable pieces of one line of text, as (start, end) offsets.

    Between two pieces the text may break; characters between one piece's end and the
    next one's start are spaces, dropped when the line breaks there.
    """
    n = len(text)
    if n == 0:
        return []
    kinds = [_kind(c) for c in text]
    protected = [False] * (n + 1)  # protected[i]: no break before text[i]
    for phrase in keep:
        if len(phrase) < 2:
            continue
        start = text.find(phrase)
        while start != -1:
            for i in range(start + 1, start + len(phrase)):
                protected[i] = True
            start = text.find(phrase, start + 1)

    pieces: list[tuple[int, int]] = []
    start = 0
    i = 1
    while i < n:
        if kinds[i] == "S":
            end = i
            while end < n and kinds[end] == "S":
                end += 1
            if end >= n:  # trailing spaces stay with the last piece
                break
            left, right = text[i - 1], text[end]
            if (
                start < i
                and kinds[i - 1] == "N"
                and kinds[end] == "N"
                and not any(protected[i : end + 1])
                and not _glued(left, right)
                and right not in NO_START
                and left not in NO_END
            ):
                pieces.append((start, i))
                start = end
            i = end + 1
            continue
        left, right = text[i - 1], text[i]
        if (
            kinds[i - 1] == "W"
            and kinds[i] == "W"
            and not protected[i]
            and right not in NO_START
            and left not in NO_END
            and not (_katakana(left) and _katakana(right))
            and not (_kanji(left) and _kanji(right) and _short_kanji_run(text, i))
            and not _glued(left, right)
        ):
            pieces.append((start, i))
            start = i
        i += 1
    pieces.append((start, n))
    return pieces


def _fold(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """A piece wider than a line, cut by display cells (the last resort), keeping kinsoku where it can."""
    out: list[tuple[int, int]] = []
    begin, used, last_ok = start, 0, -1
    for i in range(start, end):
        size = cell_len(text[i])
        while used + size > width and i > begin:
            cut = last_ok if begin < last_ok <= i else i
            out.append((begin, cut))
            begin, used, last_ok = cut, cell_len(text[cut:i]), -1
        if i > begin and text[i] not in NO_START and text[i - 1] not in NO_END:
            last_ok = i
        used += size
    out.append((begin, end))
    return out


def line_ranges(text: str, width: int, keep: Sequence[str] = (), indent: int = 0) -> list[tuple[int, int]]:
    """Where each line of one paragraph starts and ends, filled greedily.

    Lines after the first are meant to be shown after `indent` spaces (a hanging indent).
    """
    width = max(width, 2)
    lines: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for start, end in breaks(text, keep):
        avail = width - (indent if lines else 0)
        if current is not None and cell_len(text[current[0] : end]) <= avail:
            current = (current[0], end)
            continue
        if current is not None:
            lines.append(current)
            avail = width - indent
        if cell_len(text[start:end]) > avail:
            folded = _fold(text, start, end, max(avail, 2))
            lines.extend(folded[:-1])
            current = folded[-1]
        else:
            current = (start, end)
    if current is not None:
        lines.append(current)
    # a piece's trailing spaces are dropped at the end of a line
    return [(s, s + len(text[s:e].rstrip(" \t"))) if text[s:e].strip() else (s, e) for s, e in lines] or [(0, 0)]


def wrap(text: str, width: int, keep: Sequence[str] = (), indent: int = 0) -> list[str]:
    """`text` as lines no wider than `width` display cells (each "\\n" starts a new line)."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        ranges = line_ranges(paragraph, width, keep, indent)
        out.extend((" " * indent if n else "") + paragraph[s:e] for n, (s, e) in enumerate(ranges))
    return out


def min_width(text: str, keep: Sequence[str] = ()) -> int:
    """The narrowest width `text` wraps to without folding a piece: its widest piece."""
    return max(
        (cell_len(line[s:e]) for line in text.split("\n") for s, e in breaks(line, keep)),
        default=0,
    )


def wrap_text(text: Text, width: int, keep: Sequence[str] = (), indent: int = 0) -> list[Text]:
    """A rich `Text` wrapped as `wrap` wraps its plain text, each line keeping its styles."""
    out: list[Text] = []
    for paragraph in text.split("\n", allow_blank=True):
        for number, (s, e) in enumerate(line_ranges(paragraph.plain, width, keep, indent)):
            line = paragraph[s:e]
            if number and indent:
                line = Text(" " * indent) + line
            out.append(line)
    return out


@lru_cache(maxsize=4096)
def _pieces_width(text: str, keep: tuple[str, ...]) -> int:
    return min_width(text, keep)


class Wrapped:
    """A text rich shows wrapped by these rules at the width it is given (a column, the terminal)."""

    def __init__(self, text: Text | str, keep: Iterable[str] = (), *, indent: int = 0, style: str = "") -> None:
        self.text = text if isinstance(text, Text) else Text(text, style=style)
        self.keep = tuple(keep)
        self.indent = indent

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        plain = self.text.plain
        narrowest = _pieces_width(plain, self.keep) + (self.indent if "\n" in plain or self.indent else 0)
        widest = max((cell_len(line) for line in plain.split("\n")), default=0)
        return Measurement(min(narrowest, widest), widest).clamp(max_width=options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = wrap_text(self.text, options.max_width, self.keep, self.indent)
        joined = Text("\n").join(lines)
        joined.justify = self.text.justify
        joined.no_wrap = True
        joined.overflow = "crop"
        joined.end = self.text.end
        yield joined


def keep_phrases(phrases: Iterable[str], limit: int = 30) -> tuple[str, ...]:
    """Names worth keeping whole (short, more than one character), longest first."""
    found = {p.strip() for p in phrases if p and 2 <= len(p.strip()) and cell_len(p) <= limit and "\n" not in p}
    return tuple(sorted(found, key=lambda p: (-len(p), p)))
