#!/usr/bin/env python3
"""What freeing files costs a concurrent durable writer on this machine's file system (docs/benchmarks.md, (b)
Retention sweep, eleventh session).

A writer does what PostgreSQL's WAL does for each commit, an 8 kB write and fdatasync on a preallocated file, once a
millisecond; meanwhile N files of SIZE MB (written and fsynced beforehand) are truncated and unlinked SPACING seconds
apart, as dropping full partitions frees theirs. Prints the writer's latencies before and second by second after.

    python3 bench/free-files.py SPACING N SIZE_MB      # e.g. 0.03 13 6.4
"""
import os
import sys
import threading
import time

spacing, n, size_mb = float(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
work = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'target', 'free-files')
os.makedirs(work, exist_ok=True)
wal = os.path.join(work, 'wal')
with open(wal, 'wb') as f:
    f.write(b'\0' * 16 * 1024 * 1024)
    f.flush()
    os.fsync(f.fileno())
files = []
for i in range(n):
    path = os.path.join(work, f'part{i}')
    with open(path, 'wb') as f:
        f.write(os.urandom(int(size_mb * 1024 * 1024)))
        f.flush()
        os.fsync(f.fileno())
    files.append(path)
os.sync()
time.sleep(6)  # past the journal's commit interval, so the writes above are settled

latencies = []
stop = False


def writer():
    fd = os.open(wal, os.O_WRONLY)
    offset, block = 0, b'x' * 8192
    while not stop:
        start = time.perf_counter()
        os.pwrite(fd, block, offset)
        os.fdatasync(fd)
        latencies.append((start, time.perf_counter() - start))
        offset = (offset + 8192) % (16 * 1024 * 1024)
        time.sleep(0.001)
    os.close(fd)


thread = threading.Thread(target=writer)
thread.start()
time.sleep(2)
t0 = time.perf_counter()
for path in files:
    fd = os.open(path, os.O_WRONLY)
    os.ftruncate(fd, 0)  # as PostgreSQL does to a dropped relation's file at commit
    os.close(fd)
    os.unlink(path)
    time.sleep(spacing)
time.sleep(8)
stop = True
thread.join()
os.remove(wal)


def stats(a, b):
    xs = sorted(l for t, l in latencies if a <= t - t0 < b)
    if not xs:
        return 'none'
    return (f'n {len(xs)} p50 {xs[len(xs) // 2] * 1000:.2f} p99 {xs[int(len(xs) * 0.99)] * 1000:.2f} '
            f'max {xs[-1] * 1000:.1f} ms; over 10 ms: {sum(1 for x in xs if x > 0.01)}')


print(f'{n} files of {size_mb} MB freed {spacing} s apart')
print('  before:', stats(-2, 0))
print('  after: ', stats(0, n * spacing + 8))
for second in range(0, int(n * spacing + 8)):
    print(f'  {second:+d} s', stats(second, second + 1))
