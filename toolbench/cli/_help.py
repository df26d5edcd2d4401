"""Help and click's own frames in the user's language.

The English help stays where it is written (each command's docstring and its
options' `help=`); the Japanese lives in one table, `toolbench.base.messages.help`.
`localize` gives every command, when the group loads it, a subclass of its own class
that writes help from that table in the language of every other message (`--lang`,
the plan's, the locale's) and rewords click's usage errors and frames (`Usage:`,
`Error:`, `Try … for help`, `Aborted!`).
"""

from __future__ import annotations

import inspect
import re
import unicodedata
from collections.abc import Iterable
from typing import IO, Any

import click
from click.formatting import HelpFormatter

from toolbench.base.i18n import Lang, detect_lang
from toolbench.base.messages.help import FRAMES, HELP, SHARED
from toolbench.cli._common import State, _peek_plan_language

HINT_KEY = "toolbench.hint"
"""ctx.meta key of the root's `--lang` and `-C`, seen before click parses them (for `toolbench --help`)."""


# --- which language --------------------------------------------------------------------


def help_lang(ctx: click.Context | None) -> Lang:
    """The language of help and click's messages for this context: as every other message chooses it."""
    if ctx is None:
        return detect_lang()
    state = ctx.find_object(State)
    if state is not None:
        return state.lang
    lang, directory = ctx.find_root().meta.get(HINT_KEY, (None, None))
    if lang in ("ja", "en"):
        return detect_lang(lang)
    return detect_lang(None, _peek_plan_language(directory) or None)


def scan_hint(args: list[str]) -> tuple[str | None, str | None]:
    """`--lang` and `-C` among the root's own options (before the command name)."""
    lang: str | None = None
    directory: str | None = None
    i = 0
    while i < len(args):
        arg = args[i]
        nxt = args[i + 1] if i + 1 < len(args) else None
        if arg == "--lang":
            lang, i = nxt, i + 2
        elif arg.startswith("--lang="):
            lang, i = arg.partition("=")[2], i + 1
        elif arg == "-C":
            directory, i = nxt, i + 2
        elif arg.startswith("-C") and len(arg) > 2:
            directory, i = arg[2:], i + 1
        elif arg.startswith("-"):
            i += 1
        else:
            break
    return lang, directory


def frame(text: str, lang: Lang) -> str:
    """One of click's own phrases (`Usage:`, `Options:` …) in `lang`."""
    return FRAMES[text] if lang == "ja" else text


# --- the table ---------------------------------------------------------------------------


def command_key(ctx: click.Context) -> str:
    """The table's key of a context's command: "matrix", "audit.verify"; the root is "toolbench"."""
    names: list[str] = []
    while ctx.parent is not None:
        names.append(ctx.info_name or ctx.command.name or "")
        ctx = ctx.parent
    return ".".join(reversed(names)) or "toolbench"


def param_key(param: click.Parameter) -> str:
    """The table's name of a parameter: its longest option string, or an argument's upper-case name."""
    if isinstance(param, click.Argument):
        return (param.name or "").upper()
    return max(param.opts, key=len)


def _lookup(key: str, english: str, lang: Lang, shared: str | None = None) -> str:
    """The text for `key` in `lang`: the table's, else (English) the decorator's."""
    entry = HELP.get(key)
    if entry is None and shared is not None:
        common = SHARED.get(shared)
        if common is not None and common[0] == english:  # a shared text applies only while the English is the same
            entry = common
    if entry is None:
        return english
    en, ja = entry
    return ja if lang == "ja" else (en or english)


def command_help(ctx: click.Context, command: click.Command, lang: Lang) -> str:
    english = inspect.cleandoc(command.help or "").partition("\f")[0]
    return _lookup(command_key(ctx), english, lang)


def param_help(ctx: click.Context, param: click.Parameter, lang: Lang) -> str:
    if isinstance(param, click.Option) and param.opts and param.opts[0] in ctx.help_option_names:
        return frame("Show this message and exit.", lang)
    english = getattr(param, "help", None) or ""
    name = param_key(param)
    return _lookup(f"{command_key(ctx)}.{name}", english, lang, shared=name)


# --- display width and wrapping ----------------------------------------------------------------

NO_START = set("。、，．）」』】〕〉》・ー：；？！ゃゅょっぁぃぅぇぉャュョッァィゥェォ々…,.)]:;?!%")
"""Characters a line must not start with (kinsoku)."""
NO_END = set("（「『【〔〈《([")
"""Characters a line must not end with."""


def width(text: str) -> int:
    """Columns `text` takes on a terminal: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in click.unstyle(text))


def _units(line: str) -> list[str]:
    """ASCII words (ids, options, figures: never split), runs of spaces, and single other characters."""
    return re.findall(r"[!-~]+| +|.", line)


def wrap_line(line: str, limit: int) -> list[str]:
    """One line wrapped to `limit` columns: at any character boundary, with kinsoku, words whole."""
    lines: list[list[str]] = []
    current: list[str] = []
    used = 0
    for unit in _units(line):
        size = width(unit)
        if current and used + size > limit:
            if unit.isspace():
                lines.append(current)
                current, used = [], 0
                continue
            carry: list[str] = []
            head = unit
            while len(current) > 1 and (head[0] in NO_START or current[-1][-1] in NO_END):
                carry.insert(0, current.pop())
                head = carry[0]
            lines.append(current)
            current = [u for u in carry if not (u.isspace() and u is carry[0])]
            used = sum(width(u) for u in current)
        if not current and unit.isspace():
            continue
        current.append(unit)
        used += size
    lines.append(current)
    return ["".join(units).rstrip() for units in lines] or [""]


def wrap(text: str, limit: int) -> list[str]:
    """Paragraphs (blank-line separated) wrapped; a paragraph opened by \\b is kept line by line."""
    out: list[str] = []
    for number, paragraph in enumerate(re.split(r"\n\s*\n", text.strip("\n"))):
        if number:
            out.append("")
        lines = paragraph.splitlines()
        if lines and lines[0].strip() == "\b":
            out.extend(line.rstrip() for line in lines[1:])
            continue
        joined = ""
        for piece in (line.strip() for line in lines):
            # a line break inside a paragraph is a space only between two ASCII words
            if joined and piece and joined[-1].isascii() and piece[0].isascii():
                joined += " "
            joined += piece
        out.extend(wrap_line(joined, max(limit, 10)))
    return out


def write_text(formatter: HelpFormatter, text: str) -> None:
    indent = " " * formatter.current_indent
    for line in wrap(text, formatter.width - formatter.current_indent):
        formatter.write(f"{indent}{line}\n" if line else "\n")


def write_dl(
    formatter: HelpFormatter, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
) -> None:
    """click's definition list, measured and wrapped by display width."""
    rows = list(rows)
    if not rows:
        return
    first_col = min(max(width(first) for first, _ in rows), col_max) + col_spacing
    indent = " " * formatter.current_indent
    for first, second in rows:
        formatter.write(f"{indent}{first}")
        if not second:
            formatter.write("\n")
            continue
        if width(first) <= first_col - col_spacing:
            formatter.write(" " * (first_col - width(first)))
        else:
            formatter.write("\n" + " " * (first_col + formatter.current_indent))
        lines = wrap(second, max(formatter.width - first_col - 2, 10))
        formatter.write(f"{lines[0]}\n")
        for line in lines[1:]:
            formatter.write(f"{indent}{' ' * first_col}{line}\n" if line else "\n")


def short_help(text: str, limit: int) -> str:
    """The first sentence of a Japanese help text, cut to `limit` columns."""
    first = text.strip().split("\n\n")[0].replace("\n", "")
    first = first.split("。")[0]
    if width(first) <= limit:
        return first
    out = ""
    for ch in first:
        if width(out + ch) > limit - 1:
            break
        out += ch
    return out + "…"


# --- option terms: click's metavars and extras ------------------------------------------------------

_METAVARS = {
    "TEXT": "文字列",
    "INTEGER": "整数",
    "FLOAT": "数値",
    "PATH": "パス",
    "FILE": "ファイル",
    "DIRECTORY": "フォルダ",
    "BOOLEAN": "真偽値",
    "OPTIONS": "オプション",
    "COMMAND": "コマンド",
    "ARGS": "引数",
}
_TERM_WORDS = re.compile(r"(?<![\w-])(" + "|".join(_METAVARS) + r")(?![\w-])")


def _ja_term(term: str) -> str:
    return _TERM_WORDS.sub(lambda m: _METAVARS[m.group(1)], term)


def _ja_extra(text: str) -> str:
    text = re.sub(r"\[default: ([^\]]*)\]", r"［既定: \1］", text)
    text = text.replace("[required]", "［必須］").replace("; required]", "; 必須]")
    return text.replace("［", "[").replace("］", "]")


# --- the localized command --------------------------------------------------------------------


class Localized(click.Command):
    """Writes help in the user's language; mixed into each command's own class by `localize`."""

    def _lang(self, ctx: click.Context) -> Lang:
        return help_lang(ctx)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)
        if self._lang(ctx) == "ja":
            pieces = [_ja_term(piece) for piece in pieces]
        return pieces

    def format_usage(self, ctx: click.Context, formatter: HelpFormatter) -> None:
        prefix = f"{frame('Usage:', self._lang(ctx))} "
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix)

    def get_short_help_str(self, limit: int = 45) -> str:
        ctx = click.get_current_context(silent=True)
        if ctx is None or self._lang(ctx) != "ja":
            return super().get_short_help_str(limit)
        sub = click.Context(self, parent=ctx, info_name=self.name)
        return short_help(command_help(sub, self, "ja"), limit)

    def format_help_text(self, ctx: click.Context, formatter: HelpFormatter) -> None:
        lang = self._lang(ctx)
        if lang == "en":
            super().format_help_text(ctx, formatter)
            return
        text = command_help(ctx, self, lang)
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                write_text(formatter, text)

    def format_options(self, ctx: click.Context, formatter: HelpFormatter) -> None:
        lang = self._lang(ctx)
        arguments = [
            (p.make_metavar(ctx), param_help(ctx, p, lang))
            for p in self.get_params(ctx)
            if isinstance(p, click.Argument) and param_help(ctx, p, lang)
        ]
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            if isinstance(param, click.Argument):
                continue
            record = param.get_help_record(ctx)
            if record is None:
                continue
            term, english = record
            own = getattr(param, "help", None) or ""
            if param.opts and param.opts[0] in ctx.help_option_names:
                own = "Show this message and exit."
            extra = english[len(own) :] if own and english.startswith(own) else ("" if own else english)
            text = param_help(ctx, param, lang) + (_ja_extra(extra) if lang == "ja" else extra)
            options.append((_ja_term(term) if lang == "ja" else term, text.strip()))
        write = write_dl if lang == "ja" else HelpFormatter.write_dl
        for heading, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(frame(heading, lang)):
                    write(formatter, rows)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def listed_commands(self, ctx: click.Context) -> list[tuple[str, click.Command]]:
        """The commands a group's help lists (as click lists them: by name, hidden ones left out)."""
        assert isinstance(self, click.Group)
        return [(n, c) for n in self.list_commands(ctx) if (c := self.get_command(ctx, n)) and not c.hidden]

    def format_commands(self, ctx: click.Context, formatter: HelpFormatter) -> None:
        """click's list of commands with their summaries, or the same in Japanese from the table."""
        lang = self._lang(ctx)
        commands = self.listed_commands(ctx)
        if not commands:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in commands)
        if lang == "en":
            with formatter.section(frame("Commands", lang)):
                formatter.write_dl([(name, cmd.get_short_help_str(limit)) for name, cmd in commands])
            return
        rows = [
            (name, short_help(command_help(click.Context(cmd, parent=ctx, info_name=name), cmd, lang), limit))
            for name, cmd in commands
        ]
        with formatter.section(frame("Commands", lang)):
            write_dl(formatter, rows)

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.ClickException as error:
            reword(error, parent)
            raise

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)  # type: ignore[misc]
        return localize(command) if isinstance(command, click.Command) else None

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)  # type: ignore[misc,no-any-return]
        except click.ClickException as error:
            reword(error, ctx)
            raise

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException as error:
            reword(error, ctx)
            raise


_CLASSES: dict[type[click.Command], type[click.Command]] = {}


def localize(command: click.Command) -> click.Command:
    """Give `command` (and the commands a group holds) help in the user's language; the command is the same object."""
    cls = type(command)
    if not issubclass(cls, Localized):
        new = _CLASSES.get(cls)
        if new is None:
            new = type(cls.__name__, (Localized, cls), {"__module__": cls.__module__, "__doc__": cls.__doc__})
            _CLASSES[cls] = new
        command.__class__ = new
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            localize(sub)
    return command


# --- click's errors and frames ---------------------------------------------------------------

# click's messages as patterns: compiled (and cached by `re`) when a message is first reworded, not at every start
_ERRORS: tuple[tuple[str, str], ...] = (
    (
        r"^No such option:? '?([^'\s]+?)'?\.?\s+Did you mean '?([^'\s]+?)'?\?$",
        r"そのようなオプションはありません: \1（\2 のことですか？）",
    ),
    (
        r"^No such option:? '?([^'\s]+?)'?\.?\s+\(Possible options: (.*)\)$",
        r"そのようなオプションはありません: \1（候補: \2）",
    ),
    (r"^No such option:? '?([^'\s]+?)'?\.?$", r"そのようなオプションはありません: \1"),
    (r"^No such command '(.*)'\.$", r"そのようなコマンドはありません: '\1'"),
    (r"^Missing command\.$", "コマンドを指定してください。"),
    (r"^Missing argument '(.*)'\.(.*)$", r"引数 '\1' がありません。\2"),
    (r"^Missing option '(.*)'\.(.*)$", r"オプション '\1' がありません。\2"),
    (r"^Missing parameter '(.*)'\.(.*)$", r"値 '\1' がありません。\2"),
    (r"^Option '(.*)' requires an argument\.$", r"オプション '\1' には値が必要です。"),
    (r"^Option '(.*)' requires (\d+) arguments\.$", r"オプション '\1' には値が \2 個必要です。"),
    (r"^Option '(.*)' does not take a value\.$", r"オプション '\1' は値を取りません。"),
    (r"^Got unexpected extra arguments? \((.*)\)$", r"余分な引数があります（\1）"),
    (r"^Invalid value for (.*?): (.*)$", r"\1 の値が不正です: \2"),
    (r"^Invalid value: (.*)$", r"値が不正です: \1"),
)
_VALUES: tuple[tuple[str, str], ...] = (
    (r"^(.*) is not one of (.*)\.$", r"\1 は \2 のいずれでもありません。"),
    (r"^(.*) is not a valid integer( range)?\.$", r"\1 は整数ではありません。"),
    (r"^(.*) is not a valid float( range)?\.$", r"\1 は数値ではありません。"),
    (r"^(.*) is not a valid boolean\.$", r"\1 は真偽値ではありません。"),
    (r"^(.*) is not in the range (.*)\.$", r"\1 は範囲 \2 にありません。"),
    (r"^(File|Directory|Path) (.*) does not exist\.$", r"\2 がありません。"),
    (r"^(File|Directory|Path) (.*) is a directory\.$", r"\2 はフォルダです。"),
    (r"^(File|Directory|Path) (.*) is a file\.$", r"\2 はファイルです。"),
    (r"^(File|Directory|Path) (.*) is not (readable|writable|executable)\.$", r"\2 の権限が足りません。"),
    (r"^(.*) is not (.*)\.$", r"\1 は \2 ではありません。"),
)


def _sub_first(rules: tuple[tuple[str, str], ...], text: str) -> str:
    for pattern, replacement in rules:
        if re.match(pattern, text):
            return re.sub(pattern, replacement, text)
    return text


def reword_message(message: str) -> str:
    """One of click's English error messages in Japanese; any other message (ours, already translated) as it is."""
    text = _sub_first(_ERRORS, message.strip())
    head, sep, value = text.partition(" の値が不正です: ")
    if sep:
        text = f"{head}{sep}{_sub_first(_VALUES, value)}"
    return text


def reword(error: click.ClickException, ctx: click.Context | None) -> None:
    """Make `error` show itself in the user's language (click calls `error.show()`)."""
    if getattr(error, "_toolbench_reworded", False):
        return
    error._toolbench_reworded = True  # type: ignore[attr-defined]
    own_ctx = getattr(error, "ctx", None)
    lang = help_lang(own_ctx or ctx)
    if lang == "en":
        return

    def show(file: IO[Any] | None = None) -> None:
        err = file is None
        usage_ctx = own_ctx if isinstance(error, click.UsageError) else None
        if usage_ctx is not None:
            hint = ""
            if usage_ctx.command.get_help_option(usage_ctx) is not None:
                hint = FRAMES["Try '{command} {option}' for help."].format(
                    command=usage_ctx.command_path, option=usage_ctx.help_option_names[0]
                )
                hint = f"{hint}\n"
            click.echo(f"{usage_ctx.get_usage()}\n{hint}", file=file, err=err, color=usage_ctx.color)
        message = reword_message(error.format_message())
        click.echo(FRAMES["Error: {message}"].format(message=message), file=file, err=err)

    error.show = show  # type: ignore[method-assign]


def aborted(lang: Lang) -> str:
    return frame("Aborted!", lang)
