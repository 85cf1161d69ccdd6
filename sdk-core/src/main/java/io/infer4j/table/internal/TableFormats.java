package io.infer4j.table.internal;

import io.infer4j.core.error.ConfigurationException;
import io.infer4j.table.spi.TableFormatProvider;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The binary table formats present, by media type: the {@link TableFormatProvider}s that
 * {@link ServiceLoader} finds (Arrow IPC from {@code io.infer4j:sdk-arrow}), so sdk-core never
 * depends on a format's library. {@link #installed()} is what the class path holds; tests build a
 * registry from a given list. Immutable and thread-safe. Not API.
 */
public final class TableFormats {
    /** Apache Arrow IPC file format, what Wallaroo sends and takes. */
    public static final String ARROW_FILE = "application/vnd.apache.arrow.file";

    private static final Logger LOG = LoggerFactory.getLogger(TableFormats.class);
    /** The first bytes of every Arrow IPC file (then two bytes of padding). */
    private static final byte[] ARROW_MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);
    /** What to add for a format infer4j itself ships a provider for. */
    private static final Map<String, String[]> KNOWN = Map.of(ARROW_FILE, new String[] {"Arrow IPC", "io.infer4j:sdk-arrow"});

    private final Map<String, TableFormatProvider> byType;

    /**
     * A registry of these providers; when two serve the same media type, the first one wins (as
     * with the class path, where the first jar on it wins).
     */
    public TableFormats(List<? extends TableFormatProvider> providers) {
        Map<String, TableFormatProvider> m = new LinkedHashMap<>();
        for (TableFormatProvider p : providers) {
            String type = normalize(p.mediaType());
            if (type == null) {
                LOG.warn("Ignoring table format provider {}: it names no media type", p.getClass().getName());
            } else if (m.putIfAbsent(type, p) != null) {
                LOG.warn("Two table format providers serve {}: using {}, ignoring {}", type,
                        m.get(type).getClass().getName(), p.getClass().getName());
            }
        }
        this.byType = Collections.unmodifiableMap(m);
    }

    /**
     * The providers on the class path (or module path), loaded once on first use. A static holder
     * is fine here: what it caches is what the class path held when the class was loaded, which
     * does not change while the JVM runs; it is not mutable state shared between clients.
     */
    public static TableFormats installed() {
        return Installed.FORMATS;
    }

    /** Lazy holder: ServiceLoader runs on the first Arrow call, not when sdk-core loads. */
    private static final class Installed {
        static final TableFormats FORMATS = new TableFormats(load());

        private static List<TableFormatProvider> load() {
            List<TableFormatProvider> found = new ArrayList<>();
            // sdk-core's own loader, not the thread's context loader: the result is cached for the
            // JVM, so it must not depend on which thread happened to ask first.
            Iterator<TableFormatProvider> it = ServiceLoader.load(TableFormatProvider.class, TableFormats.class.getClassLoader())
                    .iterator();
            while (true) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    found.add(it.next());
                } catch (ServiceConfigurationError e) {
                    // One broken registration must not take the other formats (or sdk-core) down with it.
                    LOG.warn("Ignoring a table format provider that cannot be loaded: {}", e.getMessage());
                }
            }
            return found;
        }
    }

    /** The media types served, in registration order. */
    public List<String> mediaTypes() {
        return List.copyOf(byType.keySet());
    }

    /** The provider of {@code mediaType} (parameters and case ignored), if one is present. */
    public Optional<TableFormatProvider> find(String mediaType) {
        String type = normalize(mediaType);
        return type == null ? Optional.empty() : Optional.ofNullable(byType.get(type));
    }

    /**
     * The provider of {@code mediaType}.
     *
     * @throws ConfigurationException when none is present, naming the artifact to add (for Arrow:
     *         {@code io.infer4j:sdk-arrow})
     */
    public TableFormatProvider require(String mediaType) {
        return find(mediaType).orElseThrow(() -> missing(mediaType));
    }

    /** The provider whose magic bytes start {@code body}, if any. */
    public Optional<TableFormatProvider> sniff(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        for (TableFormatProvider p : byType.values()) {
            boolean matches;
            try {
                matches = p.sniff(body);
            } catch (RuntimeException e) {
                // The contract says sniff must not throw; a provider that does simply does not match.
                matches = false;
            }
            if (matches) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The media type of a binary body: the provider's whose magic matches, else
     * {@link #ARROW_FILE} when the body starts with Arrow's magic {@code ARROW1} though no provider
     * is present (so the caller can say to add sdk-arrow rather than fail to parse it as JSON),
     * else empty.
     */
    public Optional<String> sniffMediaType(byte[] body) {
        Optional<TableFormatProvider> p = sniff(body);
        if (p.isPresent()) {
            return Optional.of(normalize(p.get().mediaType()));
        }
        return hasArrowMagic(body) ? Optional.of(ARROW_FILE) : Optional.empty();
    }

    /** Whether {@code body} starts with the Arrow IPC file magic {@code ARROW1}. */
    public static boolean hasArrowMagic(byte[] body) {
        if (body == null || body.length < ARROW_MAGIC.length) {
            return false;
        }
        for (int i = 0; i < ARROW_MAGIC.length; i++) {
            if (body[i] != ARROW_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code contentType} is {@code mediaType} (parameters and case ignored). */
    public static boolean is(String contentType, String mediaType) {
        String a = normalize(contentType);
        return a != null && a.equals(normalize(mediaType));
    }

    /** A content type without its parameters, lower case; null when blank. */
    public static String normalize(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semi = contentType.indexOf(';');
        String base = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return base.isEmpty() ? null : base;
    }

    private static ConfigurationException missing(String mediaType) {
        String type = normalize(mediaType);
        String[] known = type == null ? null : KNOWN.get(type);
        if (known != null) {
            return new ConfigurationException(null, known[0] + " (" + type + ") needs " + known[1]
                    + " on the class path (or module path); add it as a dependency, or use pandas-records JSON");
        }
        return new ConfigurationException(null, "No table format provider for " + mediaType
                + " is on the class path; add the module that provides it (an io.infer4j.table.spi.TableFormatProvider)");
    }

    @Override
    public String toString() {
        return "TableFormats" + byType.keySet();
    }
}
