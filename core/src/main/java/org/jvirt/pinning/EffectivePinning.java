package org.jvirt.pinning;
// TEMPORARY PLACEHOLDER, replaced by the pin branch
public record EffectivePinning() {}
