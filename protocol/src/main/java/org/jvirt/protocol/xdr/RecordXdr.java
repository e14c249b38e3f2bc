package org.jvirt.protocol.xdr;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The XDR type of a Java record: its components in declaration order, each by its Java type.
 *
 * <table>
 * <caption>component types</caption>
 * <tr><td>{@code int}</td><td>int / unsigned int</td></tr>
 * <tr><td>{@code long}</td><td>hyper / unsigned hyper</td></tr>
 * <tr><td>{@code boolean}</td><td>bool</td></tr>
 * <tr><td>{@code String}</td><td>string ({@link Max} bytes, default 4 MiB); with {@link Chars}: char[n]</td></tr>
 * <tr><td>{@code byte[]}</td><td>variable opaque, {@link Max} required; with {@link Chars}: char&lt;n&gt;</td></tr>
 * <tr><td>{@code UUID}</td><td>opaque[16]</td></tr>
 * <tr><td>{@code Optional<T>}</td><td>T * (optional)</td></tr>
 * <tr><td>{@code List<T>}</td><td>T&lt;max&gt;, {@link Max} required</td></tr>
 * <tr><td>a record</td><td>its struct</td></tr>
 * <tr><td>a class with {@code public static final XdrType XDR}</td><td>that type (unions)</td></tr>
 * </table>
 *
 * So a procedure's argument or result is one record declaration; nothing else to write.
 */
public final class RecordXdr<R extends Record> implements XdrType<R> {
    private static final Map<Class<?>, XdrType<?>> CACHE = new ConcurrentHashMap<>();

    private final Class<R> type;
    private final Method[] accessors;
    private final XdrType<Object>[] fields;
    private final Constructor<R> constructor;
    private final int minSize;

    @SuppressWarnings("unchecked")
    public static <R extends Record> XdrType<R> of(Class<R> type) {
        XdrType<?> t = CACHE.get(type);
        if (t == null) {
            t = new RecordXdr<>(type);
            CACHE.putIfAbsent(type, t);
        }
        return (XdrType<R>) t;
    }

    @SuppressWarnings("unchecked")
    private RecordXdr(Class<R> type) {
        this.type = type;
        RecordComponent[] comps = type.getRecordComponents();
        this.accessors = new Method[comps.length];
        this.fields = new XdrType[comps.length];
        Class<?>[] params = new Class<?>[comps.length];
        int min = 0;
        for (int i = 0; i < comps.length; i++) {
            accessors[i] = comps[i].getAccessor();
            accessors[i].setAccessible(true);
            fields[i] = (XdrType<Object>) typeOf(comps[i].getGenericType(), comps[i], type);
            params[i] = comps[i].getType();
            min += fields[i].minSize();
        }
        this.minSize = min;
        try {
            this.constructor = type.getDeclaredConstructor(params);
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
        }
    }

    private static XdrType<?> typeOf(Type t, RecordComponent c, Class<?> owner) {
        Max max = c.getAnnotation(Max.class);
        if (t == int.class || t == Integer.class) {
            return Xdr.INT;
        }
        if (t == long.class || t == Long.class) {
            return Xdr.HYPER;
        }
        if (t == boolean.class || t == Boolean.class) {
            return Xdr.BOOL;
        }
        if (t == String.class) {
            Chars chars = c.getAnnotation(Chars.class);
            if (chars != null) {
                return Xdr.chars(chars.value());
            }
            return max == null ? Xdr.STRING : Xdr.string(max.value());
        }
        if (t == byte[].class) {
            Chars chars = c.getAnnotation(Chars.class);
            return chars != null ? Xdr.charArray(chars.value()) : Xdr.opaque(required(max, c, owner));
        }
        if (t == UUID.class) {
            return Xdr.UUID_TYPE;
        }
        if (t instanceof ParameterizedType p) {
            Type arg = p.getActualTypeArguments()[0];
            if (p.getRawType() == Optional.class) {
                return Xdr.optional(elementType(arg, c, owner));
            }
            if (p.getRawType() == List.class) {
                return Xdr.array(elementType(arg, c, owner), required(max, c, owner));
            }
        }
        if (t instanceof Class<?> k) {
            return classType(k, c, owner);
        }
        throw new IllegalArgumentException("no XDR type for " + t + " (" + owner.getSimpleName() + "." + c.getName() + ")");
    }

    /** The type of a list or optional element: a string keeps the default bound. */
    private static XdrType<?> elementType(Type t, RecordComponent c, Class<?> owner) {
        if (t == String.class) {
            return Xdr.STRING;
        }
        if (t == Integer.class) {
            return Xdr.INT;
        }
        if (t == Long.class) {
            return Xdr.HYPER;
        }
        if (t instanceof Class<?> k) {
            return classType(k, c, owner);
        }
        throw new IllegalArgumentException("no XDR type for " + t + " (" + owner.getSimpleName() + "." + c.getName() + ")");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static XdrType<?> classType(Class<?> k, RecordComponent c, Class<?> owner) {
        try {
            Field f = k.getField("XDR");
            if (Modifier.isStatic(f.getModifiers()) && XdrType.class.isAssignableFrom(f.getType())) {
                return (XdrType<?>) f.get(null);
            }
        } catch (NoSuchFieldException | IllegalAccessException e) {
            // not a hand-written type: a record then
        }
        if (k.isRecord()) {
            return of((Class) k);
        }
        throw new IllegalArgumentException("no XDR type for " + k.getName() + " (" + owner.getSimpleName() + "."
                + c.getName() + ")");
    }

    private static int required(Max max, RecordComponent c, Class<?> owner) {
        if (max == null) {
            throw new IllegalArgumentException(owner.getSimpleName() + "." + c.getName() + " needs @Max");
        }
        return max.value();
    }

    @Override
    public void write(XdrWriter out, R value) {
        try {
            for (int i = 0; i < fields.length; i++) {
                fields[i].write(out, accessors[i].invoke(value));
            }
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + type.getSimpleName(), e);
        }
    }

    @Override
    public R read(XdrReader in) {
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            values[i] = fields[i].read(in);
        }
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new org.jvirt.protocol.ProtocolException("bad " + type.getSimpleName() + ": " + cause.getMessage());
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot make " + type.getSimpleName(), e);
        }
    }

    @Override
    public int minSize() {
        return minSize;
    }
}
