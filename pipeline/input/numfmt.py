"""Excel's number formats, for the one thing the contract needs: a number shown as Excel shows it.

A numeric ``Nr`` cell is read as it is displayed: 4.1 under ``0.00`` is ``4.10``,
1.6 under ``0.##`` is ``1.6``. This module renders a number through a format code:
digit placeholders (``0``, ``#``, ``?``), the decimal point, thousands separators
and scaling commas, percent, literal text (quoted, escaped, or plain), the ``@``
text format, sections separated by ``;`` (positive; negative; zero; text), colours
and locale tags, and the built-in format ids. Formats a plan's numbers never need
(dates, fractions, scientific notation, conditions) give ``None``: the caller
reports them as ambiguous instead of guessing.
"""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

BUILTIN = {0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00",
           12: "# ?/?", 13: "# ??/??", 14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
           19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm", 37: "#,##0 ;(#,##0)",
           38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)", 45: "mm:ss",
           46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@"}
TOKEN = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]|.', re.DOTALL)
UNSUPPORTED = re.compile(r"[eE][+-]|/|[yYmMdDhHsS]|AM/PM|A/P")


def general(value: float) -> str:
    """Excel's General format for a number: up to 11 characters, no trailing zeros."""
    if float(value).is_integer() and abs(value) < 1e11:
        return str(int(value))
    text = f"{value:.10g}"
    if "e" in text:
        return text
    return text.rstrip("0").rstrip(".") if "." in text else text


@cache
def sections(code: str) -> tuple[tuple[str, ...], ...]:
    """The format code split into sections at unquoted ``;``, each as a tuple of tokens."""
    parts: list[list[str]] = [[]]
    for token in TOKEN.findall(code):
        if token == ";":
            parts.append([])
        else:
            parts[-1].append(token)
    return tuple(tuple(part) for part in parts)


def pick(code: str, value: float) -> tuple[tuple[str, ...], float, bool] | None:
    """The section that applies to ``value``, the value it shows, and whether a minus sign is added."""
    parts = sections(code)
    if conditional(code):
        return None
    number_parts = parts[:3]
    if value > 0 or len(number_parts) == 1 or (value == 0 and len(number_parts) == 2):
        return number_parts[0], abs(value), value < 0
    if value < 0:
        return number_parts[1], -value, False
    return number_parts[2], value, False


@cache
def conditional(code: str) -> bool:
    """Whether the format chooses its sections by conditions such as ``[<10]``, which this module does not read."""
    return any(t.startswith("[") and re.match(r"\[[<>=]", t) for part in sections(code) for t in part)


def literal(token: str) -> str | None:
    """The text a non-placeholder token shows, or None for a token that is a placeholder or a control."""
    if token.startswith('"'):
        return token[1:-1]
    if token.startswith("\\"):
        return token[1:]
    if token.startswith("_"):
        return " "
    if token.startswith("*"):
        return ""
    if token.startswith("["):
        currency = re.match(r"\[\$([^-\]]*)", token)
        return currency.group(1) if currency else ""
    if token in "0#?.,@":
        return None
    return token


@dataclass(frozen=True)
class Layout:
    """One section of a number format, worked out once: where the digits go and what stays as written."""

    tokens: tuple[str, ...]
    supported: bool
    has_digits: bool
    point: int
    integer_slots: tuple[int, ...]
    fraction_slots: tuple[int, ...]
    grouped: bool
    factor: float
    minimum: int
    step: Decimal
    text: tuple[str, ...]


@cache
def layout(tokens: tuple[str, ...]) -> Layout:
    bare = "".join(t for t in tokens if len(t) == 1 and t not in "0#?.,%@")  # unquoted characters
    supported = not (UNSUPPORTED.search(bare) or "general" in bare.lower())
    point = tokens.index(".") if "." in tokens else len(tokens)
    slots = [i for i, t in enumerate(tokens) if t in ("0", "#", "?")]
    integer_slots = tuple(i for i in slots if i < point)
    fraction_slots = tuple(i for i in slots if i > point)
    first, last = (integer_slots[0], integer_slots[-1]) if integer_slots else (point, point)
    commas = [i for i, t in enumerate(tokens) if t == ","]
    scale = sum(1 for i in commas if slots and i > slots[-1])
    text = [literal(t) or "" for t in tokens]
    if "." in tokens:
        text[point] = "."
    return Layout(tokens, supported and not (not slots and "@" in tokens), bool(slots), point, integer_slots,
                  fraction_slots, any(first < i < last for i in commas), 100 ** tokens.count("%") / 1000 ** scale,
                  sum(1 for i in integer_slots if tokens[i] == "0"), Decimal(1).scaleb(-len(fraction_slots)),
                  tuple(text))


def render(value: float, code: str | None) -> str | None:
    """``value`` as Excel displays it under format ``code``; None when the format is out of this module's reach."""
    if code is None or code.strip().lower() in ("", "general", "@"):
        return general(value)
    chosen = pick(code, value)
    if chosen is None:
        return None
    tokens, shown, minus = chosen
    plan = layout(tokens)
    if not plan.supported:
        return None
    sign = "-" if minus else ""
    if not plan.has_digits:
        return sign + "".join(plan.text)
    return sign + placeholders(shown, plan)


def placeholders(value: float, plan: Layout) -> str:
    """Fill the digit placeholders of one section with ``value`` (not negative); literals stay where they are."""
    tokens = plan.tokens
    value = value * plan.factor if plan.factor != 1 else value
    written = repr(value)
    whole, _, fraction = written.partition(".")
    if "e" in written or len(fraction) > len(plan.fraction_slots):  # more decimals than shown: round half up
        whole, _, fraction = f"{Decimal(written).quantize(plan.step, rounding=ROUND_HALF_UP):f}".partition(".")
    out = list(plan.text)
    slots = plan.fraction_slots
    digits = list(fraction.ljust(len(slots), "0"))
    for index in range(len(slots) - 1, -1, -1):  # optional trailing decimals are left out
        kind = tokens[slots[index]]
        if digits[index] != "0" or kind == "0":
            break
        digits[index] = " " if kind == "?" else ""
    for index, character in zip(slots, digits):
        out[index] = character
    integer_slots = plan.integer_slots
    digits_text = whole.lstrip("0").rjust(plan.minimum, "0")
    if plan.grouped:  # thousands separators: the whole integer part is written at the first placeholder
        for index in integer_slots:
            out[index] = ""
        out[integer_slots[0]] = f"{int(digits_text):,}" if digits_text else ""
        return "".join(out)
    pending = list(digits_text)
    for position, index in enumerate(reversed(integer_slots)):
        if position == len(integer_slots) - 1:  # the leftmost placeholder takes every digit that is left
            out[index] = "".join(pending) or (" " if tokens[index] == "?" else "")
        elif pending:
            out[index] = pending.pop()
        else:
            out[index] = " " if tokens[index] == "?" else ""
    return "".join(out)


def format_code(number_format_id: int, custom: dict[int, str]) -> str:
    """The format code of a style's ``numFmtId``: a custom one of the workbook, or a built-in."""
    return custom.get(number_format_id, BUILTIN.get(number_format_id, "General"))
