package org.jvirt.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.DomainState;
import org.jvirt.StateInfo;
import org.jvirt.StateReason;
import org.jvirt.driver.FakeHypervisor;
import org.jvirt.error.ErrorDomain;
import org.jvirt.event.EventBus;
import org.jvirt.host.HostCell;
import org.jvirt.host.HostCpu;
import org.jvirt.host.HostTopology;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.Validator;
import org.jvirt.spi.DomainSummary;
import org.jvirt.xml.DomainStatus;
import org.jvirt.xml.DomainXml;

class ManagedConnectionTest {
    private static final DomainXml XML = new DomainXml();
    private static final String VM = "<domain type='kvm'><name>%s</name><memory>1024</memory><os><type>hvm</type></os></domain>";

    @TempDir
    Path tmp;

    /** A connection whose driver's hypervisor has nothing to do with restoring. */
    private static final class Restored extends ManagedConnection<FakeHypervisor.Run> {
        final List<String> takenOver = new ArrayList<>();
        final FakeHypervisor hv;

        Restored(FakeHypervisor hv, ManagedDriver<FakeHypervisor.Run> driver, StatusStore statuses) {
            super(null, driver);
            this.hv = hv;
            // as a driver finding the process gone: noted, and its status file removed
            restore(text -> XML.read(text).def(), s -> {
                takenOver.add(s.name());
                statuses.delete(s.name());
            });
        }

        /** What restoring and following asked of the hypervisor: nothing but its job guard. */
        List<String> hypervisorCalls() {
            return hv.log().stream().filter(c -> !c.startsWith("enter ") && !c.startsWith("exit ")).toList();
        }

        @Override
        public void close() {
        }
    }

    /** A connection whose driver finds the domain of each status file running, and attaches to it. */
    private static final class Attaching extends ManagedConnection<FakeHypervisor.Run> {
        Attaching(FakeHypervisor hv, ManagedDriver<FakeHypervisor.Run> driver) {
            super(null, driver);
            restore(text -> XML.read(text).def(), s -> domains().restoreActive(s.live(),
                    new StateInfo(s.state(), s.reason()), s.id(), Optional.empty(), w -> hv.attach(s.name(), w)));
        }

        @Override
        public void close() {
        }
    }

    /**
     * A connection that reads its domains on demand; the driver finds the domain of each status
     * file running and attaches to it. Counts the definitions it parses.
     */
    private static final class OnDemand extends ManagedConnection<FakeHypervisor.Run> {
        final List<String> parsed = new ArrayList<>();

        OnDemand(FakeHypervisor hv, ManagedDriver<FakeHypervisor.Run> driver) {
            super(null, driver);
            restoreOnDemand(text -> {
                DomainDef def = XML.read(text).def();
                parsed.add(def.name());
                return def;
            }, s -> domains().restoreActive(s.live(), new StateInfo(s.state(), s.reason()), s.id(),
                    Optional.empty(), w -> hv.attach(s.name(), w)));
        }

        @Override
        public void close() {
        }
    }

    private OnDemand onDemand(ConfigStore configs, StatusStore statuses) {
        FakeHypervisor hv = FakeHypervisor.with(FakeHypervisor.CapabilitySet.LIFECYCLE);
        return new OnDemand(hv, driver(hv, configs, statuses));
    }

    private final Map<String, DomainDef> defs = new java.util.HashMap<>();

    /** Domain {@code name}'s definition, the same one (and UUID) every time in a test. */
    private DomainDef def(String name) {
        return defs.computeIfAbsent(name, n -> XML.read(VM.formatted(n)).def());
    }

    /** Stores {@code name}'s definition. */
    private void store(ConfigStore configs, String name) {
        configs.save(name, XML.write(def(name)));
    }

    /** The running domain {@code name} with id {@code id}, as its status file says. */
    private DomainStatus running(String name, int id) {
        return new DomainStatus(DomainState.RUNNING, StateReason.BOOTED, id, def(name), 1, 1, Optional.empty(),
                Map.of());
    }

    /**
     * Read on demand, a connection opens without reading a file, a lookup by name reads that
     * domain's files only (a running one's definition only when asked for), and a list reads the
     * others: then it knows what a full restore knows.
     */
    @Test
    void onDemandALookupReadsItsDomainOnlyAndAListReadsTheRest() {
        ConfigStore configs = new ConfigStore(tmp.resolve("etc"));
        StatusStore statuses = new StatusStore(tmp.resolve("run"));
        for (String name : List.of("a", "b", "c")) {
            store(configs, name);
        }
        statuses.save(running("b", 2));
        statuses.save(running("t", 5)); // transient
        OnDemand c = onDemand(configs, statuses);
        assertThat(c.parsed).isEmpty();

        DomainSummary b = c.domains().lookupByName("b");
        assertThat(b.state().state()).isEqualTo(DomainState.RUNNING);
        assertThat(b.persistent()).isTrue();
        assertThat(c.parsed).isEmpty();
        assertThat(c.domains().listKnown()).extracting(DomainSummary::name).containsExactly("b");
        assertThat(c.domains().definition(b.uuid(), false).name()).isEqualTo("b"); // the live one
        assertThat(c.parsed).isEmpty();

        assertThat(c.domains().list()).extracting(DomainSummary::name).containsExactlyInAnyOrder("a", "b", "c", "t");
        assertThat(c.parsed).containsExactlyInAnyOrder("a", "c");
        assertThat(c.domains().lookupById(5).name()).isEqualTo("t");
        assertThat(c.domains().definition(b.uuid(), true)).isEqualTo(def("b"));
        assertThat(c.parsed).containsExactlyInAnyOrder("a", "c", "b");
    }

    /**
     * A running domain looked up on demand whose stored definition is broken, or names another
     * domain, is found (its status file says what runs); asking for that definition fails and
     * says whose it is.
     */
    @Test
    void onDemandARunningDomainsBrokenDefinitionFailsOnlyWhenAskedFor() throws Exception {
        ConfigStore configs = new ConfigStore(tmp.resolve("etc"));
        StatusStore statuses = new StatusStore(tmp.resolve("run"));
        statuses.save(running("b", 2));
        statuses.save(running("d", 3));
        configs.save("b", "<domain");
        configs.save("d", XML.write(XML.read(VM.formatted("d")).def())); // another UUID than the running d's
        OnDemand c = onDemand(configs, statuses);

        DomainSummary b = c.domains().lookupByName("b");
        assertThat(b.state().state()).isEqualTo(DomainState.RUNNING);
        assertThat(c.domains().definition(b.uuid(), false)).isEqualTo(def("b"));
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> c.domains().definition(b.uuid(), true)).isInstanceOf(VirtException.class)
                    .hasMessageContaining("the stored definition of domain 'b'");
        }
        DomainSummary d = c.domains().lookupByName("d");
        assertThatThrownBy(() -> c.domains().definition(d.uuid(), true)).isInstanceOf(VirtException.class)
                .hasMessageContaining("the stored definition of domain 'd' names domain 'd' with uuid");
    }

    /** A lookup by UUID or id of a domain not read yet reads them all to find it. */
    @Test
    void onDemandALookupByUuidOrIdFindsADomainNotReadYet() {
        ConfigStore configs = new ConfigStore(tmp.resolve("etc"));
        StatusStore statuses = new StatusStore(tmp.resolve("run"));
        store(configs, "a");
        statuses.save(running("r", 4));
        assertThat(onDemand(configs, statuses).domains().lookupByUuid(def("a").uuid()).name()).isEqualTo("a");
        assertThat(onDemand(configs, statuses).domains().lookupById(4).name()).isEqualTo("r");
    }

    /**
     * A define or a start reads every stored domain first: a name or UUID another stored domain
     * has is refused as with a full restore, and a started domain's id follows every running one's.
     */
    @Test
    void onDemandADefineOrStartKnowsEveryStoredDomain() {
        ConfigStore configs = new ConfigStore(tmp.resolve("etc"));
        StatusStore statuses = new StatusStore(tmp.resolve("run"));
        store(configs, "a");
        store(configs, "n");
        statuses.save(running("r", 7));
        OnDemand c = onDemand(configs, statuses);

        assertThatThrownBy(() -> c.domains().define(VM.formatted("a"))).isInstanceOf(VirtException.class)
                .hasMessageContaining("already exists");
        assertThat(configs.read("a")).isPresent();

        OnDemand d = onDemand(configs, statuses);
        java.util.UUID n = d.domains().lookupByName("n").uuid();
        d.domains().start(n, org.jvirt.StartOptions.DEFAULT);
        assertThat(d.domains().id(n)).hasValue(8);
    }

    private static ManagedDriver<FakeHypervisor.Run> driver(FakeHypervisor hv, ConfigStore configs, StatusStore statuses) {
        HostCpu cpu = new HostCpu(0, 0, 0, 0, CpuSet.of(0), 0);
        HostTopology host = new HostTopology("x86_64", "x86_64", 1000,
                List.of(new HostCell(0, 1024, List.of(cpu), Map.of())), CpuSet.of(0), 1);
        return new ManagedDriver<>(new DomainList<>(), hv, DomainStore.onDisk(configs, statuses, new DomainXml()),
                new StandardCodec(hv, new DomainXml(), new Validator()), host, (v, m) -> null,
                new EventBus(Executors.newSingleThreadExecutor()), ErrorDomain.NONE);
    }

    private static Restored restored(ConfigStore configs, StatusStore statuses) {
        FakeHypervisor hv = FakeHypervisor.with(FakeHypervisor.CapabilitySet.LIFECYCLE);
        return new Restored(hv, driver(hv, configs, statuses), statuses);
    }

    /**
     * A running domain restored from its status file is not read again by its first query or job
     * (what a one-shot command runs) while the file is the version the restore read; once another
     * process writes it, it is.
     */
    @Test
    void aRestoredStatusIsReadAgainOnlyWhenItChanged() {
        StatusStore statuses = new StatusStore(tmp.resolve("run"));
        DomainDef live = XML.read(VM.formatted("t")).def();
        statuses.save(new DomainStatus(DomainState.RUNNING, StateReason.BOOTED, 1, live, 1, 1, Optional.empty(), Map.of()));
        FakeHypervisor hv = FakeHypervisor.with(FakeHypervisor.CapabilitySet.LIFECYCLE);
        Attaching c = new Attaching(hv, driver(hv, new ConfigStore(tmp.resolve("etc")), statuses));

        assertThat(c.domains().state(live.uuid()).state()).isEqualTo(DomainState.RUNNING);
        c.domains().info(live.uuid());
        assertThat(hv.log()).doesNotContain("follow t");

        statuses.save(new DomainStatus(DomainState.PAUSED, StateReason.USER, 1, live, 1, 1, Optional.empty(), Map.of()));
        assertThat(c.domains().state(live.uuid()).state()).isEqualTo(DomainState.PAUSED);
        assertThat(hv.log()).contains("follow t");
    }

    @Test
    void restoresDefinitionsThenHandsOverStatusesAndLeavesBrokenFilesOnDisk() throws Exception {
        ConfigStore configs = new ConfigStore(tmp.resolve("etc"));
        configs.save("a", VM.formatted("a"));
        configs.save("b", VM.formatted("b"));
        Files.writeString(tmp.resolve("etc/broken.xml"), "<domain");
        StatusStore statuses = new StatusStore(tmp.resolve("run"));
        DomainDef live = XML.read(VM.formatted("t")).def();
        statuses.save(new DomainStatus(DomainState.RUNNING, StateReason.BOOTED, 1, live, 1, 1, Optional.empty(), Map.of()));
        Files.writeString(tmp.resolve("run/bad.status.xml"), "<domstatus");

        Restored c = restored(configs, statuses);

        assertThat(c.domains().list()).extracting(DomainSummary::name).containsExactlyInAnyOrder("a", "b");
        assertThat(c.takenOver).containsExactly("t");
        assertThat(tmp.resolve("etc/broken.xml")).exists();
        assertThat(tmp.resolve("run/bad.status.xml")).exists();
        assertThat(c.hypervisorCalls()).isEmpty();
    }

    /** The status another process writes when it starts {@code name}. */
    private static DomainStatus startedElsewhere(String name) {
        return new DomainStatus(DomainState.RUNNING, StateReason.BOOTED, 3, XML.read(VM.formatted(name)).def(),
                1, 1, Optional.empty(), Map.of());
    }

    /** A connection restored from stores that hold the definition of "a" and no status. */
    private Restored knowingA(ConfigStore configs, StatusStore statuses) {
        configs.save("a", VM.formatted("a"));
        return restored(configs, statuses);
    }

    @Test
    void aLookupByNameFollowsWhatAnotherProcessDefinedOrStartedSince() throws Exception {
        ConfigStore configs = new ConfigStore(tmp.resolve("etc"));
        StatusStore statuses = new StatusStore(tmp.resolve("run"));
        Restored c = knowingA(configs, statuses);
        assertThat(c.takenOver).isEmpty();

        configs.save("late", VM.formatted("late")); // another process defines a domain
        assertThat(c.domains().lookupByName("late").persistent()).isTrue();

        statuses.save(startedElsewhere("a")); // and starts one this connection knows as inactive
        c.domains().lookupByName("a");
        assertThat(c.takenOver).containsExactly("a");

        assertThatThrownBy(() -> c.domains().lookupByName("never")).isInstanceOf(VirtException.class);

        DomainDef byUuid = XML.read(VM.formatted("by-uuid")).def();
        configs.save("by-uuid", XML.write(byUuid)); // found by its UUID too
        assertThat(c.domains().lookupByUuid(byUuid.uuid()).name()).isEqualTo("by-uuid");
    }

    @Test
    void aHandlesStateIdAndInfoFollowAStartByAnotherProcess() throws Exception {
        StatusStore statuses = new StatusStore(tmp.resolve("run"));
        Restored c = knowingA(new ConfigStore(tmp.resolve("etc")), statuses);
        java.util.UUID uuid = c.domains().lookupByName("a").uuid();
        DomainStatus started = startedElsewhere("a");
        statuses.save(started); // another process starts it
        c.domains().state(uuid);
        statuses.save(started);
        c.domains().id(uuid);
        statuses.save(started);
        c.domains().info(uuid);
        assertThat(c.takenOver).containsExactly("a", "a", "a");
        c.domains().state(uuid); // nothing new on disk: nothing taken over
        assertThat(c.takenOver).hasSize(3);
    }

    @Test
    void aListFollowsDefinitionsStartsAndUndefinitionsOfOtherProcesses() throws Exception {
        ConfigStore configs = new ConfigStore(tmp.resolve("etc"));
        StatusStore statuses = new StatusStore(tmp.resolve("run"));
        configs.save("a", VM.formatted("a"));
        configs.save("gone", VM.formatted("gone"));
        Restored c = restored(configs, statuses);
        assertThat(c.domains().list()).extracting(DomainSummary::name).containsExactlyInAnyOrder("a", "gone");

        configs.save("new", VM.formatted("new"));        // defined elsewhere
        configs.delete("gone");                             // undefined elsewhere
        DomainDef live = XML.read(VM.formatted("a")).def();
        statuses.save(new DomainStatus(DomainState.RUNNING, StateReason.BOOTED, 3, live, 1, 1, Optional.empty(),
                Map.of()));                                 // started elsewhere
        DomainDef t = XML.read(VM.formatted("transient")).def();
        statuses.save(new DomainStatus(DomainState.RUNNING, StateReason.BOOTED, 4, t, 1, 1, Optional.empty(),
                Map.of()));                                 // created elsewhere
        Files.writeString(tmp.resolve("etc/broken.xml"), "<domain");

        assertThat(c.domains().list()).extracting(DomainSummary::name).containsExactlyInAnyOrder("a", "new");
        assertThat(c.takenOver).containsExactlyInAnyOrder("a", "transient");
        assertThat(c.hypervisorCalls()).isEmpty();
    }
}
