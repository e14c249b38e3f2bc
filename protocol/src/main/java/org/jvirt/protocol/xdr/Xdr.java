package org.jvirt.protocol.xdr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jvirt.protocol.Limits;
import org.jvirt.protocol.ProtocolException;

/** The XDR types the protocol is built from. */
public final class Xdr {
    private Xdr() {
    }

    /** No body at all (a call without arguments, a reply without a value). */
    public static final XdrType<Void> VOID = new XdrType<>() {
        @Override
        public void write(XdrWriter out, Void value) {
        }

        @Override
        public Void read(XdrReader in) {
            return null;
        }

        @Override
        public int minSize() {
            return 0;
        }
    };

    /** {@code int} and {@code unsigned int} (the same 4 bytes; unsigned values are read as their bits). */
    public static final XdrType<Integer> INT = new XdrType<>() {
        @Override
        public void write(XdrWriter out, Integer value) {
            out.writeInt(value);
        }

        @Override
        public Integer read(XdrReader in) {
            return in.readInt();
        }
    };

    /** {@code hyper} and {@code unsigned hyper}. */
    public static final XdrType<Long> HYPER = new XdrType<>() {
        @Override
        public void write(XdrWriter out, Long value) {
            out.writeHyper(value);
        }

        @Override
        public Long read(XdrReader in) {
            return in.readHyper();
        }

        @Override
        public int minSize() {
            return 8;
        }
    };

    public static final XdrType<Boolean> BOOL = new XdrType<>() {
        @Override
        public void write(XdrWriter out, Boolean value) {
            out.writeBool(value);
        }

        @Override
        public Boolean read(XdrReader in) {
            return in.readBool();
        }
    };

    public static final XdrType<UUID> UUID_TYPE = new XdrType<>() {
        @Override
        public void write(XdrWriter out, UUID value) {
            out.writeUuid(value);
        }

        @Override
        public UUID read(XdrReader in) {
            return in.readUuid();
        }

        @Override
        public int minSize() {
            return 16;
        }
    };

    public static final XdrType<String> STRING = string(Limits.MAX_STRING);

    public static XdrType<String> string(int max) {
        return new XdrType<>() {
            @Override
            public void write(XdrWriter out, String value) {
                out.writeString(value, max);
            }

            @Override
            public String read(XdrReader in) {
                return in.readString(max);
            }
        };
    }

    public static XdrType<byte[]> opaque(int max) {
        return new XdrType<>() {
            @Override
            public void write(XdrWriter out, byte[] value) {
                out.writeOpaque(value, max);
            }

            @Override
            public byte[] read(XdrReader in) {
                return in.readOpaque(max);
            }
        };
    }

    /**
     * A fixed array of C {@code char}s, which XDR sends as one int each ({@code char model[32]}):
     * read up to the first NUL.
     */
    public static XdrType<String> chars(int n) {
        return new XdrType<>() {
            @Override
            public void write(XdrWriter out, String value) {
                byte[] b = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                if (b.length > n) {
                    throw ProtocolException.of("text of %d bytes does not fit in char[%d]", b.length, n);
                }
                for (int i = 0; i < n; i++) {
                    out.writeInt(i < b.length ? b[i] : 0);
                }
            }

            @Override
            public String read(XdrReader in) {
                byte[] b = new byte[n];
                int len = -1;
                for (int i = 0; i < n; i++) {
                    b[i] = (byte) in.readInt();
                    if (b[i] == 0 && len < 0) {
                        len = i;
                    }
                }
                return new String(b, 0, len < 0 ? n : len, java.nio.charset.StandardCharsets.UTF_8);
            }

            @Override
            public int minSize() {
                return 4 * n;
            }
        };
    }

    /** A variable array of C {@code char}s ({@code char data<max>}): one int per byte. */
    public static XdrType<byte[]> charArray(int max) {
        return new XdrType<>() {
            @Override
            public void write(XdrWriter out, byte[] value) {
                XdrWriter.checkLength(value.length, max, "char array");
                out.writeInt(value.length);
                for (byte b : value) {
                    out.writeInt(b);
                }
            }

            @Override
            public byte[] read(XdrReader in) {
                int n = in.readLength(max, 4, "char array length");
                byte[] b = new byte[n];
                for (int i = 0; i < n; i++) {
                    b[i] = (byte) in.readInt();
                }
                return b;
            }
        };
    }

    /** An XDR optional ({@code T *}): a boolean, then the value when true. */
    public static <T> XdrType<Optional<T>> optional(XdrType<T> type) {
        return new XdrType<>() {
            @Override
            public void write(XdrWriter out, Optional<T> value) {
                out.writeBool(value.isPresent());
                value.ifPresent(v -> type.write(out, v));
            }

            @Override
            public Optional<T> read(XdrReader in) {
                return in.readBool() ? Optional.of(type.read(in)) : Optional.empty();
            }
        };
    }

    /** A variable-length array of at most {@code max} elements. */
    public static <T> XdrType<List<T>> array(XdrType<T> type, int max) {
        return new XdrType<>() {
            @Override
            public void write(XdrWriter out, List<T> value) {
                XdrWriter.checkLength(value.size(), max, "array");
                out.writeInt(value.size());
                for (T v : value) {
                    type.write(out, v);
                }
            }

            @Override
            public List<T> read(XdrReader in) {
                int n = in.readLength(max, Math.max(1, type.minSize()), "array length");
                List<T> out = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    out.add(type.read(in));
                }
                return List.copyOf(out);
            }
        };
    }

    /** {@code type}, made when first used (then kept): for tables of many types of which few are used. */
    public static <T> XdrType<T> lazy(java.util.function.Supplier<XdrType<T>> type) {
        return new XdrType<>() {
            private volatile XdrType<T> made;

            private XdrType<T> get() {
                XdrType<T> t = made;
                if (t == null) {
                    t = type.get();
                    made = t;
                }
                return t;
            }

            @Override
            public void write(XdrWriter out, T value) {
                get().write(out, value);
            }

            @Override
            public T read(XdrReader in) {
                return get().read(in);
            }

            @Override
            public int minSize() {
                return get().minSize();
            }
        };
    }
}
