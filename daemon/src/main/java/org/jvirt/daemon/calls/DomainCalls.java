package org.jvirt.daemon.calls;

import static org.jvirt.daemon.rpc.CallTable.Kind.READ;
import static org.jvirt.daemon.rpc.CallTable.Kind.WRITE;
import static org.jvirt.protocol.remote.RemoteProgram.*;

import java.util.List;

import org.jvirt.XmlFlag;
import org.jvirt.DestroyOptions;
import org.jvirt.Domain;
import org.jvirt.DomainInfo;
import org.jvirt.StartOptions;
import org.jvirt.StateInfo;
import org.jvirt.daemon.rpc.CallTable;
import org.jvirt.protocol.remote.RemoteMessages.SecurityLabel;
import org.jvirt.protocol.remote.RemoteMessages.StateResult;

/** One domain's lifecycle and what virsh's dominfo, domstate and dumpxml ask about it. */
public final class DomainCalls {
    /** virDomainXMLFlags: SECURE 1, INACTIVE 2, UPDATE_CPU 4, MIGRATABLE 8 ({@link XmlFlag#bit}). */
    private static final int XML_KNOWN = XmlFlag.bits(java.util.EnumSet.allOf(XmlFlag.class));
    /** virDomainCreateFlags: START_PAUSED. */
    private static final int START_PAUSED = 1;
    /** virDomainDestroyFlags: GRACEFUL. */
    private static final int DESTROY_GRACEFUL = 1;
    /**
     * virDomainUndefineFlags jvirt can honour: managed save, snapshot metadata, NVRAM, checkpoint
     * metadata (jvirt keeps none of them, so removing them is done), KEEP_NVRAM, KEEP_TPM.
     */
    private static final int UNDEFINE_KNOWN = 1 | 2 | 4 | 8 | 16 | 32 | 64;

    private DomainCalls() {
    }

    public static void register(CallTable t) {
        t.add(DOMAIN_CREATE, WRITE, (c, d) -> {
            c.domain(d).start();
            return null;
        });
        t.add(DOMAIN_CREATE_WITH_FLAGS, WRITE, (c, a) -> {
            Wire.checkFlags(a.flags(), START_PAUSED | 16, "virDomainCreateWithFlags");
            Domain d = c.domain(a.dom());
            d.start((a.flags() & START_PAUSED) != 0 ? StartOptions.PAUSED : StartOptions.DEFAULT);
            return Wire.ref(d);
        });
        t.add(DOMAIN_DESTROY, WRITE, (c, d) -> {
            c.domain(d).destroy();
            return null;
        });
        t.add(DOMAIN_DESTROY_FLAGS, WRITE, (c, a) -> {
            Wire.checkFlags(a.flags(), DESTROY_GRACEFUL, "virDomainDestroyFlags");
            c.domain(a.dom()).destroy((a.flags() & DESTROY_GRACEFUL) != 0 ? DestroyOptions.GRACEFUL
                    : DestroyOptions.DEFAULT);
            return null;
        });
        t.add(DOMAIN_SHUTDOWN, WRITE, (c, d) -> {
            c.domain(d).shutdown();
            return null;
        });
        t.add(DOMAIN_REBOOT, WRITE, (c, a) -> {
            c.domain(a.dom()).reboot();
            return null;
        });
        t.add(DOMAIN_SUSPEND, WRITE, (c, d) -> {
            c.domain(d).suspend();
            return null;
        });
        t.add(DOMAIN_RESUME, WRITE, (c, d) -> {
            c.domain(d).resume();
            return null;
        });
        t.add(DOMAIN_UNDEFINE, WRITE, (c, d) -> {
            c.domain(d).undefine();
            return null;
        });
        t.add(DOMAIN_UNDEFINE_FLAGS, WRITE, (c, a) -> {
            Wire.checkFlags(a.flags(), UNDEFINE_KNOWN, "virDomainUndefineFlags");
            c.domain(a.dom()).undefine();
            return null;
        });
        t.add(DOMAIN_GET_XML_DESC, READ, (c, a) -> {
            Wire.checkFlags(a.flags(), XML_KNOWN, "virDomainGetXMLDesc");
            return c.domain(a.dom()).xml(XmlFlag.ofBits(a.flags()).toArray(XmlFlag[]::new));
        });
        t.add(DOMAIN_GET_INFO, READ, (c, d) -> {
            DomainInfo i = c.domain(d).info();
            return new org.jvirt.protocol.remote.RemoteMessages.DomainInfo(i.state().number(), i.maxMemoryKiB(),
                    i.memoryKiB(), i.vcpus(), i.cpuTimeNanos());
        });
        t.add(DOMAIN_GET_STATE, READ, (c, a) -> {
            StateInfo s = c.domain(a.dom()).state();
            return new StateResult(s.state().number(), Wire.reason(s));
        });
        t.add(DOMAIN_IS_ACTIVE, READ, (c, d) -> c.domain(d).isActive() ? 1 : 0);
        t.add(DOMAIN_IS_PERSISTENT, READ, (c, d) -> c.domain(d).isPersistent() ? 1 : 0);
        t.add(DOMAIN_GET_OS_TYPE, READ, (c, d) -> c.domain(d).definition().os().type().name());
        // jvirt starts no domain by itself, keeps no managed save images and no snapshots: honest zeros
        t.add(DOMAIN_GET_AUTOSTART, READ, (c, d) -> TuningCalls.autostart(c.domain(d)));
        t.add(DOMAIN_HAS_MANAGED_SAVE_IMAGE, READ, (c, a) -> {
            c.domain(a.dom());
            return 0;
        });
        t.add(DOMAIN_SNAPSHOT_NUM, READ, (c, a) -> {
            c.domain(a.dom());
            return 0;
        });
        t.add(DOMAIN_GET_MESSAGES, READ, (c, a) -> {
            c.domain(a.dom());
            return List.of();
        });
        // no security driver: no label, not enforcing (what libvirt answers with security_driver "none")
        t.add(DOMAIN_GET_SECURITY_LABEL, READ, (c, d) -> {
            c.domain(d);
            return new SecurityLabel(new byte[0], 0);
        });
    }
}
