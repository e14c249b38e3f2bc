package org.jvirt.state;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

import org.jvirt.StartOptions;
import org.jvirt.driver.FakeHypervisor;
import org.jvirt.error.ErrorDomain;
import org.jvirt.event.EventBus;
import org.jvirt.host.HostCell;
import org.jvirt.host.HostCpu;
import org.jvirt.host.HostTopology;
import org.jvirt.host.NumadAdvice;
import org.jvirt.model.CpuSet;
import org.jvirt.pinning.Validator;
import org.jvirt.xml.DomainXml;

/**
 * Core's managed domains over a {@link FakeHypervisor} on a host of 4 CPUs in 2 cells (0-1, 2-3),
 * numad always advising cell 1; definitions and statuses in memory, or on disk below a directory.
 */
final class ManagedFixture {
    static final HostTopology HOST = new HostTopology("x86_64", "x86_64", 1000, List.of(
            new HostCell(0, 1024, List.of(cpu(0, 0), cpu(1, 0)), Map.of()),
            new HostCell(1, 1024, List.of(cpu(2, 1), cpu(3, 1)), Map.of())), CpuSet.range(0, 3), 4);

    final FakeHypervisor hv;
    final ManagedDriver<FakeHypervisor.Run> driver;
    final ManagedDomains<FakeHypervisor.Run> domains;
    final ManagedVcpus<FakeHypervisor.Run> vcpus;
    final DomainStore store;

    private static HostCpu cpu(int id, int cell) {
        return new HostCpu(id, cell, 0, id, CpuSet.of(id), 0);
    }

    private ManagedFixture(FakeHypervisor hv, DomainStore store) {
        this.hv = hv;
        this.store = store;
        this.driver = new ManagedDriver<>(new DomainList<>(), hv, store,
                new StandardCodec(hv, new DomainXml(), new Validator()), HOST, (v, m) -> new NumadAdvice(CpuSet.of(1)),
                new EventBus(Executors.newSingleThreadExecutor()), ErrorDomain.NONE);
        this.domains = new ManagedDomains<>(driver);
        this.vcpus = new ManagedVcpus<>(driver);
    }

    static ManagedFixture inMemory(FakeHypervisor hv) {
        return new ManagedFixture(hv, DomainStore.inMemory());
    }

    static ManagedFixture onDisk(FakeHypervisor hv, Path dir) {
        return new ManagedFixture(hv, DomainStore.onDisk(new ConfigStore(dir.resolve("etc")),
                new StatusStore(dir.resolve("run")), new DomainXml()));
    }

    /** A VM or container domain named {@code name} with {@code vcpu} as its {@code <vcpu>} element. */
    static String xml(String name, String type, String vcpu) {
        String os = type.equals("lxc") ? "<os><type>exe</type><init>/bin/sh</init></os>" : "<os><type>hvm</type></os>";
        return "<domain type='" + type + "'><name>" + name + "</name><memory>1024</memory>" + vcpu + os + "</domain>";
    }

    UUID defineAndStart(String xml) {
        UUID uuid = domains.define(xml).domain().uuid();
        domains.start(uuid, StartOptions.DEFAULT);
        hv.clearLog();
        return uuid;
    }
}
