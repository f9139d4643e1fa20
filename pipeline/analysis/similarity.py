"""Propose synergies and duplicates from the text of the actions (TF-IDF cosine similarity, scikit-learn).

Each text is folded and vectorised twice: by words (short words such as "AI"
kept, Dutch stop words dropped) and by character n-grams within words, which
let Dutch compounds meet their parts ("gegevensdeling" / "deling van
gegevens"). The two cosines are mixed with a weight from ``data/taxonomy.yaml``.
Proposals are candidates for a person to judge; the thresholds were chosen on
the development part of the evaluation set and the sample's annotated pairs.
"""

from math import sqrt

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from pipeline.analysis.rules import find_all, fold_text
from pipeline.analysis.taxonomy import action_text, label, taxonomy


def settings() -> dict:
    return taxonomy()["similarity"]


def block(vectoriser: TfidfVectorizer, texts: list[str], weight: float) -> sparse.csr_matrix:
    """One vectoriser's rows, L2-normalised and scaled so that the blocks' cosines add up with their weights."""
    try:
        matrix = vectoriser.fit_transform(texts)
    except ValueError:  # no text has a single term
        matrix = sparse.csr_matrix((len(texts), 1))
    return normalize(matrix) * sqrt(weight)


def vectors(texts: list[str]) -> sparse.csr_matrix:
    """Word and character TF-IDF rows of the texts, one row per text."""
    spec = settings()
    folded = [fold_text(t) for t in texts]
    words = TfidfVectorizer(token_pattern=r"(?u)\b\w\w+\b", stop_words=[fold_text(w) for w in spec["stop_words"]],
                            sublinear_tf=True)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(spec["char_ngrams"]), sublinear_tf=True)
    weight = spec["word_weight"]
    return sparse.hstack([block(words, folded, weight), block(chars, folded, 1 - weight)]).tocsr()


def similarities(texts: list[str]) -> np.ndarray:
    """Cosine similarity of every pair of texts (a dense matrix: for a plan, not for 100,000 actions)."""
    if not texts:  # a plan whose actions are all finished has none to compare
        return np.zeros((0, 0))
    rows = vectors(texts)
    return (rows @ rows.T).toarray()


def duplicate_texts(actions: pd.DataFrame) -> list[str]:
    """What the duplicate finder compares: the titles, or titles and descriptions (``duplicates_read``)."""
    return action_text(actions).tolist() if settings()["duplicates_read"] == "text" else actions["actie"].tolist()


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
    new = np.flatnonzero((actions["jaar"] == year).to_numpy())
    carried = np.flatnonzero((actions["jaar"] < year).to_numpy())
    columns = ["nr", "dubbel_van", "score", "actie", "actie_van"]
    if not len(new) or not len(carried):
        return pd.DataFrame(columns=columns)
    rows = vectors(duplicate_texts(actions))
    scores = (rows[new] @ rows[carried].T).toarray()
    domains = domain_matrix(actions["domeinen"]).astype(np.int32)
    shared = (domains[new] @ domains[carried].T) > 0
    masked = np.where(shared, scores, -np.inf)
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
    areas = settings()["areas"]
    hits = find_all(action_text(running), {p for area in areas for p in area["any"]})
    rows = []
    for area in areas:
        members = running.loc[[any(p in found for p in area["any"]) for found in hits]]
        by_domain = members.explode("domeinen").groupby("domeinen")["nr"].apply(list)
        rows.append({"gebied": label(area, language), "acties": len(members), "domeinen": len(by_domain),
                     "per_domein": "; ".join(f"{d}: {', '.join(n)}" for d, n in by_domain.items())})
    return pd.DataFrame(rows)
