package io.infer4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * After packaging: the jar has no module-info (no named module can require Spark) but a stable
 * automatic module name, which the module system accepts.
 */
class JarManifestIT {
    @Test
    void theJarIsTheAutomaticModuleIoInfer4jSpark() throws Exception {
        List<Path> jars;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jars = files.filter(p -> p.getFileName().toString().matches("sdk-spark-[^-]+(-SNAPSHOT)?\\.jar")).toList();
        }
        assertThat(jars).hasSize(1);
        try (JarFile jar = new JarFile(jars.get(0).toFile())) {
            assertThat(jar.getEntry("module-info.class")).isNull();
            assertThat(jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name")).isEqualTo("io.infer4j.spark");
        }
        ModuleReference module = ModuleFinder.of(jars.get(0)).findAll().iterator().next();
        assertThat(module.descriptor().name()).isEqualTo("io.infer4j.spark");
        assertThat(module.descriptor().isAutomatic()).isTrue();
        assertThat(module.descriptor().packages()).contains("io.infer4j.spark", "io.infer4j.spark.internal");
    }
}
