package org.jvirt.protocol.remote;

import java.util.List;
import java.util.Optional;

import org.jvirt.protocol.Limits;
import org.jvirt.protocol.xdr.Chars;
import org.jvirt.protocol.xdr.Max;

/**
 * The bodies of the REMOTE program's calls, replies and messages that are structs. Field order
 * is the wire order, observed on libvirt 9.0. Bodies that are one value (a string, an int, a
 * domain) use that value's type directly: a one-member struct travels as its member.
 */
public final class RemoteMessages {
    private RemoteMessages() {
    }

    public record OpenArgs(Optional<String> name, int flags) {
    }

    public record NodeInfo(@Chars(32) String model, long memory, int cpus, int mhz, int nodes, int sockets,
                           int cores, int threads) {
    }

    public record XmlFlags(String xml, int flags) {
    }

    public record DomainFlags(DomainRef dom, int flags) {
    }

    public record DomainCount(DomainRef dom, int count) {
    }

    public record DomainCountFlags(DomainRef dom, int count, int flags) {
    }

    public record DomainInfo(int state, long maxMem, long memory, int nrVirtCpu, long cpuTime) {
    }

    public record GetVcpusArgs(DomainRef dom, int maxinfo, int maplen) {
    }

    public record VcpuInfo(int number, int state, long cpuTime, int cpu) {
    }

    public record GetVcpusResult(@Max(Limits.MAX_VCPUINFO) List<VcpuInfo> info,
                                 @Max(Limits.MAX_CPUMAPS) byte[] cpumaps) {
    }

    public record PinVcpuArgs(DomainRef dom, int vcpu, @Max(Limits.MAX_CPUMAP) byte[] cpumap) {
    }

    public record PinVcpuFlagsArgs(DomainRef dom, int vcpu, @Max(Limits.MAX_CPUMAP) byte[] cpumap, int flags) {
    }

    public record VcpuPinInfoArgs(DomainRef dom, int ncpumaps, int maplen, int flags) {
    }

    /** CPU maps of {@code count} threads, {@code maplen} bytes each, one after the other. */
    public record CpuMaps(@Max(Limits.MAX_CPUMAPS) byte[] cpumaps, int count) {
    }

    public record EmulatorPinInfoArgs(DomainRef dom, int maplen, int flags) {
    }

    public record PinEmulatorArgs(DomainRef dom, @Max(Limits.MAX_CPUMAP) byte[] cpumap, int flags) {
    }

    public record IothreadInfo(int iothreadId, @Max(Limits.MAX_CPUMAP) byte[] cpumap) {
    }

    public record IothreadInfoResult(@Max(Limits.MAX_IOTHREAD_INFO) List<IothreadInfo> info, int count) {
    }

    public record PinIothreadArgs(DomainRef dom, int iothreadId, @Max(Limits.MAX_CPUMAP) byte[] cpumap, int flags) {
    }

    /** {@code cpumap} is a CPU list in text, as {@code virsh setvcpu} takes it. */
    public record SetVcpuArgs(DomainRef dom, String cpumap, int state, int flags) {
    }

    public record StateResult(int state, int reason) {
    }

    public record NodeCpuMapArgs(int needMap, int needOnline, int flags) {
    }

    public record NodeCpuMap(@Max(Limits.MAX_CPUMAP) byte[] cpumap, int online, int count) {
    }

    public record ListAllArgs(int needResults, int flags) {
    }

    public record ListAllResult(@Max(Limits.MAX_DOMAIN_LIST) List<DomainRef> domains, int count) {
    }

    public record XmlToNativeArgs(String format, String xml, int flags) {
    }

    public record SaslStartArgs(String mech, boolean nil, @Chars(Limits.MAX_SASL_DATA) byte[] data) {
    }

    public record SaslStepArgs(boolean nil, @Chars(Limits.MAX_SASL_DATA) byte[] data) {
    }

    public record SaslResult(boolean complete, boolean nil, @Chars(Limits.MAX_SASL_DATA) byte[] data) {
    }

    public record RegisterAnyArgs(int eventId, Optional<DomainRef> dom) {
    }

    public record LifecycleEvent(int callbackId, DomainRef dom, int event, int detail) {
    }

    public record TunableEvent(int callbackId, DomainRef dom,
                               @Max(Limits.MAX_TYPED_PARAMS) List<TypedParam> params) {
    }

    // ---------------------------------------------------------------- added for jvirtd

    /** Text in C chars, its final NUL counted ({@code char model<257>}): empty when there is no model. */
    public record SecurityModel(@Chars(Limits.MAX_SECURITY_MODEL) byte[] model,
                                @Chars(Limits.MAX_SECURITY_DOI) byte[] doi) {
    }

    public record SecurityLabel(@Chars(Limits.MAX_SECURITY_LABEL) byte[] label, int enforcing) {
    }
}
