package io.infer4j.auth.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TokenStore} in a JSON file, so that several processes (or a process and its restart)
 * share one Keycloak session instead of each logging in.
 *
 * <ul>
 *   <li>Every write goes to a temporary file in the same folder, created owner-only ({@code rw-------}
 *       on POSIX file systems), and is then renamed over the store in one atomic step: a reader never
 *       sees half a file, and the tokens are never readable by other users, not even for a moment.</li>
 *   <li>Several sessions (keys) may live in one file. Writers do not lock across processes: when two
 *       processes write at the same instant the last one wins, which costs the other at most one extra
 *       login, never a corrupt file.</li>
 *   <li>A missing file is an empty store; an unreadable or corrupt one is treated as empty (logged at
 *       WARN without its content) and replaced on the next write.</li>
 * </ul>
 */
public final class FileTokenStore implements TokenStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileTokenStore.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path file;
    private final boolean posix;

    private FileTokenStore(Path file) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        this.posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                && this.file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** A store in {@code file}; its folder is created (owner-only) on the first write if missing. */
    public static FileTokenStore of(Path file) {
        return new FileTokenStore(file);
    }

    /** The file this store writes. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized Optional<TokenSet> load(String key) {
        JsonNode entry = read().get(key);
        if (entry == null || !entry.isObject()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TokenSet(text(entry, "access_token"), instant(entry, "obtained_at"),
                    instant(entry, "access_expires_at"), text(entry, "refresh_token"), instant(entry, "refresh_expires_at")));
        } catch (RuntimeException invalid) {
            LOG.warn("Ignoring an invalid session entry in token store {}", file);
            return Optional.empty();
        }
    }

    @Override
    public synchronized void save(String key, TokenSet tokens) {
        ObjectNode sessions = read();
        ObjectNode entry = sessions.putObject(key);
        entry.put("access_token", tokens.accessToken());
        entry.put("obtained_at", tokens.obtainedAt().toEpochMilli());
        entry.put("access_expires_at", tokens.accessExpiresAt().toEpochMilli());
        if (tokens.refreshToken() != null) {
            entry.put("refresh_token", tokens.refreshToken());
            if (tokens.refreshExpiresAt() != null) {
                entry.put("refresh_expires_at", tokens.refreshExpiresAt().toEpochMilli());
            }
        }
        write(sessions);
    }

    @Override
    public synchronized void remove(String key) {
        ObjectNode sessions = read();
        if (sessions.remove(key) != null) {
            write(sessions);
        }
    }

    private ObjectNode read() {
        try {
            JsonNode root = Json.mapper().readTree(Files.readAllBytes(file));
            JsonNode sessions = root == null ? null : root.get("sessions");
            if (sessions instanceof ObjectNode) {
                return (ObjectNode) sessions;
            }
            LOG.warn("Token store {} has no sessions object; treating it as empty", file);
        } catch (NoSuchFileException absent) {
            // a store nobody has written yet
        } catch (IOException e) {
            // The message of a parse error could quote the file, so it is not logged.
            LOG.warn("Cannot read token store {} ({}); treating it as empty", file, e.getClass().getSimpleName());
        }
        return Json.mapper().createObjectNode();
    }

    private void write(ObjectNode sessions) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("format", 1);
        root.set("sessions", sessions);
        Path dir = file.getParent();
        Path tmp = null;
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR)}
                        : new FileAttribute<?>[0]);
            }
            // Created owner-only before the first byte is written, so the tokens are never exposed.
            tmp = posix ? Files.createTempFile(dir, "." + file.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            Files.write(tmp, Json.write(root));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write token store " + file + ": " + e.getClass().getSimpleName(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is owner-only anyway
                }
            }
        }
    }

    private static String text(JsonNode entry, String field) {
        JsonNode v = entry.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant instant(JsonNode entry, String field) {
        JsonNode v = entry.get(field);
        return v == null || !v.canConvertToLong() ? null : Instant.ofEpochMilli(v.asLong());
    }

    @Override
    public String toString() {
        return "FileTokenStore[" + file + "]";
    }
}
