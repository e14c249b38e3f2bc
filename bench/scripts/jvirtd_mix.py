#!/usr/bin/env python3
"""The 10,000-call mix of jvirtd-bench.sh from python-libvirt: LOOKUP_BY_NAME, GET_INFO, GET_XML_DESC
and GET_VCPU_PIN_INFO in turn, from THREADS threads, each on its own connection (MODE per-thread) or
all on one (MODE shared), after a warm-up. Counts wire calls (python's vcpuPinInfo sends NODE_GET_CPU_MAP
and GET_INFO before GET_VCPU_PIN_INFO: those count as the calls they are).
    jvirtd_mix.py URI CALLS THREADS MODE   -> one line: label, calls, seconds, calls/s"""
import sys
import threading
import time

import libvirt

uri, calls, threads, mode = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
# one round: lookupByName (1 call), info (1), XMLDesc (1), vcpuPinInfo (3: cpu map, info, pin info)
PER_ROUND = 6
rounds = calls // PER_ROUND // threads
shared = libvirt.open(uri) if mode == "shared" else None
conns = [shared or libvirt.open(uri) for _ in range(threads)]
for c in conns:
    d = c.lookupByName("test")
    d.info(); d.XMLDesc(0); d.vcpuPinInfo(0)
start = threading.Barrier(threads + 1)


def work(conn):
    start.wait()
    for _ in range(rounds):
        d = conn.lookupByName("test")
        d.info()
        d.XMLDesc(0)
        d.vcpuPinInfo(0)


ts = [threading.Thread(target=work, args=(c,)) for c in conns]
for t in ts:
    t.start()
start.wait()
t0 = time.perf_counter()
for t in ts:
    t.join()
dt = time.perf_counter() - t0
n = rounds * PER_ROUND * threads
print("%-44s calls=%d seconds=%.2f calls/s=%.0f" % (uri.split("?")[0] + " " + mode, n, dt, n / dt))
