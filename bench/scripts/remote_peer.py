#!/usr/bin/env python3
"""The python-libvirt peer of remote-bench.sh: CALLS calls (XMLDesc and info, alternating) on one
connection from THREADS threads, after the same warm-up; prints calls/s."""
import resource
import sys
import threading
import time

import libvirt


def run(dom, calls, threads):
    pairs = calls // 2 // threads
    start = threading.Barrier(threads + 1)

    def work():
        start.wait()
        for _ in range(pairs):
            dom.XMLDesc(0)
            dom.info()

    ts = [threading.Thread(target=work) for _ in range(threads)]
    for t in ts:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in ts:
        t.join()
    return time.perf_counter() - t0


def cpu_seconds():
    """CPU time of this process (every thread), as the kernel counts it."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main():
    uri, name, calls, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    conn = libvirt.open(uri)
    dom = conn.lookupByName(name)
    run(dom, 20000, threads)  # the same warm-up as RemoteBench
    cpu0 = cpu_seconds()
    s = run(dom, calls, threads)
    cpu = cpu_seconds() - cpu0
    print("python-libvirt threads=%d calls=%d seconds=%.3f calls_per_s=%.0f client_cpu_us_per_call=%.1f"
          % (threads, calls, s, calls / s, cpu * 1e6 / calls))
    conn.close()


if __name__ == "__main__":
    main()
