package org.jvirt.host;
// TEMPORARY PLACEHOLDER, replaced by the host branch
public record NodeInfo(String cpuModel) {}
