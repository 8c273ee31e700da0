"""Reads the STS and SPELL files of `samhandling sequences` with pandas, as R's read.csv and
TraMineR would take them, and checks them against TraMineR's documented layouts:

- STS (seqdef): an id column, then one column per step; each cell a state of the alphabet or
  missing (NA), missing only before a user's first step (calendar) or after the data end;
- SPELL (seqformat from = "SPELL", process = FALSE): id, begin, end, status, with begin and end
  integer positions >= 1, end >= begin, a user's spells in order, neither overlapping nor
  leaving a gap, two spells in a row never of one state;
- and that SPELL expanded to STS as TraMineR does it (each spell's state over begin..end) is the
  STS file, for every step, alignment and alphabet.

Usage: python3 scripts/check-sequences.py SAMHANDLING LOG.csv [LOG.csv …]
"""
import io
import subprocess
import sys

import pandas

ALPHABETS = {
    "levels": ["none", "municipal", "dps", "hospital"],
    "inpatient": ["none", "municipal", "dps_outpatient", "dps_inpatient", "hospital_outpatient", "hospital_inpatient"],
}


def run(tool, log, *arguments):
    result = subprocess.run([tool, "sequences", log, *arguments], capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def check(tool, log, step, align, states):
    options = ["--step", step, "--align", align, "--states", states]
    sts = pandas.read_csv(io.StringIO(run(tool, log, *options)), dtype=str, keep_default_na=False, na_values=["NA"])
    spell = pandas.read_csv(io.StringIO(run(tool, log, "--format", "spell", *options)), dtype={"id": str, "status": str})
    where = f"{step}/{align}/{states}"
    assert list(sts.columns[:1]) == ["id"], where
    assert list(spell.columns[:4]) == ["id", "begin", "end", "status"], where
    alphabet = set(ALPHABETS[states])
    steps = sts.columns[1:]
    for _, row in sts.iterrows():
        cells = list(row[steps])
        observed = [i for i, cell in enumerate(cells) if isinstance(cell, str)]
        assert observed, f"{where}: {row['id']} has no observed step"
        assert all(cells[i] in alphabet for i in observed), f"{where}: {row['id']} has a state outside the alphabet"
        assert observed == list(range(observed[0], observed[-1] + 1)), f"{where}: {row['id']} has a gap"
        if align != "calendar":
            assert observed[0] == 0, f"{where}: {row['id']} does not start at step 1"
    assert spell["begin"].dtype.kind == "i" and spell["end"].dtype.kind == "i", where
    assert (spell["begin"] >= 1).all() and (spell["end"] >= spell["begin"]).all(), where
    assert set(spell["status"]) <= alphabet, where
    expanded = {}
    for user, spells in spell.groupby("id", sort=False):
        previous = None
        for _, s in spells.iterrows():
            if previous is not None:
                assert s["begin"] == previous["end"] + 1, f"{where}: {user} spells overlap or leave a gap"
                assert s["status"] != previous["status"], f"{where}: {user} two spells in a row of one state"
            previous = s
        cells = [None] * len(steps)
        for _, s in spells.iterrows():
            for position in range(s["begin"], s["end"] + 1):
                cells[position - 1] = s["status"]
        expanded[user] = cells
    assert list(expanded) == list(sts["id"]), f"{where}: SPELL and STS have other users"
    for _, row in sts.iterrows():
        written = [cell if isinstance(cell, str) else None for cell in row[steps]]
        assert expanded[row["id"]] == written, f"{where}: SPELL of {row['id']} is not its STS"
    return len(sts), len(steps), len(spell)


def main():
    tool = sys.argv[1]
    for log in sys.argv[2:]:
        for step in ["day", "week", "month"]:
            for align in ["first", "calendar", "discharge"]:
                for states in ["levels", "inpatient"]:
                    users, steps, spells = check(tool, log, step, align, states)
                    print(f"{log} {step}/{align}/{states}: {users} users, {steps} steps, {spells} spells: STS and SPELL agree")


if __name__ == "__main__":
    main()
