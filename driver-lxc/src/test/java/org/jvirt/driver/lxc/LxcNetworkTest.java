package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.host.probe.CommandResult;
import org.jvirt.host.probe.CommandRunner;
import org.jvirt.model.DomainDef;
import org.jvirt.model.NetInterface;

/** The veth plumbing as commands, on a recording runner. */
class LxcNetworkTest {
    private static final String NICS = "<interface type='bridge'><mac address='52:54:00:aa:bb:01'/>"
            + "<source bridge='br0'/></interface><interface type='ethernet'><target dev='vhost1'/></interface>";

    /** Records every command; the one containing {@code failOn} exits 2. */
    static final class Recorder implements CommandRunner {
        final List<String> commands = new ArrayList<>();
        final String failOn;

        Recorder(String failOn) {
            this.failOn = failOn;
        }

        @Override
        public CommandResult run(List<String> argv, java.time.Duration timeout) {
            String line = String.join(" ", argv).replaceFirst("^\\S*/ip ", "ip ").replace(" -- /usr/sbin/ip ", " -- ip ")
                    .replace(" -- /sbin/ip ", " -- ip ");
            commands.add(line);
            return failOn != null && line.contains(failOn) ? CommandResult.exited(2, "", "RTNETLINK answers: no")
                    : CommandResult.exited(0, "", "");
        }
    }

    private static DomainDef def(String devices) {
        return Defs.parse(Defs.xml("web", "<vcpu>1</vcpu>", "", "<os><type>exe</type><init>/bin/sh</init></os>", devices));
    }

    @Test
    void eachInterfaceBecomesAPairWhoseInnerEndIsEthNInOrder() {
        Recorder r = new Recorder(null);
        new LxcNetwork(r).plumb(def(NICS), 4242);
        assertThat(r.commands).containsExactly(
                "ip link del jvl4242n0",
                "ip link add jvl4242n0 type veth peer name jvp4242n0",
                "ip link set jvp4242n0 netns 4242",
                "ip link set jvl4242n0 master br0",
                "ip link set jvl4242n0 up",
                "/usr/bin/nsenter --net=/proc/4242/ns/net -- ip link set jvp4242n0 name eth0 address 52:54:00:aa:bb:01 up",
                "ip link add vhost1 type veth peer name jvp4242n1",
                "ip link set jvp4242n1 netns 4242",
                "ip link set vhost1 up",
                "/usr/bin/nsenter --net=/proc/4242/ns/net -- ip link set jvp4242n1 name eth1 up",
                "/usr/bin/nsenter --net=/proc/4242/ns/net -- ip link set lo up");
    }

    @Test
    void aFailedStepDeletesThePairsMadeAndNamesTheStep() {
        Recorder r = new Recorder("name eth1");
        assertThatThrownBy(() -> new LxcNetwork(r).plumb(def(NICS), 7)).isInstanceOf(VirtException.class)
                .hasMessageContaining("name eth1").hasMessageContaining("RTNETLINK answers: no");
        assertThat(r.commands).endsWith("ip link del jvl7n0", "ip link del vhost1");
    }

    @Test
    void noInterfaceNoCommand() {
        Recorder r = new Recorder(null);
        new LxcNetwork(r).plumb(def(""), 7);
        assertThat(r.commands).isEmpty();
    }

    @Test
    void theLiveDefinitionNamesTheHostEnds() {
        DomainDef live = LxcNetwork.withHostNames(def(NICS), 99);
        assertThat(live.devices().of(NetInterface.class)).extracting(n -> n.targetDev().orElse(""))
                .containsExactly("jvl99n0", "vhost1");
        assertThat(LxcNetwork.hostNames(live, 123)).containsExactly("jvl99n0", "vhost1");
    }

    @Test
    void unsupportedInterfacesAreRefusedBeforeAnythingExists() {
        assertThatThrownBy(() -> LxcNetwork.checkSupported(def("<interface type='network'><source network='default'/></interface>")))
                .isInstanceOf(VirtException.class).hasMessageContaining("type 'network' is not supported")
                .satisfies(e -> assertThat(((VirtException) e).code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED));
        assertThatThrownBy(() -> LxcNetwork.checkSupported(def("<interface type='bridge'/>")))
                .isInstanceOf(VirtException.class).hasMessageContaining("needs <source bridge='NAME'/>");
        assertThatThrownBy(() -> LxcNetwork.checkSupported(def(
                "<interface type='ethernet'><target dev='a-name-far-too-long'/></interface>")))
                .isInstanceOf(VirtException.class).hasMessageContaining("is not a link name");
        LxcNetwork.checkSupported(def(NICS));
    }

    @Test
    void addressesGoOnTheInnerEndAndRoutesComeLast() {
        Recorder r = new Recorder(null);
        new LxcNetwork(r).plumb(def("<interface type='bridge'><source bridge='br0'/>"
                + "<ip address='10.1.2.3' prefix='16'/><ip address='fd00::5'/>"
                + "<route address='0.0.0.0' prefix='0' gateway='10.1.0.1'/>"
                + "<route address='192.168.7.0' prefix='24' gateway='10.1.0.9'/></interface>"), 5);
        assertThat(r.commands).containsSubsequence(
                "/usr/bin/nsenter --net=/proc/5/ns/net -- ip link set jvp5n0 name eth0 up",
                "/usr/bin/nsenter --net=/proc/5/ns/net -- ip addr add 10.1.2.3/16 dev eth0",
                "/usr/bin/nsenter --net=/proc/5/ns/net -- ip addr add fd00::5/64 dev eth0",
                "/usr/bin/nsenter --net=/proc/5/ns/net -- ip link set lo up",
                "/usr/bin/nsenter --net=/proc/5/ns/net -- ip -4 route add default via 10.1.0.1 dev eth0",
                "/usr/bin/nsenter --net=/proc/5/ns/net -- ip -4 route add 192.168.7.0/24 via 10.1.0.9 dev eth0");
    }

    @Test
    void badAddressesAndRoutesAreRefusedByPlace() {
        assertThatThrownBy(() -> LxcNetwork.checkSupported(def(
                "<interface type='ethernet'><ip address='10.1.2.300'/></interface>")))
                .isInstanceOf(VirtException.class).hasMessageContaining("interface 0: <ip>")
                .hasMessageContaining("'10.1.2.300' is not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> LxcNetwork.checkSupported(def(
                "<interface type='ethernet'><ip address='10.1.2.3' prefix='33'/></interface>")))
                .isInstanceOf(VirtException.class).hasMessageContaining("prefix '33' is not a number from 0 to 32");
        assertThatThrownBy(() -> LxcNetwork.checkSupported(def(
                "<interface type='ethernet'><route address='0.0.0.0' prefix='0'/></interface>")))
                .isInstanceOf(VirtException.class).hasMessageContaining("<route> needs gateway");
    }
}
