package org.jvirt.driver.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jvirt.Affect;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.Jvirt;
import org.jvirt.ListFilter;
import org.jvirt.StartOptions;
import org.jvirt.StateReason;
import org.jvirt.XmlFlag;
import org.jvirt.connect.ConnectOptions;
import org.jvirt.contract.EventRecorder;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.event.DomainEvent;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DefinitionWarning;

/** The option types of the public API: enums and flag sets, each honoured as documented. */
class ApiOptionsTest {
    private static final String VNC = "<domain type='test'><name>%s</name><memory>65536</memory><vcpu>2</vcpu>"
            + "<os><type>hvm</type></os>%s<devices><graphics type='vnc' port='-1' autoport='yes' passwd='s3cret'/>"
            + "</devices></domain>";

    private final Connection conn = Jvirt.connect("test:///default");

    @AfterEach
    void close() {
        conn.close();
    }

    private static ErrorCode code(Runnable call) {
        try {
            call.run();
        } catch (VirtException e) {
            return e.code();
        }
        throw new AssertionError("no error");
    }

    @Test
    void affectIsAnEnumWithVirshsFlags() {
        assertThat(Affect.of(false, false)).isEqualTo(Affect.CURRENT);
        assertThat(Affect.of(true, false)).isEqualTo(Affect.LIVE);
        assertThat(Affect.of(false, true)).isEqualTo(Affect.CONFIG);
        assertThat(Affect.of(true, true)).isEqualTo(Affect.LIVE_AND_CONFIG);
        assertThat(Affect.LIVE.and(Affect.CONFIG)).isEqualTo(Affect.LIVE_AND_CONFIG);
        assertThat(Affect.CURRENT.resolve(true)).isEqualTo(Affect.LIVE);
        assertThat(Affect.CURRENT.resolve(false)).isEqualTo(Affect.CONFIG);
        assertThat(List.of(Affect.values())).extracting(Affect::toString)
                .containsExactly("current", "live", "config", "live+config");
    }

    @Test
    void aMissingAffectIsAnErrorNotCurrent() {
        Domain d = conn.lookupByName("test");
        assertThat(code(() -> d.pinVcpu(0, CpuSet.of(1), null))).isEqualTo(ErrorCode.INVALID_ARG);
        assertThat(code(() -> d.vcpuPinInfo(null))).isEqualTo(ErrorCode.INVALID_ARG);
        assertThat(d.vcpuPinInfo(Affect.CURRENT).get(0)).isEqualTo(CpuSet.range(0, 7));
    }

    @Test
    void listFiltersCombineFlagsAsVirshDoes() {
        conn.defineXml(VNC.formatted("off", ""));
        conn.createXml(VNC.formatted("temp", ""), StartOptions.DEFAULT);
        assertThat(names(ListFilter.ALL)).containsExactly("off", "temp", "test");
        assertThat(names(ListFilter.ACTIVE)).containsExactly("temp", "test");
        assertThat(names(ListFilter.of(ListFilter.Flag.ACTIVE, ListFilter.Flag.PERSISTENT))).containsExactly("test");
        assertThat(names(ListFilter.of(ListFilter.Flag.INACTIVE, ListFilter.Flag.TRANSIENT))).isEmpty();
        assertThat(names(ListFilter.of(ListFilter.Flag.ACTIVE, ListFilter.Flag.INACTIVE))).hasSize(3);
    }

    private List<String> names(ListFilter filter) {
        return conn.listDomains(filter).stream().map(Domain::name).sorted().toList();
    }

    @Test
    void secretsAreShownOnlyWhenAskedForAndOnlyToAReadWriteConnection() {
        Domain d = conn.defineXml(VNC.formatted("vnc", ""));
        assertThat(d.xml()).contains("<graphics type='vnc'").doesNotContain("s3cret");
        assertThat(d.xml(XmlFlag.INACTIVE)).doesNotContain("passwd");
        assertThat(d.xml(XmlFlag.SECURE)).contains("passwd='s3cret'");
        assertThat(d.definition().devices().list()).isNotEmpty();
        try (Connection ro = Jvirt.connect("test:///default", ConnectOptions.READ_ONLY)) {
            Domain t = ro.lookupByName("test");
            assertThat(code(() -> t.xml(XmlFlag.SECURE))).isEqualTo(ErrorCode.OPERATION_DENIED);
            assertThat(t.xml()).startsWith("<domain");
        }
    }

    @Test
    void updateCpuIsRefusedForAHostModelCpuTheDriverCannotExpand() {
        Domain d = conn.defineXml(VNC.formatted("hm", "<cpu mode='host-model'/>"));
        assertThat(code(() -> d.xml(XmlFlag.UPDATE_CPU))).isEqualTo(ErrorCode.OPERATION_UNSUPPORTED);
        assertThat(d.xml(XmlFlag.MIGRATABLE)).isEqualTo(d.xml());
        assertThat(conn.lookupByName("test").xml(XmlFlag.UPDATE_CPU)).isEqualTo(conn.lookupByName("test").xml());
    }

    @Test
    void anAutodestroyDomainIsDestroyedWhenItsConnectionCloses() throws InterruptedException {
        EventRecorder events = new EventRecorder();
        conn.events().subscribe(events);
        Domain d = conn.defineXml(VNC.formatted("auto", ""));
        d.start(StartOptions.of(StartOptions.Flag.AUTODESTROY));
        Domain kept = conn.defineXml(VNC.formatted("kept", ""));
        kept.start();
        conn.close();
        DomainEvent stopped = events.await(e -> e instanceof DomainEvent.Stopped, Duration.ofSeconds(5));
        assertThat(stopped.name()).isEqualTo("auto");
        assertThat(((DomainEvent.Stopped) stopped).reason()).isEqualTo(StateReason.DESTROYED);
        assertThatThrownBy(() -> events.await(e -> e instanceof DomainEvent.Stopped, Duration.ofMillis(300)))
                .as("only the autodestroy domain stops").isInstanceOf(AssertionError.class);
    }

    @Test
    void defineAndCreateReturnTheDefinitionsWarningsAndLookupsHaveNone() {
        String xml = VNC.formatted("warned", "<cputune><vcpupin vcpu='7' cpuset='1'/></cputune>")
                .replace("<graphics ", "<graphics sharePolicy='allow-exclusive' ");
        Domain d = conn.defineXml(xml);
        assertThat(d.warnings()).extracting(DefinitionWarning::kind)
                .containsExactly(DefinitionWarning.Kind.SETTING_DROPPED, DefinitionWarning.Kind.UNMODELLED_ATTRIBUTE);
        assertThat(d.warnings().get(1).path()).isEqualTo("/domain/devices/graphics/@sharePolicy");
        assertThat(conn.lookupByName("warned").warnings()).isEmpty();
        d.undefine();
        assertThat(conn.createXml(xml, StartOptions.DEFAULT).warnings()).hasSize(2);
        assertThat(conn.defineXml(VNC.formatted("clean", "")).warnings()).isEmpty();
    }

    @Test
    void aConnectionSaysWhatItIs() {
        assertThat(conn.toString()).isEqualTo("Connection[test:///default]");
        try (Connection ro = Jvirt.connect("test:///default", ConnectOptions.READ_ONLY)) {
            assertThat(ro.toString()).isEqualTo("Connection[test:///default, read-only]");
            ro.close();
            assertThat(ro.toString()).isEqualTo("Connection[test:///default, read-only, closed]");
        }
    }
}
