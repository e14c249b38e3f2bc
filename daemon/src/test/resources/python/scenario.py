# python-libvirt against jvirtd: the lifecycle and pinning scenario, printing what it sees.
# argv: URI, domain XML file, then optionally: vCPU 0's CPUs (default 1,2), the emulator's CPUs
# (default 4,5), the live vCPU count to set (default 3), and a directory where the script writes
# "ready" once the domain runs as set and waits for "go" before destroying it (a test reads the
# kernel meanwhile). Prints one "key: value" line per observation, then the live XML.
import os, sys, threading, time
import libvirt

uri, xml_file = sys.argv[1], sys.argv[2]
vcpu0_cpus = [int(c) for c in (sys.argv[3] if len(sys.argv) > 3 else "1,2").split(",")]
emulator_cpus = [int(c) for c in (sys.argv[4] if len(sys.argv) > 4 else "4,5").split(",")]
live_vcpus = int(sys.argv[5]) if len(sys.argv) > 5 else 3
sync_dir = sys.argv[6] if len(sys.argv) > 6 else None
libvirt.virEventRegisterDefaultImpl()
threading.Thread(target=lambda: [libvirt.virEventRunDefaultImpl() for _ in iter(int, 1)], daemon=True).start()

conn = libvirt.open(uri)
events = []
conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                            lambda c, d, ev, detail, o: events.append("lifecycle %s %d %d" % (d.name(), ev, detail)), None)
conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_TUNABLE,
                            lambda c, d, params, o: events.append("tunable %s %s" % (d.name(), sorted(params.items()))), None)

dom = conn.defineXML(open(xml_file).read())
print("defined:", dom.name(), dom.UUIDString(), dom.isActive(), dom.isPersistent())
dom.create()
ncpus = conn.getCPUMap()[0]
dom.pinVcpuFlags(0, tuple(i in vcpu0_cpus for i in range(ncpus)), libvirt.VIR_DOMAIN_AFFECT_LIVE)
dom.pinEmulator(tuple(i in emulator_cpus for i in range(ncpus)), libvirt.VIR_DOMAIN_AFFECT_LIVE)
dom.setVcpusFlags(live_vcpus, libvirt.VIR_DOMAIN_AFFECT_LIVE)
info = dom.info()
print("info:", info[:4])
print("state:", dom.state())
print("vcpus live:", dom.vcpusFlags(libvirt.VIR_DOMAIN_AFFECT_LIVE),
      "config:", dom.vcpusFlags(libvirt.VIR_DOMAIN_AFFECT_CONFIG),
      "max:", dom.vcpusFlags(libvirt.VIR_DOMAIN_AFFECT_LIVE | libvirt.VIR_DOMAIN_VCPU_MAXIMUM))
print("vcpupin:", ["".join("y" if b else "-" for b in m) for m in dom.vcpuPinInfo(libvirt.VIR_DOMAIN_AFFECT_LIVE)])
print("emulatorpin:", "".join("y" if b else "-" for b in dom.emulatorPinInfo(libvirt.VIR_DOMAIN_AFFECT_LIVE)))
print("list:", sorted((d.name(), d.isActive()) for d in conn.listAllDomains()))
xml = dom.XMLDesc(0)
try:
    dom.blockStats("vda")
except libvirt.libvirtError as e:
    print("unsupported:", e.get_error_code())
try:
    dom.setVcpusFlags(99, libvirt.VIR_DOMAIN_AFFECT_LIVE)
except libvirt.libvirtError as e:
    print("too many vcpus:", e.get_error_code())
if sync_dir:
    open(os.path.join(sync_dir, "ready"), "w").close()
    deadline = time.time() + 60
    while not os.path.exists(os.path.join(sync_dir, "go")) and time.time() < deadline:
        time.sleep(0.05)
dom.destroy()
dom.undefine()
time.sleep(0.5)
print("events:")
for e in events:
    print(" ", e)
print("xml:")
print(xml, end="")
conn.close()
