"""The five SERV count tables (``shared/spec/tables.md``) for any plan year.

Stage functions take the annotated plan frame and return frames. The tidy
result (``tabel, rij, kolom, waarde``) is the contract written to ``tables.csv``;
:func:`wide` turns one table back into a grid for people.
"""

import pandas as pd

from pipeline.config import central_domains, domain_order, themes

T1_ROWS = ["acties_vorig", "afgerond_vorig", "dubbel_vorig", "netto_vorig", "acties_nieuw", "dubbel_nieuw",
           "netto_nieuw", "individueel", "synergie", "bruto", "netto"]
T2_ROWS = [row for row in T1_ROWS if row not in ("individueel", "synergie")]
NATURE_ROWS = ["strategisch", "operationeel", "onbepaald"]
SUBTOTAL = "vlaamse_datastrategie"
TOTAL_ROW, TOTAL_COLUMN = "totaal", "Totaal"
TOTAL_ROWS = (TOTAL_ROW, "bruto", "netto", "vlaamse_datastrategie")  # rows set in bold


COUNTED_COLUMNS = ["jaar", "status", "dubbel_met", "type", "thema", "aard", "domeinen"]
CODED_COLUMNS = ["status", "type", "thema", "aard"]  # compared many times: as categories, once


def categorise(plan: pd.DataFrame, year: int) -> pd.DataFrame:
    """Add the counting categories: carried, completed, duplicate and net running, per action."""
    result = plan.copy()
    result["vorig"] = result["jaar"] < year
    result["afgerond"] = result["status"] == "afgerond"
    # an action that is both completed and a duplicate counts as completed only
    result["dubbel"] = (result["dubbel_met"] != "") & ~result["afgerond"]
    result["netto"] = ~result["afgerond"] & ~result["dubbel"]
    return result


def category_masks(actions: pd.DataFrame) -> dict[str, pd.Series]:
    """Boolean masks for the T1/T2 rows (except the bruto/netto sums)."""
    carried, new = actions["vorig"], ~actions["vorig"]
    return {
        "acties_vorig": carried,
        "afgerond_vorig": carried & actions["afgerond"],
        "dubbel_vorig": carried & actions["dubbel"],
        "netto_vorig": carried & actions["netto"],
        "acties_nieuw": new,
        "dubbel_nieuw": new & actions["dubbel"],
        "netto_nieuw": new & actions["netto"],
        "individueel": new & actions["netto"] & (actions["type"] == "individueel"),
        "synergie": new & actions["netto"] & (actions["type"] == "synergie"),
    }


def by_domain(actions: pd.DataFrame) -> pd.DataFrame:
    """One row per (action, domain): multi-lead actions count in every domain they have."""
    members = actions.explode("domeinen").rename(columns={"domeinen": "domein"})
    members["domein"] = members["domein"].astype("category")
    return members


def tidy(grid: pd.DataFrame, table: str) -> pd.DataFrame:
    """A grid (rows × columns) as tidy records in grid order."""
    stacked = grid.stack().reset_index()
    stacked.columns = ["rij", "kolom", "waarde"]
    stacked.insert(0, "tabel", table)
    stacked["waarde"] = stacked["waarde"].astype(int)
    return stacked


def count_grid(members: pd.DataFrame, masks: dict[str, pd.Series], columns: list[str]) -> pd.DataFrame:
    """Count members per mask (rows) and domain (columns), with the Totaal column as their sum."""
    grid = pd.DataFrame(0, index=list(masks), columns=columns, dtype=int)
    for row, mask in masks.items():
        counts = members.loc[mask, "domein"].value_counts()
        grid.loc[row] = counts.reindex(columns, fill_value=0).to_numpy()
    grid[TOTAL_COLUMN] = grid[columns].sum(axis=1)
    return grid


def table_1(actions: pd.DataFrame) -> pd.DataFrame:
    """T1: the overview, each action counted once."""
    counts = {row: int(mask.sum()) for row, mask in category_masks(actions).items()}
    counts["bruto"] = counts["acties_vorig"] + counts["acties_nieuw"]
    counts["netto"] = counts["netto_vorig"] + counts["netto_nieuw"]
    return pd.DataFrame({"aantal": [counts[row] for row in T1_ROWS]}, index=T1_ROWS)


def table_2(actions: pd.DataFrame, year: int) -> pd.DataFrame:
    """T2: T1's rows per policy domain, multi-lead actions counted in every domain."""
    members = by_domain(actions)
    masks = {row: mask for row, mask in category_masks(members).items() if row in T2_ROWS}
    grid = count_grid(members, masks, domain_order(year))
    grid.loc["bruto"] = grid.loc["acties_vorig"] + grid.loc["acties_nieuw"]
    grid.loc["netto"] = grid.loc["netto_vorig"] + grid.loc["netto_nieuw"]
    return grid.loc[T2_ROWS]


def theme_masks(members: pd.DataFrame) -> dict[str, pd.Series]:
    """Masks for the theme rows: six themes, the Vlaamse datastrategie subtotal and the total."""
    masks = {t["key"]: members["thema"] == t["key"] for t in themes()}
    group = [t["key"] for t in themes() if t["group"] == SUBTOTAL]
    masks[SUBTOTAL] = members["thema"].isin(group)
    masks[TOTAL_ROW] = pd.Series(True, index=members.index)
    return masks


def counted(actions: pd.DataFrame) -> pd.DataFrame:
    """The T3/T4 population: carried and new, running and completed, without duplicates."""
    return actions[~actions["dubbel"]]


def table_3(actions: pd.DataFrame, year: int) -> pd.DataFrame:
    """T3: actions per theme and domain, without duplicates."""
    members = by_domain(counted(actions))
    return count_grid(members, theme_masks(members), domain_order(year))


def table_4(actions: pd.DataFrame, year: int) -> pd.DataFrame:
    """T4: actions per nature (strategic, operational, undetermined) and domain."""
    members = by_domain(counted(actions))
    masks = {nature: members["aard"] == nature for nature in NATURE_ROWS}
    masks[TOTAL_ROW] = pd.Series(True, index=members.index)
    return count_grid(members, masks, domain_order(year))


def table_5(actions: pd.DataFrame, year: int) -> pd.DataFrame:
    """T5: net running actions per theme, domain versus central, by the year they were first listed."""
    running = actions[actions["netto"]].copy()
    central = central_domains()
    at_centre = running["domeinen"].map(lambda codes: bool(central & set(codes))).astype(bool)
    first = int(actions["jaar"].min()) if len(actions) else year
    years = list(range(min(first, year), year + 1))
    masks = theme_masks(running)
    columns = {}
    for side, on_side in (("beleidsdomeinen", ~at_centre), ("centraal", at_centre)):
        for origin in years:
            columns[f"{side}_{origin}"] = [int((mask & on_side & (running["jaar"] == origin)).sum())
                                           for mask in masks.values()]
        columns[f"{side}_totaal"] = [int((mask & on_side).sum()) for mask in masks.values()]
    grid = pd.DataFrame(columns, index=list(masks))
    grid["totaal"] = grid["beleidsdomeinen_totaal"] + grid["centraal_totaal"]
    return grid


def counted_columns(plan: pd.DataFrame) -> pd.DataFrame:
    """Only the columns the tables count, the text columns they compare as categories.

    The tables compare these columns dozens of times; as categories that costs
    little at 100,000 actions.
    """
    narrow = plan[COUNTED_COLUMNS].copy()
    for column in CODED_COLUMNS:
        narrow[column] = narrow[column].astype("category")
    return narrow


def compute_tables(plan: pd.DataFrame, year: int) -> pd.DataFrame:
    """All five tables as one tidy frame (``tabel, rij, kolom, waarde``), in the contract's order."""
    actions = categorise(counted_columns(plan), year)
    grids = {"T1": table_1(actions), "T2": table_2(actions, year), "T3": table_3(actions, year),
             "T4": table_4(actions, year), "T5": table_5(actions, year)}
    return pd.concat([tidy(grid, name) for name, grid in grids.items()], ignore_index=True)


def wide(tables: pd.DataFrame, table: str) -> pd.DataFrame:
    """One table of the tidy frame as a grid, rows and columns in contract order."""
    part = tables[tables["tabel"] == table]
    grid = part.pivot(index="rij", columns="kolom", values="waarde")
    return grid.loc[list(dict.fromkeys(part["rij"])), list(dict.fromkeys(part["kolom"]))]


def carried_years(plan: pd.DataFrame, year: int) -> str:
    """The years of the carried actions as a label: ``2022`` or ``2022-2023``."""
    years = sorted({int(y) for y in plan["jaar"] if int(y) < year})
    if not years:
        return str(year - 1)
    return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"
