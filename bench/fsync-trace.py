#!/usr/bin/env python3
"""Trace where PostgreSQL's fsyncs spend their time during a retention run (Linux tracefs, as root).

    bench/fsync-trace.py start /dev/shm/trace.txt   # before the bench; keep the trace off the disk being measured
    bench/fsync-trace.py stop
    bench/fsync-trace.py report /dev/shm/trace.txt START_EPOCH END_EPOCH

SweepBench prints the run's START and END in epoch seconds ("trigger to answer; epoch ... to ...").

`start` records, with the monotonic clock (its offset to the epoch goes to <trace>.offset): every fsync and fdatasync
on ext4 (enter and exit), every block request issued and completed (cache flushes included), and, for each time a
postgres process blocks uninterruptibly, its kernel stack. `report` compares three windows, 40 s before the run, the
run, and 20 s after it: how many fsyncs, how long, how many over 20 ms; how long the disk's cache flushes and writes
took; and, for each slow fsync in the run, what it waited on (its writes' pages, the inode, the flush).
"""
import bisect
import os
import re
import signal
import subprocess
import sys
import time
from collections import defaultdict

TRACEFS = "/sys/kernel/tracing"
PID_FILE = "/tmp/samtal-fsync-trace.pid"
EVENTS = ["ext4/ext4_sync_file_enter", "ext4/ext4_sync_file_exit", "block/block_rq_issue", "block/block_rq_complete",
          "sched/sched_switch"]
BLOCKED = 'prev_comm == "postgres" && prev_state & 2'
SLOW_MS = 20.0
LINE = re.compile(r"^\s*(.+?)-(\d+)\s+\[\d+\]\s+\S+\s+([\d.]+): (\w+): (.*)$")
BLOCK = re.compile(r"^(\d+,\d+) (\w+) (?:\d+ )?\(.*?\) (\d+) \+ (\d+)")


def put(name, value):
    with open(os.path.join(TRACEFS, name), "w") as f:
        f.write(value)


def start(out):
    if not os.path.exists(os.path.join(TRACEFS, "trace_pipe")):
        subprocess.run(["mount", "-t", "tracefs", "nodev", TRACEFS], check=True)
    put("tracing_on", "0")
    put("trace", "")
    put("buffer_size_kb", "65536")
    put("trace_clock", "mono")
    with open(out + ".offset", "w") as f:
        f.write(repr(time.time() - time.clock_gettime(time.CLOCK_MONOTONIC)))
    put("events/sched/sched_switch/filter", BLOCKED)
    put("events/sched/sched_switch/trigger", "stacktrace if " + BLOCKED)
    for event in EVENTS:
        put(f"events/{event}/enable", "1")
    put("tracing_on", "1")
    with open(out, "w") as sink:
        reader = subprocess.Popen(["cat", os.path.join(TRACEFS, "trace_pipe")], stdout=sink,
                                  start_new_session=True)
    with open(PID_FILE, "w") as f:
        f.write(str(reader.pid))


def stop():
    put("tracing_on", "0")
    time.sleep(1)  # let the reader drain the buffer
    with open(PID_FILE) as f:
        os.kill(int(f.read()), signal.SIGTERM)
    os.remove(PID_FILE)
    put("events/enable", "0")
    put("events/sched/sched_switch/trigger", "!stacktrace")
    put("events/sched/sched_switch/filter", "0")


def parse(path):
    """fsyncs as (start, end, pid), flushes and writes as (start, end), blocked stacks per pid as (time, frames)."""
    fsyncs, flushes, writes = [], [], []
    entered, flushing, issued = {}, None, {}
    stacks = defaultdict(list)
    current = None
    with open(path, errors="replace") as f:
        for line in f:
            if line.startswith(" => "):
                if current is not None:
                    current.append(line[4:].strip())
                continue
            if "<stack trace>" in line:
                pid = int(re.match(r"^\s*.+?-(\d+)\s", line).group(1))
                current = stacks[pid][-1][1] if stacks[pid] else None
                continue
            current = None
            m = LINE.match(line)
            if not m:
                continue
            pid, t, event, rest = int(m.group(2)), float(m.group(3)), m.group(4), m.group(5)
            if event == "ext4_sync_file_enter":
                entered[pid] = t
            elif event == "ext4_sync_file_exit" and pid in entered:
                fsyncs.append((entered.pop(pid), t, pid))
            elif event == "sched_switch":
                stacks[pid].append((t, []))
            elif event in ("block_rq_issue", "block_rq_complete"):
                b = BLOCK.match(rest)
                if not b:
                    continue
                kind, sector = b.group(2), b.group(3)
                if kind == "FF":  # one cache flush at a time; its completion carries no sector
                    if event == "block_rq_issue":
                        flushing = t
                    elif flushing is not None:
                        flushes.append((flushing, t))
                        flushing = None
                elif kind.startswith("W"):
                    if event == "block_rq_issue":
                        issued[sector] = t
                    elif sector in issued:
                        writes.append((issued.pop(sector), t))
    return fsyncs, flushes, writes, stacks


def summary(name, spans, lo, hi):
    ms = sorted((b - a) * 1000 for a, b, *_ in spans if lo <= a < hi)
    if not ms:
        return f"{name}: none"
    n, seconds = len(ms), hi - lo
    slow = [x for x in ms if x > SLOW_MS]
    return (f"{name}: {n} ({n / seconds:.0f}/s), p50 {ms[n // 2]:.2f} p99 {ms[int(n * .99)]:.1f} max {ms[-1]:.1f} ms; "
            f"over {SLOW_MS:.0f} ms: {len(slow)} ({len(slow) / seconds:.2f}/s)")


def waited_on(frames):
    """The blocking call that says what an fsync waited for."""
    for frame in frames:
        for known, what in (("blkdev_issue_flush", "the cache flush"), ("folio_wait_writeback", "its pages' writes"),
                            ("__sync_dirty_buffer", "the inode's write"), ("ext4_write_inode", "the inode's write")):
            if frame.startswith(known):
                return what
    interesting = [f for f in frames if not f.startswith(("trace_", "__traceiter", "__schedule", "schedule"))]
    return interesting[0] if interesting else "?"


def report(path, start_epoch, end_epoch):
    with open(path + ".offset") as f:
        offset = float(f.read())
    start, end = start_epoch - offset, end_epoch - offset
    fsyncs, flushes, writes, stacks = parse(path)
    windows = (("40 s before the run", start - 40, start), ("the run", start, end), ("20 s after it", end, end + 20))
    for title, lo, hi in windows:
        print(f"{title} ({hi - lo:.1f} s)")
        print("  " + summary("fsyncs", fsyncs, lo, hi))
        print("  " + summary("cache flushes", flushes, lo, hi))
        print("  " + summary("writes", writes, lo, hi))
    print(f"fsyncs over {SLOW_MS:.0f} ms during the run (s from its start): what they blocked on, longest flush and write"
          " overlapping them")
    flush_starts = [a for a, _ in flushes]
    write_starts = [a for a, _ in writes]
    for a, b, pid in fsyncs:
        if not (start <= a < end and (b - a) * 1000 > SLOW_MS):
            continue
        overlapping_flush = [y - x for x, y in flushes[max(0, bisect.bisect_left(flush_starts, a) - 1):
                                                      bisect.bisect_right(flush_starts, b)] if y > a]
        overlapping_write = [y - x for x, y in writes[max(0, bisect.bisect_left(write_starts, a - 0.2)):
                                                      bisect.bisect_right(write_starts, b)] if y > a]
        blocked = [waited_on(frames) for t, frames in stacks.get(pid, []) if a <= t <= b]
        print(f"  {a - start:+.3f} pid {pid}: {(b - a) * 1000:.1f} ms; flush {max(overlapping_flush, default=0) * 1000:.1f}"
              f" ms, write {max(overlapping_write, default=0) * 1000:.1f} ms; blocked on: {', '.join(blocked) or '-'}")


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "start":
        start(args[1])
    elif args == ["stop"]:
        stop()
    elif len(args) == 4 and args[0] == "report":
        report(args[1], float(args[2]), float(args[3]))
    else:
        print(__doc__)
        sys.exit(64)
