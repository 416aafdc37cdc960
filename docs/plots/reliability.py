"""Draws docs/sizing-reliability.png from the bins the calibration test writes.

    cargo test --test main sizing::calibration -- --nocapture
    python3 docs/plots/reliability.py target/sizing-reliability.csv docs/sizing-reliability.png
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

source, target = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(source)))
p = [float(r["mean_probability"]) for r in rows]
right = [float(r["share_right"]) for r in rows]
count = [int(r["count"]) for r in rows]
total = sum(count)

fig, (top, bottom) = plt.subplots(
    2, 1, figsize=(5.5, 6.5), gridspec_kw={"height_ratios": [3, 1]}, sharex=True
)
top.plot([0, 1], [0, 1], color="#999999", linestyle="--", label="perfectly calibrated")
top.plot(p, right, marker="o", color="#1f6fb4", label="Anprobe's size probability")
for x, y, n in zip(p, right, count):
    top.annotate(f"{n}", (x, y), textcoords="offset points", xytext=(6, -10), fontsize=7)
top.set_ylabel("share of cases the shown size is right")
top.set_xlim(0, 1)
top.set_ylim(0, 1.02)
top.legend(loc="upper left", fontsize=8)
top.set_title(
    f"Reliability: {total} held-out survey bodies x garments\n"
    "typed: stature, chest, waist (navel), hip with a tape's error",
    fontsize=9,
)
bottom.bar(
    [float(r["bin_low"]) + 0.05 for r in rows],
    [c / total for c in count],
    width=0.09,
    color="#1f6fb4",
)
bottom.set_xlabel("probability shown for the recommended size (10 bins)")
bottom.set_ylabel("share of cases")
fig.tight_layout()
fig.savefig(target, dpi=110)
