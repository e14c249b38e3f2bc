package org.jvirt.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jvirt.driver.FakeHypervisor;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.EventBus;
import org.jvirt.host.NumadAdvice;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.Validator;
import org.jvirt.spi.Defined;
import org.jvirt.xml.DomainXml;

/**
 * A domain defined from a definition built in code ({@link ManagedDomains#define(DomainDef)}, as
 * test:///default's) goes through what a define from XML does: the driver's defaults and checks,
 * the validator, the store, the event, and nothing left behind when it is refused.
 */
class ModelDefineTest {
    private static final String UUID_TEXT = "8f7c2a4e-1b3d-4c5e-9a6f-0b1c2d3e4f50";
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final EventBus events = new EventBus(executor);
    private final FakeHypervisor hv = FakeHypervisor.with(FakeHypervisor.CapabilitySet.ALL);
    private final ManagedDomains<FakeHypervisor.Run> domains = new ManagedDomains<>(new ManagedDriver<>(
            new DomainList<>(), hv, DomainStore.inMemory(), new StandardCodec(hv, new DomainXml(), new Validator()),
            ManagedFixture.HOST, (v, m) -> new NumadAdvice(CpuSet.of(1)), events, ErrorDomain.NONE));

    @AfterEach
    void stop() throws InterruptedException {
        events.close();
        executor.shutdown();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private static String xml(String cputune) {
        return "<domain type='kvm'><name>m</name><uuid>" + UUID_TEXT + "</uuid><memory>1024</memory>"
                + "<vcpu placement='static'>2</vcpu>" + cputune + "<os><type>hvm</type></os></domain>";
    }

    private static DomainDef built(String cputune) {
        return new DomainXml().read(xml(cputune)).def();
    }

    @Test
    void aDefinitionBuiltInCodeIsCheckedStoredAndAnnouncedAsItsXmlIs() throws Exception {
        Events seen = new Events(2);
        events.publisher().subscribe(seen);
        seen.subscribed.await(5, TimeUnit.SECONDS);

        Defined fromModel = domains.define(built("<cputune><vcpupin vcpu='1' cpuset='3'/></cputune>"));
        assertThat(hv.log()).startsWith("validate"); // the driver's checks, then the job
        UUID uuid = UUID.fromString(UUID_TEXT);
        assertThat(fromModel.domain().uuid()).isEqualTo(uuid);
        assertThat(fromModel.domain().persistent()).isTrue();
        DomainDef stored = domains.definition(uuid, true);
        assertThat(domains.xml(uuid, java.util.Set.of())).contains("<vcpupin vcpu='1' cpuset='3'/>");

        // the same definition again, now as XML: an update of the same domain, equal to the first
        Defined fromXml = domains.define(xml("<cputune><vcpupin vcpu='1' cpuset='3'/></cputune>"));
        assertThat(fromXml.domain().uuid()).isEqualTo(uuid);
        assertThat(fromXml.warnings()).isEqualTo(fromModel.warnings());
        assertThat(domains.definition(uuid, true)).isEqualTo(stored);
        assertThat(seen.await()).containsExactly(new DomainEvent.Defined("m", uuid, false),
                new DomainEvent.Defined("m", uuid, true));
    }

    @Test
    void aRefusedDefinitionBuiltInCodeFailsAsItsXmlDoesAndLeavesNothing() {
        String twoPinsOfOneVcpu = "<cputune><vcpupin vcpu='1' cpuset='0'/><vcpupin vcpu='1' cpuset='1'/></cputune>";
        VirtException fromXml = catchThrowableOfType(VirtException.class, () -> domains.define(xml(twoPinsOfOneVcpu)));
        VirtException fromModel = catchThrowableOfType(VirtException.class, () -> domains.define(built(twoPinsOfOneVcpu)));
        assertThat(fromXml).isNotNull();
        assertThat(fromModel).isNotNull();
        assertThat(fromModel.code()).isEqualTo(fromXml.code());
        assertThat(fromModel.getMessage()).isEqualTo(fromXml.getMessage()).contains("pinned twice");
        assertThat(domains.list()).isEmpty();
    }

    /** Collects the events it is sent until it has {@code expected} of them. */
    private static final class Events implements Flow.Subscriber<DomainEvent> {
        final CountDownLatch subscribed = new CountDownLatch(1);
        private final CountDownLatch all;
        private final List<DomainEvent> got = new CopyOnWriteArrayList<>();

        Events(int expected) {
            all = new CountDownLatch(expected);
        }

        List<DomainEvent> await() throws InterruptedException {
            assertThat(all.await(5, TimeUnit.SECONDS)).as("events arrived: %s", got).isTrue();
            return got;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
            subscribed.countDown();
        }

        @Override
        public void onNext(DomainEvent e) {
            got.add(e);
            all.countDown();
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onComplete() {
        }
    }
}
