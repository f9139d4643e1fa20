"""Propose synergies and duplicates from the text of the actions (TF-IDF cosine similarity).

Words are folded, stop words dropped and each word cut to a short stem, so that
rewordings such as "Ontsluiting van" / "Ontsluiten van" still meet. Proposals
are candidates for a person to judge; the duplicate finder is measured against
the analysts' ``Dubbel met`` pairs.
"""

import math
import re
from collections import Counter

import numpy as np
import pandas as pd

from pipeline.rules import evidence, fold_text
from pipeline.taxonomy import action_text, label, taxonomy

STOP_WORDS = set("""de het een en of van voor in op met te aan door bij naar om over als tot uit zijn is wordt worden
deze die dat dit via ook ze zodat wil actie acties andere alle meer vlaamse vlaanderen overheid gegevens data""".split())
STEM = 6


def settings() -> dict:
    return taxonomy()["similarity"]


def tokens(text: str) -> list[str]:
    """Content words of a text, cut to their stem."""
    return [w[:STEM] for w in re.findall(r"[a-z0-9]+", fold_text(text)) if w not in STOP_WORDS and len(w) > 2]


def tfidf(texts: list[str]) -> np.ndarray:
    """Row-normalised TF-IDF vectors of the texts (smooth idf, as scikit-learn does by default)."""
    documents = [Counter(tokens(t)) for t in texts]
    vocabulary = sorted({w for d in documents for w in d})
    position = {w: i for i, w in enumerate(vocabulary)}
    frequency = Counter(w for d in documents for w in d)
    matrix = np.zeros((len(texts), len(vocabulary)))
    for row, counts in enumerate(documents):
        for w, n in counts.items():
            matrix[row, position[w]] = n * (math.log((1 + len(texts)) / (1 + frequency[w])) + 1)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def similarities(texts: list[str]) -> np.ndarray:
    """Cosine similarity of every pair of texts."""
    vectors = tfidf(texts)
    return vectors @ vectors.T


def domain_matrix(domains: pd.Series) -> np.ndarray:
    """One row per action, one column per domain code, True where the action has that domain."""
    codes = sorted({code for codes in domains for code in codes})
    position = {code: i for i, code in enumerate(codes)}
    matrix = np.zeros((len(domains), max(1, len(codes))), dtype=bool)
    for row, action_codes in enumerate(domains):
        matrix[row, [position[c] for c in action_codes]] = True
    return matrix


def duplicate_candidates(actions: pd.DataFrame, year: int) -> pd.DataFrame:
    """New actions whose title is close to a carried one of the same domain: ``nr, dubbel_van, score``, best first.

    A re-listed action comes back from the domain that already had it, so only
    carried actions that share a domain with the new one are compared; among those,
    the most similar one (the first, on a tie) is proposed.
    """
    scores = similarities(actions["actie"].tolist())
    new = np.flatnonzero((actions["jaar"] == year).to_numpy())
    carried = np.flatnonzero((actions["jaar"] < year).to_numpy())
    columns = ["nr", "dubbel_van", "score", "actie", "actie_van"]
    if not len(new) or not len(carried):
        return pd.DataFrame(columns=columns)
    domains = domain_matrix(actions["domeinen"]).astype(np.int32)
    shared = (domains[new] @ domains[carried].T) > 0
    masked = np.where(shared, scores[np.ix_(new, carried)], -np.inf)
    best = masked.argmax(axis=1)
    best_score = masked[np.arange(len(new)), best]
    keep = best_score >= settings()["duplicate_threshold"]
    rows = [{"nr": actions["nr"].iloc[i], "dubbel_van": actions["nr"].iloc[carried[b]], "score": round(float(v), 2),
             "actie": actions["actie"].iloc[i], "actie_van": actions["actie"].iloc[carried[b]]}
            for i, b, v in zip(new[keep], best[keep], best_score[keep])]
    return pd.DataFrame(rows, columns=columns).sort_values(["score", "nr"], ascending=[False, True]).reset_index(
        drop=True)


def measure_duplicates(actions: pd.DataFrame, year: int) -> dict:
    """Precision and recall of the duplicate candidates against the annotated new-versus-carried pairs."""
    carried = set(actions.loc[actions["jaar"] < year, "nr"])
    annotated = {(r.nr, r.dubbel_met) for r in actions.itertuples()
                 if r.dubbel_met and r.jaar == year and r.dubbel_met in carried}
    proposed = set(zip(*[duplicate_candidates(actions, year)[c] for c in ("nr", "dubbel_van")]))
    hits = len(proposed & annotated)
    return {"plan": year, "geannoteerd": len(annotated), "voorgesteld": len(proposed), "juist": hits,
            "precisie": round(hits / len(proposed), 2) if proposed else None,
            "recall": round(hits / len(annotated), 2) if annotated else None}


def synergy_candidates(actions: pd.DataFrame) -> pd.DataFrame:
    """Pairs of running actions from different domains that read alike: candidates for a joint action."""
    running = actions[(actions["status"] == "lopend") & (actions["dubbel_met"] == "")].reset_index(drop=True)
    columns = ["nr", "nr_2", "score", "domeinen", "actie", "actie_2"]
    scores = similarities(action_text(running).tolist())
    first, second = np.nonzero(np.triu(scores >= settings()["synergy_threshold"], k=1))
    domains = domain_matrix(running["domeinen"])
    apart = ~(domains[first] & domains[second]).any(axis=1)
    first, second = first[apart], second[apart]
    values = scores[first, second]
    count = settings()["synergy_pairs"]
    if len(values) > count:  # only the pairs that can reach the top after rounding to two decimals
        cutoff = np.partition(values, len(values) - count)[len(values) - count] - 0.01
        near = values >= cutoff
        first, second, values = first[near], second[near], values[near]
    rows = [{"nr": running["nr"][i], "nr_2": running["nr"][j], "score": round(float(v), 2),
             "domeinen": " / ".join(["+".join(running["domeinen"][i]), "+".join(running["domeinen"][j])]),
             "actie": running["actie"][i], "actie_2": running["actie"][j]} for i, j, v in zip(first, second, values)]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["score", "nr", "nr_2"], ascending=[False, True, True]).head(count).reset_index(drop=True)


def area_clusters(actions: pd.DataFrame, language: str = "nl") -> pd.DataFrame:
    """Per opportunity area the SERV names: the running actions that belong to it, by domain."""
    running = actions[(actions["status"] == "lopend") & (actions["dubbel_met"] == "")]
    texts = action_text(running)
    rows = []
    for area in settings()["areas"]:
        members = running.loc[texts.map(lambda t, a=area: bool(evidence(t, a["any"]))).astype(bool)]
        by_domain = members.explode("domeinen").groupby("domeinen")["nr"].apply(list)
        rows.append({"gebied": label(area, language), "acties": len(members), "domeinen": len(by_domain),
                     "per_domein": "; ".join(f"{d}: {', '.join(n)}" for d, n in by_domain.items())})
    return pd.DataFrame(rows)
