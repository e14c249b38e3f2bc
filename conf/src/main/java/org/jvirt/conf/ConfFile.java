package org.jvirt.conf;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed conf file: its entries in file order (each key at most once, see {@link ConfParser})
 * and typed getters. Immutable.
 *
 * <p>A getter returns the default when the key is absent and fails with a {@link ConfException}
 * at the value's position when the value has the wrong type, e.g.
 * {@code qemu.conf:12:15: max_processes must be an integer, got a string}.
 */
public final class ConfFile {
    private final String fileName;
    private final List<ConfEntry> entries;
    private final Map<String, ConfEntry> byKey;

    private ConfFile(String fileName, List<ConfEntry> entries) {
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.entries = List.copyOf(entries);
        Map<String, ConfEntry> index = new LinkedHashMap<>();
        for (ConfEntry e : this.entries) {
            if (index.putIfAbsent(e.key(), e) != null) {
                throw new ConfException(fileName, e.line(), e.column(), "duplicate key '" + e.key() + "'");
            }
        }
        this.byKey = index;
    }

    /** Parses conf text; {@code fileName} names it in every message. */
    public static ConfFile parse(String text, String fileName) {
        return new ConfFile(fileName, ConfParser.parse(text, fileName));
    }

    /** A file with the given entries (keys must be distinct). */
    public static ConfFile of(String fileName, List<ConfEntry> entries) {
        return new ConfFile(fileName, entries);
    }

    /** The path or name given at parse time. */
    public String fileName() {
        return fileName;
    }

    /** Entries in file order. */
    public List<ConfEntry> entries() {
        return entries;
    }

    /** Keys in file order. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(byKey.keySet());
    }

    public boolean contains(String key) {
        return byKey.containsKey(key);
    }

    public Optional<ConfEntry> entry(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    // ------------------------------------------------------------------ typed getters

    /** A string value, or {@code defaultValue} when the key is absent. */
    public String getString(String key, String defaultValue) {
        return findString(key).orElse(defaultValue);
    }

    public Optional<String> findString(String key) {
        ConfValue.Str s = typed(key, ConfValue.Str.class, "a string");
        return s == null ? Optional.empty() : Optional.of(s.value());
    }

    /** An integer value that fits an {@code int}, or {@code defaultValue} when absent. */
    public int getInt(String key, int defaultValue) {
        Optional<Long> v = findLong(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        long l = v.get();
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            ConfValue at = byKey.get(key).value();
            throw new ConfException(fileName, at.line(), at.column(), key + " must be between "
                    + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE + ", got " + l);
        }
        return (int) l;
    }

    /** An integer value, or {@code defaultValue} when absent. */
    public long getLong(String key, long defaultValue) {
        return findLong(key).orElse(defaultValue);
    }

    public Optional<Long> findLong(String key) {
        ConfValue.Int i = typed(key, ConfValue.Int.class, "an integer");
        return i == null ? Optional.empty() : Optional.of(i.value());
    }

    /** A boolean written as the integer 0 or 1 (the only spellings), or the default when absent. */
    public boolean getBoolean(String key, boolean defaultValue) {
        ConfValue.Int i = typed(key, ConfValue.Int.class, "0 or 1");
        if (i == null) {
            return defaultValue;
        }
        if (i.value() != 0 && i.value() != 1) {
            throw new ConfException(fileName, i.line(), i.column(), key + " must be 0 or 1, got " + i.value());
        }
        return i.value() == 1;
    }

    /** A list whose items are all strings, or {@code defaultValue} when absent. */
    public List<String> getStringList(String key, List<String> defaultValue) {
        ConfValue.Lst list = typed(key, ConfValue.Lst.class, "a list of strings");
        if (list == null) {
            return defaultValue;
        }
        List<String> out = new ArrayList<>(list.items().size());
        int n = 0;
        for (ConfValue item : list.items()) {
            n++;
            if (!(item instanceof ConfValue.Str s)) {
                throw new ConfException(fileName, item.line(), item.column(), key
                        + " must be a list of strings, but item " + n + " is " + item.typeName());
            }
            out.add(s.value());
        }
        return List.copyOf(out);
    }

    /**
     * Fails on the first key not in {@code known} (a misspelt key would otherwise be silently
     * ignored), listing the known keys.
     */
    public void requireKnownKeys(Collection<String> known) {
        for (ConfEntry e : entries) {
            if (!known.contains(e.key())) {
                throw new ConfException(fileName, e.line(), e.column(), "unknown key '" + e.key()
                        + "'; known keys: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    /**
     * Checks every entry against {@code schema} up front, so a bad file fails when it is loaded
     * rather than when a key is first used: an unknown key or a value of the wrong type is a
     * {@link ConfException} at its position.
     */
    public void check(Map<String, ConfType> schema) {
        requireKnownKeys(schema.keySet());
        for (ConfEntry e : entries) {
            switch (schema.get(e.key())) {
                case STRING -> findString(e.key());
                case INTEGER -> findLong(e.key());
                case BOOLEAN -> getBoolean(e.key(), false);
                case STRING_LIST -> getStringList(e.key(), List.of());
                default -> throw new IllegalStateException("unhandled type");
            }
        }
    }

    /**
     * The value set for {@code key} when it is a {@code type}, null when none is set; another type
     * is an error. Plain code rather than Optional.map: every one-shot command reads its conf
     * files, and on JDK 17 each lambda links its call site at run time (docs/benchmarks.md).
     */
    private <V extends ConfValue> V typed(String key, Class<V> type, String expected) {
        ConfEntry e = byKey.get(key);
        if (e == null) {
            return null;
        }
        if (!type.isInstance(e.value())) {
            throw wrongType(key, e.value(), expected);
        }
        return type.cast(e.value());
    }

    private ConfException wrongType(String key, ConfValue v, String expected) {
        return new ConfException(fileName, v.line(), v.column(), key + " must be " + expected + ", got "
                + v.typeName());
    }

    @Override
    public String toString() {
        return "ConfFile[" + fileName + ", " + entries.size() + " entries]";
    }
}
