package org.jvirt.driver.qemu.capabilities;

import java.util.Optional;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * {@code <domainCapabilities>} of one probed QEMU binary ({@code virsh domcapabilities}), in
 * libvirt's shape: the emulator, the virtualization type, the canonical machine type, the
 * architecture, the most vCPUs that machine takes, and what jvirt can do with such a domain
 * (I/O threads, the CPU modes, the memory backing it knows).
 */
public final class DomainCapabilitiesXml {
    private DomainCapabilitiesXml() {
    }

    /**
     * @param virtType {@code kvm} or {@code qemu}; empty: kvm where QEMU can use it, else qemu
     */
    public static String format(QemuCaps caps, String hostArch, Optional<String> arch, Optional<String> machine,
                                Optional<String> virtType) {
        String type = virtType.orElse(caps.kvm() ? "kvm" : "qemu");
        if (!type.equals("kvm") && !type.equals("qemu")) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.QEMU,
                    "unknown virttype: %s (the QEMU driver takes kvm or qemu)", type);
        }
        if (type.equals("kvm") && !caps.kvm()) {
            throw VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU,
                    "KVM is not supported by '%s' on this host (no usable /dev/kvm): ask for virttype qemu", caps.binary());
        }
        String a = arch.orElse(hostArch);
        if (!a.equals(hostArch)) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.QEMU,
                    "emulator '%s' does not support arch '%s' (it runs %s guests)", caps.binary(), a, hostArch);
        }
        String m = caps.canonicalMachine(machine.orElse(caps.defaultMachine()));
        StringBuilder x = new StringBuilder();
        x.append("<domainCapabilities>\n");
        x.append("  <path>").append(escape(caps.binary())).append("</path>\n");
        x.append("  <domain>").append(type).append("</domain>\n");
        x.append("  <machine>").append(escape(m)).append("</machine>\n");
        x.append("  <arch>").append(escape(a)).append("</arch>\n");
        x.append("  <vcpu max='").append(caps.maxCpus(m)).append("'/>\n");
        x.append("  <iothreads supported='yes'/>\n");
        x.append("  <os supported='yes'>\n");
        x.append("    <enum name='firmware'/>\n");
        x.append("  </os>\n");
        x.append("  <cpu>\n");
        x.append("    <mode name='host-passthrough' supported='").append(type.equals("kvm") ? "yes" : "no")
                .append("'/>\n");
        x.append("    <mode name='maximum' supported='yes'/>\n");
        x.append("    <mode name='host-model' supported='no'/>\n");
        x.append("    <mode name='custom' supported='no'/>\n");
        x.append("  </cpu>\n");
        x.append("  <memoryBacking supported='no'/>\n");
        x.append("  <devices>\n");
        x.append("    <disk supported='yes'/>\n");
        x.append("    <graphics supported='no'/>\n");
        x.append("    <hostdev supported='no'/>\n");
        x.append("  </devices>\n");
        x.append("  <features>\n");
        x.append("    <vmcoreinfo supported='no'/>\n");
        x.append("  </features>\n");
        x.append("</domainCapabilities>\n");
        return x.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&apos;");
    }
}
