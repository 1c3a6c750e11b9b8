#!/usr/bin/env python3
"""Sample one block device's /proc/diskstats counters every few milliseconds, and summarise them around a run.

    bench/diskstats.py record vda out.tsv [interval_ms=10]   # until killed (SIGTERM/SIGINT)
    bench/diskstats.py around out.tsv START_EPOCH END_EPOCH [step_s=0.1]

`record` writes one line per sample: epoch seconds, then the cumulative counters below. `around` prints, per step from
2 s before START to 2 s after END, what the disk completed in that step: writes, flushes, discards (and MB discarded),
and the milliseconds it spent writing and flushing. It was written to see whether ext4's online discard (trims of
freed extents after a retention run drops a partition) causes the chat's worst second; it does not
(docs/benchmarks.md, twelfth session). bench/fsync-trace.py goes further, down to each fsync.
"""
import bisect
import signal
import sys
import time

# Fields after "major minor name" in /proc/diskstats (Documentation/admin-guide/iostats.rst).
FIELDS = ["reads", "reads_merged", "sectors_read", "ms_reading", "writes", "writes_merged", "sectors_written",
          "ms_writing", "in_flight", "ms_io", "ms_weighted", "discards", "discards_merged", "sectors_discarded",
          "ms_discarding", "flushes", "ms_flushing"]
KEPT = ["writes", "ms_writing", "flushes", "ms_flushing", "discards", "sectors_discarded", "ms_discarding"]


def read(device):
    with open("/proc/diskstats") as f:
        for line in f:
            parts = line.split()
            if parts[2] == device:
                values = dict(zip(FIELDS, map(int, parts[3:])))
                return [values.get(k, 0) for k in KEPT]
    raise SystemExit(f"no device {device} in /proc/diskstats")


def record(device, out, interval_ms=10):
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    interval = interval_ms / 1000
    with open(out, "w") as f:
        f.write("epoch\t" + "\t".join(KEPT) + "\n")
        next_at = time.time()
        while not stop:
            f.write(f"{time.time():.4f}\t" + "\t".join(map(str, read(device))) + "\n")
            next_at += interval
            time.sleep(max(0.0, next_at - time.time()))


def around(path, start, end, step=0.1):
    rows = []
    with open(path) as f:
        next(f)
        for line in f:
            parts = line.split()
            rows.append((float(parts[0]), list(map(int, parts[1:]))))
    lo, hi = start - 2, end + 2
    print("from start s\twrites\tflushes\tdiscards\tMB discarded\tms writing\tms flushing")
    times = [r[0] for r in rows]
    t = lo
    while t < hi:
        # The last sample at or before each edge, so that no completion between two steps is lost.
        i, j = bisect.bisect_right(times, t) - 1, bisect.bisect_right(times, t + step) - 1
        if 0 <= i < j:
            d = dict(zip(KEPT, (y - x for x, y in zip(rows[i][1], rows[j][1]))))
            print(f"{t - start:+.1f}\t{d['writes']}\t{d['flushes']}\t{d['discards']}\t"
                  f"{d['sectors_discarded'] * 512 / 1e6:.1f}\t{d['ms_writing']}\t{d['ms_flushing']}")
        t += step


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "record":
        record(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 10)
    elif len(sys.argv) >= 5 and sys.argv[1] == "around":
        around(sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]) if len(sys.argv) > 5 else 0.1)
    else:
        print(__doc__)
        sys.exit(64)
