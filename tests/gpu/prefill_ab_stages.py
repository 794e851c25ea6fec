#!/usr/bin/env python3
"""Per-mode stage medians of a same-process prefill A/B: the stderr of
`RWKV_VK_ROWS_PROFILE=1 bench_vulkan_prefill_ab ...` (its "ab mode NAME round R" marks; counted rounds, R >= 0).
One column per mode in the A/B's order, one row per stage: us per call, the median over the mode's calls of the
counted rounds (each round's warm-up call included).
Usage: prefill_ab_stages.py STDERR_FILE"""
import re
import statistics
import sys
from collections import defaultdict


def main(path):
    modes, cur = [], None
    stages = defaultdict(lambda: defaultdict(list))  # mode -> stage -> us per call
    for line in open(path, errors="replace"):
        m = re.match(r"ab mode (\S+) round (-?\d+)", line)
        if m:
            if m.group(1) not in modes:
                modes.append(m.group(1))
            cur = m.group(1) if int(m.group(2)) >= 0 else None
            continue
        if cur is None:
            continue
        m = re.match(r"rows profile: .* body ([\d.]+) us", line)
        if m:
            stages[cur]["body"].append(float(m.group(1)))
            continue
        m = re.match(r"\s+(\S.*?)\s+\d+ calls\s+([\d.]+) us", line)
        if m:
            stages[cur][m.group(1)].append(float(m.group(2)))
    if not modes or not stages:
        sys.exit("no marked profile tables in " + path)
    names = list(stages[modes[0]])
    print("%-28s" % "stage (us per call)" + "".join("%14s" % m[:13] for m in modes))
    for n in names:
        row = [statistics.median(stages[m][n]) if stages[m][n] else None for m in modes]
        print("%-28s" % n + "".join("%14s" % ("-" if v is None else "%.1f" % v) for v in row))
    print("%-28s" % "calls" + "".join("%14d" % len(stages[m]["body"]) for m in modes))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
