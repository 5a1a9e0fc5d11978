"""Cleaners for text cells: single lines, SKUs, titles, descriptions (HTML or plain) and lists.

Whitespace is tidied, control characters removed and mojibake (UTF-8 text that was read with the
wrong encoding, such as ``KaffeemÃ¼hle``) repaired with ftfy. These run on every text cell of an
import, so pure-ASCII printable text takes a fast path that never reaches ftfy or a regex.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape
from html.parser import HTMLParser

import ftfy

from sellerdesk.core.fields import FIELD_BY_NAME
from sellerdesk.importers.model import Cleaned, Issue, Severity

SKU_MAX_LENGTH = FIELD_BY_NAME["sku"].max_length or 100
TITLE_HARD_LIMIT = FIELD_BY_NAME["title"].max_length or 500
DESCRIPTION_HARD_LIMIT = FIELD_BY_NAME["description"].max_length or 100_000
#: An ALL CAPS title needs at least this many letters (outside words with digits) to be flagged.
ALL_CAPS_MIN_LETTERS = 8

_SPACES = re.compile(r"\s+")
_DOUBLE_SPACE = re.compile(r"  +")
# Control and format characters that are not whitespace (\s already covers \t, \n, \x0b-\x0d,
# \x1c-\x1f and \x85): C0/C1 controls, zero-width characters, BOM, soft hyphen.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\xad\u200b-\u200d\u2060\ufeff]")
# A UTF-8 lead byte read as Latin-1/cp1252 (Â..ô) followed by a continuation byte read the same
# way: the signature of mojibake. Only text matching this is handed to ftfy.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6"
    "\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac"
    "\u2122]"
)
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    explain=False,
)
_HTML_HINT = re.compile(
    r"</?(?:p|div|br|li|ul|ol|b|i|u|s|em|strong|span|font|a|img|h[1-6]|table|thead|tbody|tr|td"
    r"|th|hr|sup|sub|small|big|center|blockquote|pre|code|section|article|dl|dt|dd)\b[^<>]*>"
    r"|&(?:nbsp|amp|lt|gt|quot|apos|#\d{2,5}|#x[0-9a-fA-F]{2,4});",
    re.IGNORECASE,
)
_DIGIT_WORD = re.compile(r"\S*\d\S*")
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")


_CAMEL = re.compile(r"(?<=[a-zß-öø-ÿ])(?=[A-ZÀ-ÖØ-Þ])")
_ACRONYM = re.compile(r"(?<=[A-ZÀ-ÖØ-Þ])(?=[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2})")


def split_camel_case(text: str) -> str:
    """ "ItemWeightKg" -> "Item Weight Kg", "SKUNumber" -> "SKU Number" (for header words)."""
    return _ACRONYM.sub(" ", _CAMEL.sub(" ", text))


def quote_value(value: str, limit: int = 60) -> str:
    """``value`` in single quotes for a message, on one line and shortened when long."""
    text = value if value.isprintable() else " ".join(_CONTROL.sub("", value).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"


def _fix_mojibake(text: str) -> str | None:
    """The repaired text, or None when there is nothing (reliably) to repair."""
    if _MOJIBAKE_HINT.search(text) is None:
        return None
    fixed = ftfy.fix_text(text, _FTFY_CONFIG)
    return fixed if fixed != text else None


def _repaired(text: str, issues: list[Issue]) -> str:
    """``text`` with mojibake repaired (noted in ``issues``) when there is any."""
    if text.isascii():
        return text
    fixed = _fix_mojibake(text)
    if fixed is None:
        return text
    issues.append(_mojibake_issue(text, fixed))
    return fixed


def _mojibake_issue(before: str, after: str) -> Issue:
    return Issue(
        "text.mojibake",
        f"Garbled characters in {quote_value(before)} were repaired ({quote_value(after)}); "
        "the file was probably saved in one encoding and read in another.",
        Severity.FIXED,
    )


def _control_issue(value: str) -> Issue:
    return Issue(
        "text.control_chars",
        f"Invisible control characters were removed from {quote_value(value)}.",
        Severity.FIXED,
    )


def clean_line(raw: str) -> Cleaned[str]:
    """One line of text: trimmed, whitespace collapsed, control characters and mojibake fixed."""
    text = raw.strip()
    if not text:
        return Cleaned(None, [])
    if text.isascii() and text.isprintable():
        if "  " in text:
            text = _DOUBLE_SPACE.sub(" ", text)
        return Cleaned(text, [])
    issues: list[Issue] = []
    text = _repaired(text, issues)
    if not text.isprintable():
        stripped = _CONTROL.sub("", text)
        if stripped != text:
            text = stripped
            issues.append(_control_issue(text))
        text = _SPACES.sub(" ", text).strip()
    elif "  " in text:
        text = _DOUBLE_SPACE.sub(" ", text)
    return Cleaned(text or None, issues)


def clean_sku(raw: str) -> Cleaned[str]:
    """A SKU: whitespace trimmed and collapsed, case kept as typed, at most 100 characters."""
    if raw.isascii() and raw.isprintable() and raw[:1] != " " and raw[-1:] != " ":
        text = raw if "  " not in raw else _DOUBLE_SPACE.sub(" ", raw)
    else:
        text = _SPACES.sub(" ", _CONTROL.sub("", raw)).strip()
    if not text:
        return Cleaned(None, [])
    if len(text) > SKU_MAX_LENGTH:
        return Cleaned(
            None,
            [
                Issue(
                    "sku.too_long",
                    f"SKU {quote_value(text)} is {len(text)} characters long; the limit is "
                    f"{SKU_MAX_LENGTH}. The SKU was left empty.",
                )
            ],
        )
    if text == raw:
        return Cleaned(text, [])
    message = (
        f"Spaces or invisible characters were removed from SKU {quote_value(raw)}; "
        f"it is now {quote_value(text)}."
    )
    return Cleaned(text, [Issue("sku.trimmed", message, Severity.FIXED)])


def _is_all_caps(text: str) -> bool:
    # Words with digits ("2m", "500ML", "WH-1000XM5") are models and units, not shouting.
    words = _DIGIT_WORD.sub(" ", text)
    return words.isupper() and sum(ch.isalpha() for ch in words) >= ALL_CAPS_MIN_LETTERS


def _truncate(text: str, limit: int) -> str:
    cut = text[:limit]
    space = cut.rfind(" ", limit // 2)
    return (cut[:space] if space > 0 else cut).rstrip()


def clean_title(raw: str, max_length: int = 150) -> Cleaned[str]:
    """A product title: a clean line, HTML removed, with warnings for ALL CAPS and length.

    ``max_length`` is the limit sellers aim for (a marketplace's); longer titles are kept with a
    warning. Only titles over the catalog's own limit are shortened.
    """
    issues: list[Issue] = []
    source = raw
    if ("<" in raw or "&" in raw) and looks_like_html(raw):
        source = html_to_text(raw)
        issues.append(
            Issue(
                "title.html",
                f"HTML was removed from title {quote_value(raw)}.",
                Severity.FIXED,
            )
        )
    line = clean_line(source)
    text = line.value
    if text is None:
        return Cleaned(None, issues + line.issues)
    issues.extend(line.issues)
    if _is_all_caps(text):
        issues.append(
            Issue(
                "title.all_caps",
                f"Title {quote_value(text)} is in ALL CAPS; marketplaces often demote or reject "
                "shouting titles.",
                Severity.WARNING,
            )
        )
    length = len(text)
    if length > max_length:
        issues.append(
            Issue(
                "title.too_long",
                f"Title {quote_value(text)} is {length} characters long; the recommended limit "
                f"is {max_length}. The title was kept as is.",
                Severity.WARNING,
            )
        )
    if length > TITLE_HARD_LIMIT:
        text = _truncate(text, TITLE_HARD_LIMIT)
        issues.append(
            Issue(
                "title.truncated",
                f"Title {quote_value(text)} was cut to {len(text)} characters; the catalog "
                f"stores at most {TITLE_HARD_LIMIT}.",
                Severity.WARNING,
            )
        )
    return Cleaned(text, issues)


def looks_like_html(text: str) -> bool:
    """True when ``text`` contains common HTML tags or entities (a cheap check, not a parser)."""
    if "<" not in text and "&" not in text:
        return False
    return _HTML_HINT.search(text) is not None


_BLOCK_TAGS = frozenset(
    {
        "p", "div", "br", "li", "ul", "ol", "tr", "table", "thead", "tbody", "tfoot",
        "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "section", "article",
        "header", "footer", "dl", "dt", "dd", "address", "figure", "figcaption", "center",
    }
)  # fmt: skip
_DROPPED_TAGS = frozenset({"script", "style", "head", "title", "template", "noscript"})


class _TextExtractor(HTMLParser):
    """Collects text; block boundaries merge into one line break, each <br> is its own."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._dropped = 0
        self._line_start = True
        self._strip_next = True
        self._row_has_cell = False

    def _soft_break(self) -> None:
        if not self._line_start:
            self.parts.append("\n")
            self._line_start = self._strip_next = True

    def _prefix(self, text: str) -> None:
        self.parts.append(text)
        self._line_start = False
        self._strip_next = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED_TAGS:
            self._dropped += 1
        elif tag == "br":
            self.parts.append("\n")
            self._line_start = self._strip_next = True
        elif tag == "li":
            self._soft_break()
            self._prefix("• ")
        elif tag in ("td", "th"):
            if self._row_has_cell:
                self._prefix(" | ")
            self._row_has_cell = True
        elif tag in _BLOCK_TAGS:
            self._soft_break()
            if tag == "tr":
                self._row_has_cell = False

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "li", "td", "th"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED_TAGS:
            self._dropped = max(0, self._dropped - 1)
        elif tag in _BLOCK_TAGS and tag != "br":
            self._soft_break()

    def handle_data(self, data: str) -> None:
        if self._dropped:
            return
        text = _SPACES.sub(" ", data)
        if self._strip_next:
            text = text.lstrip()
            if not text:
                return
        self.parts.append(text)
        self._line_start = self._strip_next = False


_TAG_SPLIT = re.compile(r"(<[^<>]*>)")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9]*)")
#: Inline tags the fast path simply removes; anything else unusual goes to the full parser.
_INLINE_TAGS = frozenset(
    {"b", "i", "u", "s", "em", "strong", "span", "a", "small", "sup", "sub", "font", "mark",
     "abbr", "code", "img", "wbr"}
)  # fmt: skip
_FAST_BLOCKS = _BLOCK_TAGS - {"table", "thead", "tbody", "tfoot", "tr", "pre"}


def _fast_parts(html: str) -> list[str] | None:
    """The same text parts as the full parser for everyday product HTML, or None."""
    if "<!" in html or "<?" in html:
        return None
    parts: list[str] = []
    line_start = strip_next = True
    for index, piece in enumerate(_TAG_SPLIT.split(html)):
        if not piece:
            continue
        if index % 2 == 0:
            if "<" in piece or ">" in piece:
                return None
            text = _SPACES.sub(" ", unescape(piece) if "&" in piece else piece)
            if strip_next:
                text = text.lstrip()
                if not text:
                    continue
            parts.append(text)
            line_start = strip_next = False
            continue
        match = _TAG_NAME.match(piece)
        if match is None:
            return None
        tag = match.group(1).lower()
        closing = piece.startswith("</")
        if tag in _INLINE_TAGS:
            continue
        if tag == "br":
            parts.append("\n")
            line_start = strip_next = True
        elif tag not in _FAST_BLOCKS:
            return None
        else:
            if not line_start:
                parts.append("\n")
                line_start = strip_next = True
            if tag == "li" and not closing:
                parts.append("• ")
                line_start = False
                strip_next = True
    return parts


def html_to_text(html: str) -> str:
    """Readable plain text from an HTML fragment.

    Block elements start new lines, list items become "• item" lines, entities are decoded,
    script and style are dropped and there is at most one blank line between paragraphs.
    """
    parts = _fast_parts(html)
    if parts is None:
        parser = _TextExtractor()
        parser.feed(html)
        parser.close()
        parts = parser.parts
    lines = [line.strip() for line in "".join(parts).split("\n")]
    text = "\n".join(line for line in lines if line != "•")
    return _BLANK_LINES.sub("\n\n", text).strip("\n")


def _normalise_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def clean_description(raw: str) -> Cleaned[tuple[str, str | None]]:
    """A description as (plain text, its HTML or None when it was not HTML).

    Line breaks are kept (CRLF becomes LF) and trailing spaces are removed from each line. The
    HTML returned is the cell's, trimmed, with newlines, mojibake and control characters fixed.
    """
    text = _normalise_newlines(raw).strip()
    if not text:
        return Cleaned(None, [])
    issues: list[Issue] = []
    text = _repaired(text, issues)
    stripped = _CONTROL.sub("", text)
    if stripped != text:
        text = stripped
        issues.append(_control_issue(text))
    html: str | None = None
    if looks_like_html(text):
        html = text
        text = html_to_text(text)
        issues.append(
            Issue(
                "description.html",
                "The description was HTML; it was converted to plain text (the HTML is kept "
                "for channels that accept it).",
                Severity.FIXED,
            )
        )
    elif " \n" in text or "\t\n" in text or "\u00a0\n" in text:
        text = _TRAILING_SPACE.sub("\n", text)
    text = text.strip()
    if not text:
        return Cleaned(None, issues)
    if len(text) > DESCRIPTION_HARD_LIMIT:
        text = _truncate(text, DESCRIPTION_HARD_LIMIT)
        issues.append(
            Issue(
                "description.truncated",
                f"The description was cut to {len(text)} characters; the catalog stores at "
                f"most {DESCRIPTION_HARD_LIMIT}.",
                Severity.WARNING,
            )
        )
    return Cleaned((text, html), issues)


@lru_cache(maxsize=32)
def _separator_table(separators: str) -> dict[int, str]:
    return str.maketrans(dict.fromkeys(separators, "\n"))


def split_list(raw: str, separators: str = ",|;\n") -> list[str]:
    """Items of a list cell split on any of ``separators``: trimmed, non-empty, unique, in order."""
    if not raw:
        return []
    parts = raw.translate(_separator_table(separators)).split("\n")
    items: list[str] = []
    seen: set[str] = set()
    for part in parts:
        item = " ".join(part.split())
        if item and item not in seen:
            seen.add(item)
            items.append(item)
    return items
