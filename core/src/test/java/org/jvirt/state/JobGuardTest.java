package org.jvirt.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.jvirt.Affect;
import org.jvirt.StartOptions;
import org.jvirt.error.ErrorDomain;
import org.jvirt.event.EventBus;
import org.jvirt.host.HostCell;
import org.jvirt.host.HostCpu;
import org.jvirt.host.HostTopology;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.ValidationContext;
import org.jvirt.pinning.Validator;
import org.jvirt.spi.DomainSummary;
import org.jvirt.xml.DomainXml;

/** Changes run inside the driver's job guard (the real drivers' lock file); queries do not. */
class JobGuardTest {
    private final List<String> log = new ArrayList<>();

    @SuppressWarnings("unchecked")
    private Hypervisor<Object> recordingHypervisor() {
        return (Hypervisor<Object>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Hypervisor.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "jobGuard" -> {
                        log.add("enter " + args[0]);
                        yield (Hypervisor.JobGuard) () -> log.add("exit " + args[0]);
                    }
                    case "type" -> "FAKE";
                    case "postParse" -> args[0];
                    case "validationContext" -> ValidationContext.vm();
                    case "cpuControllerAvailable", "canUnplug", "hearsChanges" -> true;
                    case "start" -> {
                        log.add("start");
                        yield new Hypervisor.Started<>(new Object(), (DomainDef) args[1]);
                    }
                    case "vcpuInfo", "threadPlacements" -> List.of();
                    case "cpuTimeNanos" -> 0L;
                    case "shutdown" -> true;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> {
                        log.add(method.getName());
                        yield null;
                    }
                });
    }

    @Test
    void changesHoldTheGuardAndQueriesDoNot() {
        HostCpu cpu = new HostCpu(0, 0, 0, 0, CpuSet.of(0), 0);
        HostTopology host = new HostTopology("x86_64", "x86_64", 1000,
                List.of(new HostCell(0, 1024, List.of(cpu), java.util.Map.of())), CpuSet.of(0), 1);
        Hypervisor<Object> hv = recordingHypervisor();
        ManagedDriver<Object> d = new ManagedDriver<>(new DomainList<>(), hv,
                new StandardCodec(hv, new DomainXml(), new Validator()), host, (v, m) -> null,
                new EventBus(Executors.newSingleThreadExecutor()), ErrorDomain.NONE);
        ManagedDomains<Object> domains = new ManagedDomains<>(d);
        ManagedVcpus<Object> vcpus = new ManagedVcpus<>(d);

        DomainSummary s = domains.define("<domain type='kvm'><name>g</name><memory>1024</memory>"
                + "<os><type>hvm</type></os></domain>");
        assertThat(log).containsExactly("validate", "enter g", "saveConfig", "exit g");
        log.clear();
        domains.start(s.uuid(), StartOptions.DEFAULT);
        assertThat(log).startsWith("enter g").endsWith("exit g").contains("start");
        log.clear();
        vcpus.vcpuPinInfo(s.uuid(), Affect.LIVE);
        domains.state(s.uuid());
        domains.xml(s.uuid(), false);
        assertThat(log).isEmpty();
        vcpus.pinVcpu(s.uuid(), 0, CpuSet.of(0), Affect.LIVE);
        assertThat(log).containsExactly("enter g", "applyVcpuPin", "saveStatus", "exit g");
        assertThat(Optional.of(domains.lookupByName("g")).map(DomainSummary::active)).hasValue(true);
    }
}
