#!/usr/bin/env python3
"""jvirtd-bench.sh's memory load: defines DOMAINS domains on URI, then holds CLIENTS connections open
(each opened and used once) until its standard input closes."""
import sys

import libvirt

uri, domains, clients = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
c = libvirt.open(uri)
for i in range(domains):
    c.defineXML("<domain type='test'><name>jvb-%05d</name><memory unit='MiB'>128</memory>"
                "<vcpu cpuset='0-3'>4</vcpu><cputune><vcpupin vcpu='0' cpuset='1'/></cputune>"
                "<os><type>hvm</type></os></domain>" % i)
held = [libvirt.open(uri) for _ in range(clients)]
for h in held:
    h.lookupByName("test").info()
print("defined=%d clients=%d listed=%d" % (domains, len(held), len(c.listAllDomains())), flush=True)
sys.stdin.read()
for i in range(domains):
    c.lookupByName("jvb-%05d" % i).undefine()
