package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;

/** libvirt's capability rules (docs/lxc.md#capabilities), as setpriv bounding sets. */
class CapabilityPolicyTest {
    private static CapabilityPolicy policy(String features) {
        return CapabilityPolicy.of(Defs.container("c1", "<vcpu>1</vcpu>", features));
    }

    private static void fails(String features, ErrorCode code, String message) {
        assertThatThrownBy(() -> policy(features)).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void withoutTheElementTheDefaultPolicyDropsWhatLibvirtDrops() {
        CapabilityPolicy p = policy("");
        assertThat(p.policy()).isEqualTo(CapabilityPolicy.Policy.DEFAULT);
        assertThat(p.boundingSet()).hasValue("-audit_control,-mac_admin,-mknod,-sys_module,-sys_time");
        assertThat(p.drops("sys_admin")).isFalse();
        assertThat(p.drops("sys_boot")).as("a reboot ends init, which jvirt restarts").isFalse();
    }

    @Test
    void defaultPolicyWithCapabilitiesTurnedOnAndOff() {
        CapabilityPolicy p = policy("<features><capabilities policy='default'><mknod state='on'/>"
                + "<sys_module/><net_raw state='off'/></capabilities></features>");
        assertThat(p.drops("mknod")).isFalse();
        assertThat(p.drops("sys_module")).as("no state means on").isFalse();
        assertThat(p.drops("net_raw")).isTrue();
        assertThat(p.boundingSet()).hasValue("-audit_control,-mac_admin,-net_raw,-sys_time");
    }

    @Test
    void allowDropsOnlyWhatIsTurnedOff() {
        assertThat(policy("<features><capabilities policy='allow'/></features>").boundingSet()).isEmpty();
        assertThat(policy("<features><capabilities policy='allow'><sys_admin state='off'/>"
                + "<sys_module state='on'/></capabilities></features>").boundingSet()).hasValue("-sys_admin");
    }

    @Test
    void denyDropsEverythingButWhatIsTurnedOn() {
        assertThat(policy("<features><capabilities policy='deny'/></features>").boundingSet()).hasValue("-all");
        CapabilityPolicy p = policy("<features><capabilities policy='deny'><kill state='on'/><chown/>"
                + "<mknod state='off'/></capabilities></features>");
        assertThat(p.boundingSet()).hasValue("-all,+chown,+kill");
        assertThat(p.drops("mknod")).isTrue();
    }

    @Test
    void sysBootTurnedOffIsDroppedUnderTheDefaultPolicy() {
        assertThat(policy("<features><capabilities><sys_boot state='off'/></capabilities></features>")
                .boundingSet()).hasValueSatisfying(b -> assertThat(b).contains("-sys_boot"));
    }

    @Test
    void badInputIsRefusedAsLibvirtRefusesIt() {
        fails("<features><capabilities policy='bogus'/></features>", ErrorCode.XML_INVALID,
                "<capabilities policy='bogus'> must be default, allow or deny");
        fails("<features><capabilities><audit_read state='on'/></capabilities></features>",
                ErrorCode.CONFIG_UNSUPPORTED, "unexpected capability feature 'audit_read'");
        fails("<features><capabilities><mknod state='yes'/></capabilities></features>", ErrorCode.XML_INVALID,
                "state must be on or off");
        fails("<features><capabilities><mknod/><mknod state='off'/></capabilities></features>",
                ErrorCode.XML_INVALID, "appears twice");
    }

    @Test
    void everyNameIsAKernelCapabilityThatSetprivKnows() {
        assertThat(CapabilityPolicy.NAMES).hasSize(37).doesNotHaveDuplicates();
        assertThat(CapabilityPolicy.NAMES).containsAll(CapabilityPolicy.DEFAULT_DROPS);
        assertThat(policy("<features><privnet/></features>").boundingSet()).isEqualTo(Optional.of(
                "-audit_control,-mac_admin,-mknod,-sys_module,-sys_time"));
    }
}
