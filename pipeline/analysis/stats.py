"""The two statistics the method chapter reports: Wilson intervals for proportions and Cohen's kappa."""

from math import sqrt

Z = 1.959964  # two-sided 95%


def wilson(hits: int, total: int) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion (0..1 when there is nothing to count)."""
    if total == 0:
        return 0.0, 1.0
    share = hits / total
    centre = share + Z * Z / (2 * total)
    spread = Z * sqrt(share * (1 - share) / total + Z * Z / (4 * total * total))
    scale = 1 + Z * Z / total
    return max(0.0, (centre - spread) / scale), min(1.0, (centre + spread) / scale)


def matches(first: list, second: list) -> int:
    """How many items two codings of the same items code alike."""
    return sum(a == b for a, b in zip(first, second))


def cohen_kappa(first: list, second: list) -> float:
    """Cohen's kappa of two codings of the same items (1.0 when both used one and the same category throughout)."""
    total = len(first)
    observed = matches(first, second) / total
    categories = set(first) | set(second)
    expected = sum((first.count(c) / total) * (second.count(c) / total) for c in categories)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)
