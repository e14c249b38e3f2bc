package org.jvirt.pinning;

import org.jvirt.host.NumadAdvice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.host.HostTopology;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DefinitionWarning;
import org.jvirt.model.DomainDef;
import org.jvirt.model.DomainNames;
import org.jvirt.model.Placement;

/**
 * The strict semantic rules of docs/pinning.md ("Validation rules"; the XML-level ones are the
 * parser's). Nothing is changed: every method either returns or throws a {@link VirtException}
 * for the first broken rule, with that rule's category. Stateless and thread-safe.
 */
public final class Validator {
    private final PinningResolver resolver;

    public Validator() {
        this(new PinningResolver());
    }

    public Validator(PinningResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * The define-time rules: the domain name ({@link DomainNames#check}), V4, V11, V12 (VM
     * drivers), {@code <vcpus>} refused for containers, V15/V18 (duplicates), V18, V19, V20, V21,
     * V22, V23 (VM drivers), V27, and empty pin sets.
     *
     * @return warnings of accepted oddities (V14: a vcpupin for a vCPU >= MAX is ignored)
     */
    public List<DefinitionWarning> validate(DomainDef def, ValidationContext ctx) {
        DomainNames.check(def.name());
        VcpuRules.check(def, ctx);
        VcpuRules.checkCpu(def, ctx);
        List<DefinitionWarning> warnings = new ArrayList<>();
        CpuTuneRules.check(def, warnings);
        NumaTuneRules.check(def);
        return List.copyOf(warnings);
    }

    /**
     * Everything checked before a start: {@link #validate}, then V12's start rules (VM drivers),
     * V25, V24 and V26. libvirt spreads these over {@code qemuProcessValidateHotpluggableVcpus},
     * {@code qemuProcessPrepareDomainNUMAPlacement} and the cgroup setup; jvirt checks them all
     * before anything is created, so a refused start leaves nothing behind.
     *
     * @param cpuControllerAvailable whether the cgroup cpu controller can be used for the domain
     */
    public List<DefinitionWarning> validateStart(DomainDef def, ValidationContext ctx, HostTopology host,
                                       Optional<NumadAdvice> numad, boolean cpuControllerAvailable) {
        List<DefinitionWarning> warnings = validate(def, ctx);
        if (ctx.isVm()) {
            checkStartVcpuOrder(def);
        }
        checkNumad(def, host, numad);
        if (ctx.isVm()) {
            checkHostCpus(def, host, numad);
        } else {
            // a container's pins are never applied (docs/lxc.md): only its own CPUs must exist
            def.vcpu().cpuset().ifPresent(set -> checkHostCpus("vcpu cpuset", set, host));
        }
        checkCpuController(def, cpuControllerAvailable);
        return warnings;
    }

    /** V12 at start: {@code <vcpus>} orders are unique and at most MAX ({@link ErrorCode#VCPU_STATE}). */
    public void checkStartVcpuOrder(DomainDef def) {
        VcpuRules.checkStartOrder(def.vcpu());
    }

    /** True when the domain needs numad's advice: vCPU or memory placement is 'auto'. */
    public static boolean needsNumad(DomainDef def) {
        return def.vcpu().placement() == Placement.AUTO || def.autoMemoryPlacement();
    }

    /**
     * V25: a domain with placement='auto' needs numad's advice; missing advice (numad not
     * installed, failed, printed nothing usable) is {@link ErrorCode#NUMAD}
     * {@code numad gave no placement advice}, as is advice for nodes without any online CPU when
     * the vCPUs follow it.
     */
    public void checkNumad(DomainDef def, HostTopology host, Optional<NumadAdvice> numad) {
        if (!needsNumad(def)) {
            return;
        }
        if (numad.isEmpty()) {
            throw VirtException.of(ErrorCode.NUMAD, ErrorDomain.PINNING, "numad gave no placement advice");
        }
        if (def.vcpu().placement() == Placement.AUTO) {
            PinningResolver.numadCpus(numad, host);
        }
    }

    /**
     * V24 at start: every resolved set of an online vCPU, the emulator and every I/O thread
     * must lie within the host's online CPUs; {@link ErrorCode#HOST_CPU} for the first that does
     * not, e.g. {@code vcpupin 3: host CPU 9 does not exist or is offline}.
     */
    public void checkHostCpus(DomainDef def, HostTopology host, Optional<NumadAdvice> numad) {
        List<HostCpuViolation> found = resolver.hostCpuViolations(def, host, numad);
        if (!found.isEmpty()) {
            throw new VirtException(ErrorCode.HOST_CPU, ErrorDomain.PINNING, found.get(0).message());
        }
    }

    /**
     * V24 for a live change (pin of a running thread, hotplug of a vCPU): {@code cpus} must lie
     * within the host's online CPUs.
     *
     * @param source how the message names the setting, e.g. {@code vcpupin 3}, {@code emulatorpin}
     */
    public void checkHostCpus(String source, CpuSet cpus, HostTopology host) {
        int bad = cpus.minus(host.online()).first();
        if (bad >= 0) {
            throw new VirtException(ErrorCode.HOST_CPU, ErrorDomain.PINNING,
                    new HostCpuViolation(source, bad).message());
        }
    }

    /**
     * V26: CPU bandwidth (any period or quota, including global, emulator and iothread ones)
     * needs the cgroup cpu controller; without it {@link ErrorCode#NO_CGROUP}.
     */
    public void checkCpuController(DomainDef def, boolean cpuControllerAvailable) {
        if (!cpuControllerAvailable && CpuTuneRules.hasBandwidth(def.cputune())) {
            throw VirtException.of(ErrorCode.NO_CGROUP, ErrorDomain.PINNING,
                    "cputune: CPU bandwidth needs the cgroup cpu controller");
        }
    }
}
