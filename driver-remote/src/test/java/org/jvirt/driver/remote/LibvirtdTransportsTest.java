package org.jvirt.driver.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.jvirt.Affect;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.StateReason;
import org.jvirt.connect.ConnectOptions;
import org.jvirt.connect.JvirtBootstrap;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.event.DomainEvent;
import org.jvirt.model.CpuSet;
import org.jvirt.spi.Environment;

/**
 * The same scenario through every transport to a real libvirtd's test driver: lookups, state,
 * lifecycle of a domain of our own, pinning, vCPU counts, events, libvirt's errors, many calls
 * from many threads on one connection, and a read-only connection authenticated by SASL.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LibvirtdTransportsTest {
    private static final String PREFIX = "jvremote-t-";

    @TempDir
    Path tmp;
    private Peers peers;

    @BeforeEach
    @AfterEach
    void sweep() throws Exception {
        peers = Peers.require();
        Peers.sweep(PREFIX);
    }

    private String uri(String transport) {
        return switch (transport) {
            case "unix" -> "test+unix:///default";
            case "tcp" -> "test+tcp://127.0.0.1/default";
            case "tls" -> "test+tls://127.0.0.1/default?" + peers.tlsParams();
            case "ssh-native" -> "test+ssh://root@127.0.0.1:" + peers.get("ssh_port") + "/default?" + peers.sshParams()
                    + "&proxy=native";
            case "ssh-netcat" -> "test+ssh://root@127.0.0.1:" + peers.get("ssh_port") + "/default?" + peers.sshParams()
                    + "&proxy=netcat";
            case "ssh-auto" -> "test+ssh://root@127.0.0.1:" + peers.get("ssh_port") + "/default?" + peers.sshParams();
            default -> throw new IllegalArgumentException(transport);
        };
    }

    private Connection open(String uri, boolean readOnly) throws Exception {
        return Peers.open(uri, peers.authFile(tmp), readOnly);
    }

    private static String xml(String name, UUID uuid) {
        return "<domain type='test'><name>" + name + "</name><uuid>" + uuid + "</uuid><memory>524288</memory>"
                + "<vcpu current='2'>4</vcpu><os><type>hvm</type></os></domain>";
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"unix", "tcp", "tls", "ssh-native", "ssh-netcat", "ssh-auto"})
    void theScenarioRunsOverEveryTransport(String transport) throws Exception {
        try (Connection c = open(uri(transport), false)) {
            assertThat(c.hypervisorType()).isEqualTo("TEST");
            assertThat(c.nodeInfo().cpus()).isEqualTo(16);
            assertThat(c.hostTopology().cpuMapWidth()).isEqualTo(8);
            Domain test = c.lookupByName("test");
            assertThat(test.state().state()).isEqualTo(DomainState.RUNNING);
            assertThat(test.xml()).contains("<name>test</name>");
            assertThat(test.vcpuPinInfo(Affect.CURRENT)).hasSize(2);

            EventLog events = new EventLog();
            c.events().subscribe(events);
            String name = PREFIX + transport;
            UUID uuid = UUID.randomUUID();
            Domain d = c.defineXml(xml(name, uuid));
            assertThat(d.uuid()).isEqualTo(uuid);
            assertThat(d.isPersistent()).isTrue();
            assertThat(d.state().reason()).isEqualTo(StateReason.UNKNOWN);
            d.start();
            assertThat(d.state().describe()).isEqualTo("running (booted)");
            assertThat(d.id()).isPresent();
            d.pinVcpu(1, CpuSet.parse("2-3"), Affect.CURRENT);
            assertThat(d.vcpuPinInfo(Affect.CURRENT).get(1)).isEqualTo(CpuSet.parse("2-3"));
            d.pinEmulator(CpuSet.parse("1"), Affect.LIVE);
            assertThat(d.emulatorPinInfo(Affect.LIVE)).isEqualTo(CpuSet.parse("1"));
            assertThat(d.vcpuCount().currentLive()).hasValue(2);
            assertThat(d.vcpuCount().maximumConfig()).hasValue(4);
            d.suspend();
            assertThat(d.state().describe()).isEqualTo("paused (user)");
            d.resume();
            d.destroy();
            assertThat(d.state().describe()).isEqualTo("shut off (destroyed)");
            d.undefine();
            assertThatThrownBy(d::state).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.NO_DOMAIN);
                assertThat(e.getMessage()).contains("Domain not found");
            });
            List<DomainEvent> seen = events.await(6);
            assertThat(seen).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                    "Defined", "Started", "Suspended", "Resumed", "Stopped", "Undefined");
            assertThat(seen).allMatch(e -> e.uuid().equals(uuid));
            assertThat(((DomainEvent.Stopped) seen.get(4)).reason()).isEqualTo(StateReason.DESTROYED);
        }
    }

    @Test
    void libvirtsErrorsArriveWithTheirCodeAndMessage() throws Exception {
        try (Connection c = open(uri("unix"), false)) {
            Domain test = c.lookupByName("test");
            assertThatThrownBy(() -> c.lookupByName(PREFIX + "none")).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_DOMAIN));
            assertThatThrownBy(() -> test.setVcpu(CpuSet.of(1), false, Affect.LIVE)).isInstanceOfSatisfying(
                    VirtException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NO_SUPPORT);
                        assertThat(e.getMessage()).isEqualTo(
                                "this function is not supported by the connection driver: virDomainSetVcpu");
                    });
            assertThatThrownBy(() -> test.pinVcpu(0, CpuSet.of(1), Affect.CONFIG)).isInstanceOfSatisfying(
                    VirtException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG);
                        assertThat(e.getMessage()).contains("unsupported flags (0x2) in function testDomainPinVcpuFlags");
                    });
            assertThatThrownBy(() -> c.domainXmlToNative("qemu-argv", "<domain/>")).isInstanceOfSatisfying(
                    VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_SUPPORT));
        }
    }

    /** Over tcp the calls go through SASL's security layer: wraps from many threads, unwraps of interleaved replies. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"unix", "tcp"})
    void oneConnectionCarriesManyCallsFromManyThreadsAtOnce(String transport) throws Exception {
        try (Connection c = open(uri(transport), false)) {
            Domain test = c.lookupByName("test");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    results.add(pool.submit(() -> test.xml().length() + test.info().vcpus()));
                }
                int first = results.get(0).get();
                for (Future<Integer> f : results) {
                    assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(first);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aReadOnlyConnectionAuthenticatesWithSaslAndIsRefusedWrites() throws Exception {
        try (Connection c = open(uri("unix"), true)) {
            assertThat(c.isReadOnly()).isTrue();
            assertThat(c.lookupByName("test").state().state()).isEqualTo(DomainState.RUNNING);
            assertThatThrownBy(() -> c.defineXml(xml(PREFIX + "ro", UUID.randomUUID())))
                    .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_DENIED));
        }
    }

    @Test
    void saslWithAWrongPasswordSaysAuthenticationFailed() throws Exception {
        Path auth = tmp.resolve("bad-auth.conf");
        java.nio.file.Files.writeString(auth, "[credentials-x]\nauthname=jvirt\npassword=wrong\n[auth-libvirt-127.0.0.1]\ncredentials=x\n");
        Environment env = Environment.of(Map.of("LIBVIRT_AUTH_FILE", auth.toString()));
        assertThatThrownBy(() -> JvirtBootstrap.connectionFactory(JvirtBootstrap.driverModules(), env)
                .open(uri("tls"), ConnectOptions.DEFAULT)).isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILED);
                    assertThat(e.getMessage()).isEqualTo(
                            "authentication failed: SASL DIGEST-MD5 as 'jvirt' was refused: authentication failed");
                });
    }

    @Test
    void anUnknownHostKeyIsRefusedUnlessNoVerify() throws Exception {
        Path empty = tmp.resolve("known_hosts");
        java.nio.file.Files.writeString(empty, "");
        String base = "test+ssh://root@127.0.0.1:" + peers.get("ssh_port") + "/default?keyfile=" + peers.get("ssh_key");
        assertThatThrownBy(() -> open(base + "&known_hosts=" + empty, false)).isInstanceOfSatisfying(
                VirtException.class, e -> assertThat(e.getMessage()).contains("is not in " + empty));
        try (Connection c = open(base + "&known_hosts=" + empty + "&no_verify=1", false)) {
            assertThat(c.hypervisorType()).isEqualTo("TEST");
        }
    }
}
