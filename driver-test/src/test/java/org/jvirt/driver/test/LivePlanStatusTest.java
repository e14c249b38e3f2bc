package org.jvirt.driver.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.jvirt.Affect;
import org.jvirt.SetVcpusOptions;
import org.jvirt.StartOptions;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.event.EventBus;
import org.jvirt.model.DomainDef;
import org.jvirt.spi.DriverContext;
import org.jvirt.state.Hypervisor;

/**
 * A live vCPU plan (setvcpus, setvcpu) writes the status once, after its last completed step,
 * also when a later step fails; the steps done before the failure stay done.
 */
class LivePlanStatusTest {
    private static final String VM = "<domain type='test'><name>plan</name><memory>1024</memory>"
            + "<vcpu placement='static' current='1'>4</vcpu><os><type>hvm</type></os></domain>";

    /** Every status the connection saved: the live vCPU count of each. */
    private final List<Integer> saved = new ArrayList<>();
    private volatile int failingVcpu = -1;
    private TestConnection conn;
    private UUID uuid;

    @SuppressWarnings("unchecked")
    @BeforeEach
    void setUp() {
        var node = NodeFiles.builtInDefault();
        SimulatedHypervisor sim = new SimulatedHypervisor(node.topology().arch());
        Hypervisor<SimRuntime> hv = (Hypervisor<SimRuntime>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Hypervisor.class}, (proxy, method, args) -> {
                    if (method.getName().equals("saveStatus")) {
                        saved.add(((DomainDef) args[1]).vcpu().current());
                    }
                    if (method.getName().equals("plugVcpu") && (int) args[1] == failingVcpu) {
                        throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.TEST, "plug of %d refused",
                                failingVcpu);
                    }
                    try {
                        return method.invoke(sim, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        conn = new TestConnection(node, new DriverContext(new EventBus(Executors.newSingleThreadExecutor()), false),
                hv);
        uuid = conn.domains().define(VM).uuid();
        conn.domains().start(uuid, new StartOptions(false));
        saved.clear();
    }

    @Test
    void aPlanOfSeveralStepsWritesTheStatusOnce() {
        conn.vcpus().setVcpus(uuid, 4, SetVcpusOptions.of(Affect.LIVE));
        assertThat(conn.vcpus().vcpuCount(uuid).currentLive()).hasValue(4);
        assertThat(saved).containsExactly(4);
    }

    @Test
    void aFailedStepKeepsTheStepsBeforeItAndTheirStatus() {
        failingVcpu = 3;
        assertThatThrownBy(() -> conn.vcpus().setVcpus(uuid, 4, SetVcpusOptions.of(Affect.LIVE)))
                .hasMessageContaining("plug of 3 refused");
        assertThat(conn.vcpus().vcpuCount(uuid).currentLive()).hasValue(3);
        assertThat(saved).containsExactly(3);
    }

    @Test
    void aPlanWhoseFirstStepFailsChangesNothingAndWritesNothing() {
        failingVcpu = 1;
        assertThatThrownBy(() -> conn.vcpus().setVcpus(uuid, 4, SetVcpusOptions.of(Affect.LIVE)))
                .isInstanceOf(VirtException.class);
        assertThat(conn.vcpus().vcpuCount(uuid).currentLive()).hasValue(1);
        assertThat(saved).isEmpty();
    }
}
