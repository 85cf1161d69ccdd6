package io.infer4j.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Access to the third-party recordings in {@code ../shared/contract/} (never copied into this
 * project). Without that folder, contract tests report themselves skipped; under {@code CI=true}
 * a missing folder fails the run instead.
 */
public final class Contract {
    private Contract() {
    }

    /** The contract root, or a skip (a failure under CI) when it is absent. */
    public static Path dir() {
        Path dir = locate();
        if (dir == null) {
            String msg = "../shared/contract not found (set -Dinfer4j.shared.dir); contract tests skipped";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but " + msg.replace("; contract tests skipped", ""));
            }
            Assumptions.abort(msg);
        }
        return dir;
    }

    /** Whether the contract folder is present (no skip, no failure). */
    public static boolean available() {
        return locate() != null;
    }

    /** A file under the contract root, e.g. {@code wallaroo/inputs/tensor/data-1k.json}. */
    public static Path file(String relative) {
        Path p = dir().resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("contract file missing: " + p);
        }
        return p;
    }

    /** The bytes of a contract file. */
    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All files under a contract sub-folder whose name ends with {@code suffix}, sorted. */
    public static List<Path> files(String folder, String suffix) {
        try (Stream<Path> s = Files.walk(dir().resolve(folder))) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path locate() {
        String prop = System.getProperty("infer4j.shared.dir");
        if (prop != null && Files.isDirectory(Paths.get(prop, "contract"))) {
            return Paths.get(prop, "contract").toAbsolutePath().normalize();
        }
        Path here = Paths.get("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("contract");
            if (Files.isDirectory(candidate)) {
                return candidate.normalize();
            }
        }
        return null;
    }
}
