#!/usr/bin/python3
"""libvirt's side of the in-process vCPU hot-plug benchmark (QemuHotplugVsLibvirt).

Holds one connection to qemu:///system. For each line "NAME XMLFILE [SETTLE_MS]" on standard
input it creates that domain afresh (transient, started), waits SETTLE_MS (default 0), times
dom.setVcpusFlags(4, AFFECT_LIVE) alone, checks that 4 vCPUs are live, destroys the domain and
prints the plug's nanoseconds.
"""
import sys
import time

import libvirt

conn = libvirt.open("qemu:///system")
print("ready", flush=True)
for line in sys.stdin:
    name, path, *rest = line.split()
    settle_ms = int(rest[0]) if rest else 0
    with open(path) as f:
        dom = conn.createXML(f.read(), 0)
    try:
        if settle_ms:
            time.sleep(settle_ms / 1000)
        t0 = time.perf_counter_ns()
        dom.setVcpusFlags(4, libvirt.VIR_DOMAIN_AFFECT_LIVE)
        t1 = time.perf_counter_ns()
        live = dom.vcpusFlags(libvirt.VIR_DOMAIN_AFFECT_LIVE)
        if live != 4:
            print("error %s: %d vCPUs live after setVcpusFlags(4)" % (name, live), flush=True)
            continue
    finally:
        dom.destroy()
    print(t1 - t0, flush=True)
