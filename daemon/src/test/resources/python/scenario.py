# python-libvirt against jvirtd: the lifecycle and pinning scenario, printing what it sees.
# argv: URI, domain XML file. Prints one "key: value" line per observation, then the live XML.
import sys, threading, time
import libvirt

uri, xml_file = sys.argv[1], sys.argv[2]
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
dom.pinVcpuFlags(0, tuple(i in (1, 2) for i in range(ncpus)), libvirt.VIR_DOMAIN_AFFECT_LIVE)
dom.pinEmulator(tuple(i in (4, 5) for i in range(ncpus)), libvirt.VIR_DOMAIN_AFFECT_LIVE)
dom.setVcpusFlags(3, libvirt.VIR_DOMAIN_AFFECT_LIVE)
print("info:", dom.info())
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
dom.destroy()
dom.undefine()
time.sleep(0.5)
print("events:")
for e in events:
    print(" ", e)
print("xml:")
print(xml, end="")
conn.close()
