#!/usr/bin/env python3
"""Writes Graphs/pathways/synthetic-event-log.csv: a SYNTHETIC event log of eight service users
over 2024, for trying `samhandling metrics` and `samhandling handovers` on pathways.

Each user follows one of the courses the source documents describe: municipal
follow-up only; an acute admission and back ("organised discontinuity"); admission, transfer to
the DPS inpatient unit, DPS outpatient follow-up and back; discharge with no municipal follow-up.
Deterministic (fixed seed), so the committed file and a regenerated one are identical.
"""
import csv, random, datetime, pathlib

random.seed(2024)
START = datetime.date(2024, 1, 1)
MUNICIPAL = [("pn_a", "mh_service"), ("pn_b", "mh_service"), ("hn_a", "home_nursing"), ("gp_a", "gp_surgery"),
             ("gp_b", "gp_surgery"), ("se_a", "housing")]
DPS = [("psy_a", "dps_outpatient"), ("psy_b", "dps_outpatient"), ("amb_a", "dps_ambulant"), ("nurse_d", "dps_inpatient")]
HOSPITAL = [("doc_h", "acute_ward"), ("nurse_h", "acute_ward"), ("lis_h", "acute_ward")]
NAV = [("nav_a", "nav_office")]

rows = []
def day(offset, hour=None):
    d = START + datetime.timedelta(days=offset)
    return d.isoformat() if hour is None else f"{d.isoformat()}T{hour:02d}:00"

def visits(user, pool, level, first, last, every, rng):
    t = first
    while t <= last:
        actor, service = rng.choice(pool)
        rows.append([user, day(t), "contact", actor, service, level, ""])
        t += every + rng.randint(-2, 3)

for index in range(8):
    user = f"user{index + 1:02d}"
    rng = random.Random(index)
    course = index % 4
    visits(user, MUNICIPAL[:4], "municipal", 0 + index, 80, 14, rng)
    if rng.random() < 0.6:
        visits(user, NAV, "state", 10 + index, 200, 60, rng)
    if course == 0:
        visits(user, MUNICIPAL, "municipal", 90, 360, 21, rng)
    if course in (1, 2, 3):
        admit = 85 + index * 3
        rows.append([user, day(admit - 1, 23), "referral", "gp_a", "acute_ward", "municipal", ""])
        rows.append([user, day(admit), "admission", "", "acute_ward", "hospital", ""])
        visits(user, HOSPITAL, "hospital", admit, admit + 12, 3, rng)
        rows.append([user, day(admit + 14), "discharge", "", "acute_ward", "hospital", ""])
        if course == 2:
            rows.append([user, day(admit + 14), "admission", "", "dps_inpatient", "dps", ""])
            visits(user, DPS[3:], "dps", admit + 15, admit + 40, 7, rng)
            rows.append([user, day(admit + 42), "discharge", "", "dps_inpatient", "dps", ""])
            rows.append([user, day(admit + 43), "epicrisis", "nurse_d", "gp_surgery", "dps", "gp_a"])
            visits(user, DPS[:3], "dps", admit + 50, 330, 21, rng)
            visits(user, MUNICIPAL, "municipal", admit + 46, 360, 28, rng)
        elif course == 1:
            rows.append([user, day(admit + 15), "epicrisis", "doc_h", "gp_surgery", "hospital", "gp_a"])
            visits(user, MUNICIPAL, "municipal", admit + 19, 360, 18, rng)
        else:
            # discharged to no one: the next municipal visit comes months later
            visits(user, MUNICIPAL[:2], "municipal", admit + 120, 360, 30, rng)

rows.sort(key=lambda r: (r[0], r[1]))
out = pathlib.Path(__file__).resolve().parent.parent / "Graphs" / "pathways" / "synthetic-event-log.csv"
with open(out, "w", newline="", encoding="utf-8") as f:
    writer = csv.writer(f, lineterminator="\r\n")
    writer.writerow(["user", "time", "kind", "actor", "service", "level", "target"])
    writer.writerows(rows)
print(f"wrote {len(rows)} events for 8 users to {out}")
