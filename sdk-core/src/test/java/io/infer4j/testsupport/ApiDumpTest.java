package io.infer4j.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * The API dumper on fixture classes compiled here from source: what it lists, what it leaves out,
 * and the failure a changed signature produces.
 */
class ApiDumpTest {
    @TempDir
    Path tmp;

    private static final Map<String, String> FIXTURES = Map.ofEntries(
            Map.entry("fx/Shapes.java", """
                    package fx;

                    import java.io.IOException;
                    import java.util.List;
                    import java.util.Map;

                    /** Members of every kind, and members that must not show. */
                    public class Shapes<T extends Comparable<? super T>> extends Base implements Cloneable {
                        public static final String NAME = "sh\\"apes\\n";
                        public static final int SIDES = 4;
                        public static final long BIG = 1L << 40;
                        public static final boolean ROUND = false;
                        public static final char LETTER = 'x';
                        public static final double HALF = 0.1;
                        public static final List<String> NOT_A_CONSTANT = List.of("a");
                        protected int counter;
                        int packagePrivate;
                        private int hidden;

                        public Shapes() {
                        }

                        protected Shapes(T first, T... more) {
                        }

                        private Shapes(int secret) {
                        }

                        public <K, V extends Number & Comparable<V>> Map<K, List<? extends V>> group(
                                List<? super K> keys, int[][] grid) throws IOException, IllegalStateException {
                            return null;
                        }

                        public final T first() {
                            return null;
                        }

                        @Deprecated
                        public static void legacy() {
                        }

                        @Deprecated(forRemoval = true, since = "0.1")
                        public void doomed() {
                        }

                        protected void forSubclasses() {
                        }

                        @Override
                        protected void hook() {
                        }

                        void packagePrivateMethod() {
                        }

                        private void privateMethod() {
                        }

                        /** A nested API type. */
                        public static final class Builder {
                            public Shapes<String> build() {
                                return null;
                            }
                        }

                        /** An inner (non-static) class: its constructor takes the outer instance. */
                        public class Inner {
                            public Inner(List<T> values) {
                            }
                        }

                        static class NotApi {
                            public void invisible() {
                            }
                        }

                        private interface PrivateNested {
                        }

                        Object anonymous = new Object() {
                            public void invisibleToo() {
                            }
                        };
                    }
                    """),
            Map.entry("fx/Base.java", """
                    package fx;

                    /** Package-private: its public members are still callable on Shapes. */
                    abstract class Base {
                        public static final int BASE_LIMIT = 7;

                        public String describe() {
                            return "";
                        }

                        protected abstract void hook();

                        void notInherited() {
                        }
                    }
                    """),
            Map.entry("fx/Point.java", """
                    package fx;

                    import java.util.List;

                    /** A record: components in declaration order, canonical constructor, accessors. */
                    public record Point(int x, List<String> labels) implements Comparable<Point> {
                        public static Point origin() {
                            return new Point(0, List.of());
                        }

                        @Override
                        public int compareTo(Point o) {
                            return 0;
                        }
                    }
                    """),
            Map.entry("fx/Mode.java", """
                    package fx;

                    /** An enum with a constant body, which is not a type of its own in the dump. */
                    public enum Mode {
                        FAST, SAFE {
                            @Override
                            public int weight() {
                                return 2;
                            }
                        };

                        public int weight() {
                            return 1;
                        }
                    }
                    """),
            Map.entry("fx/Greeter.java", """
                    package fx;

                    import java.util.function.Supplier;

                    /** An interface: abstract, default and static methods. */
                    public interface Greeter extends Supplier<String>, AutoCloseable {
                        String PREFIX = "hi ";

                        String greet(String name);

                        default String greetAll(String... names) {
                            return "";
                        }

                        static Greeter polite() {
                            return null;
                        }

                        private String helper() {
                            return "";
                        }
                    }
                    """),
            Map.entry("fx/Tag.java", """
                    package fx;

                    import java.lang.annotation.Retention;
                    import java.lang.annotation.RetentionPolicy;

                    /** An annotation type with defaults. */
                    @Retention(RetentionPolicy.RUNTIME)
                    public @interface Tag {
                        String value() default "none";

                        Mode mode() default Mode.SAFE;

                        int[] sizes() default {1, 2};

                        Class<?> kind();
                    }
                    """),
            Map.entry("fx/Shape.java", """
                    package fx;

                    /** Sealed hierarchies: sealed, final and non-sealed. */
                    public abstract sealed class Shape permits Shape.Square, Shape.Open {
                        /** Final subclass. */
                        public static final class Square extends Shape {
                        }

                        /** Open subclass. */
                        public static non-sealed class Open extends Shape {
                        }
                    }
                    """),
            Map.entry("fx/internal/Secret.java", """
                    package fx.internal;

                    /** In an internal package: never API, however public. */
                    public class Secret {
                        public void invisible() {
                        }
                    }
                    """));

    /** The whole dump, line by line, so any change to the format shows up here first. */
    @Test
    void dumpsEveryPublicAndProtectedMemberOfApiTypesOnly() throws IOException {
        Path classes = compile("all", FIXTURES);

        assertThat(ApiDump.dump(classes)).isEqualTo("""
                public interface fx.Greeter extends java.lang.AutoCloseable, java.util.function.Supplier<java.lang.String>
                  public static final java.lang.String PREFIX = "hi "
                  public abstract java.lang.String greet(java.lang.String)
                  public default java.lang.String greetAll(java.lang.String...)
                  public static fx.Greeter polite()

                public enum fx.Mode
                  enum constant FAST
                  enum constant SAFE
                  public static fx.Mode valueOf(java.lang.String)
                  public static fx.Mode[] values()
                  public int weight()

                public record fx.Point(int x, java.util.List<java.lang.String> labels) implements java.lang.Comparable<fx.Point>
                  public Point(int, java.util.List<java.lang.String>)
                  public int compareTo(fx.Point)
                  public boolean equals(java.lang.Object)
                  public int hashCode()
                  public java.util.List<java.lang.String> labels()
                  public static fx.Point origin()
                  public java.lang.String toString()
                  public int x()

                public abstract sealed class fx.Shape permits fx.Shape.Open, fx.Shape.Square
                  public Shape()

                public static non-sealed class fx.Shape.Open extends fx.Shape
                  public Open()

                public static final class fx.Shape.Square extends fx.Shape
                  public Square()

                public class fx.Shapes<T extends java.lang.Comparable<? super T>> extends fx.Base implements java.lang.Cloneable
                  public static final long BIG = 1099511627776L
                  public static final double HALF = 0.1000000000000000055511151231257827021181583404541015625
                  public static final char LETTER = 'x'
                  public static final java.lang.String NAME = "sh\\"apes\\n"
                  public static final java.util.List<java.lang.String> NOT_A_CONSTANT
                  public static final boolean ROUND = false
                  public static final int SIDES = 4
                  protected int counter
                  protected Shapes(T, T...)
                  public Shapes()
                  @java.lang.Deprecated(forRemoval=true) public void doomed()
                  public final T first()
                  protected void forSubclasses()
                  public <K, V extends java.lang.Number & java.lang.Comparable<V>> java.util.Map<K, java.util.List<? extends V>> group(java.util.List<? super K>, int[][]) throws java.io.IOException, java.lang.IllegalStateException
                  protected void hook()
                  @java.lang.Deprecated public static void legacy()
                  public static final int BASE_LIMIT = 7 (from fx.Base)
                  public java.lang.String describe() (from fx.Base)

                public static final class fx.Shapes.Builder
                  public Builder()
                  public fx.Shapes<java.lang.String> build()

                public class fx.Shapes.Inner
                  public Inner(fx.Shapes, java.util.List<T>)

                public @interface fx.Tag
                  public abstract java.lang.Class<?> kind()
                  public abstract fx.Mode mode() default fx.Mode.SAFE
                  public abstract int[] sizes() default {1, 2}
                  public abstract java.lang.String value() default "none"
                """);
    }

    @Test
    void moduleInfoDecidesWhichPackagesAreApi() throws IOException {
        Map<String, String> sources = Map.of(
                "module-info.java", "module fx { exports fx.api; exports fx.shared to java.base; }",
                "fx/api/Open.java", "package fx.api; public class Open { public void call() {} }",
                "fx/shared/Qualified.java", "package fx.shared; public class Qualified { public void call() {} }",
                "fx/hidden/Unexported.java", "package fx.hidden; public class Unexported { }");

        assertThat(ApiDump.dump(compile("module", sources))).isEqualTo("""
                public class fx.api.Open
                  public Open()
                  public void call()
                """);
    }

    @Test
    void theDumpIsTheSameForTheSameClasses() throws IOException {
        String first = ApiDump.dump(compile("a", FIXTURES));
        String second = ApiDump.dump(compile("b", FIXTURES));

        assertThat(second).isEqualTo(first);
        assertThat(ApiDump.render(ApiDump.parse(first))).isEqualTo(first);
    }

    @Test
    void aChangedSignatureFailsWithTheRemovedAndAddedLinesAndTheUpdateCommand() throws IOException {
        Path dumpFile = tmp.resolve("api/fixture.api");
        Path before = compile("before", Map.of("fx/Hello.java", """
                package fx;
                public class Hello {
                    public String greet(String name) { return name; }
                    public void unchanged() {}
                }
                """, "fx/Other.java", "package fx; public class Other {}"));
        Path after = compile("after", Map.of("fx/Hello.java", """
                package fx;
                public class Hello {
                    public String greet(String name, int times) { return name; }
                    public void unchanged() {}
                }
                """, "fx/Added.java", "package fx; public interface Added {}"));
        ApiDump.check("fixture", before, dumpFile, true);
        ApiDump.check("fixture", before, dumpFile, false); // the dump it just wrote matches

        assertThatThrownBy(() -> ApiDump.check("fixture", after, dumpFile, false))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("The public API of fixture differs from " + dumpFile.toAbsolutePath() + ":\n"
                        + "  fx.Added (new type)\n"
                        + "    + public interface fx.Added\n"
                        + "  fx.Hello\n"
                        + "    -   public java.lang.String greet(java.lang.String)\n"
                        + "    +   public java.lang.String greet(java.lang.String, int)\n"
                        + "  fx.Other (type removed)\n"
                        + "    - public class fx.Other\n"
                        + "    -   public Other()\n"
                        + "If the change is intended, rewrite the dumps with\n"
                        + "  mvn -B -q verify -DskipFuzz -Dinfer4j.api.update=true\n"
                        + "and commit them with the change (docs/design.md, \"API surface\").");
    }

    @Test
    void updateRewritesTheDumpSoTheNextCheckPasses() throws IOException {
        Path dumpFile = tmp.resolve("api/fixture.api");
        Path v1 = compile("v1", Map.of("fx/A.java", "package fx; public class A { public void a() {} }"));
        Path v2 = compile("v2", Map.of("fx/A.java", "package fx; public class A { public void b() {} }"));
        ApiDump.check("fixture", v1, dumpFile, true);

        ApiDump.check("fixture", v2, dumpFile, true);

        assertThat(dumpFile).hasContent("public class fx.A\n  public A()\n  public void b()\n");
        ApiDump.check("fixture", v2, dumpFile, false);
    }

    @Test
    void aMissingDumpFailsAndSaysHowToCreateIt() throws IOException {
        Path classes = compile("v1", Map.of("fx/A.java", "package fx; public class A {}"));
        Path dumpFile = tmp.resolve("api/new-module.api");

        assertThatThrownBy(() -> ApiDump.check("new-module", classes, dumpFile, false))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("The public API of new-module has no dump at " + dumpFile.toAbsolutePath())
                .hasMessageContaining("mvn -B -q verify -DskipFuzz -Dinfer4j.api.update=true");
    }

    @Test
    void aDumpWithWindowsLineEndingsStillMatches() throws IOException {
        Path classes = compile("v1", Map.of("fx/A.java", "package fx; public class A {}"));
        Path dumpFile = tmp.resolve("a.api");
        Files.writeString(dumpFile, ApiDump.dump(classes).replace("\n", "\r\n"));

        ApiDump.check("fixture", classes, dumpFile, false);
    }

    @Test
    void aHandReorderedDumpIsReportedAsNotInCanonicalForm() throws IOException {
        Path classes = compile("v1", Map.of("fx/A.java", "package fx; public class A { public void a() {} }"));
        Path dumpFile = tmp.resolve("a.api");
        Files.writeString(dumpFile, "public class fx.A\n  public void a()\n  public A()\n");

        assertThatThrownBy(() -> ApiDump.check("fixture", classes, dumpFile, false))
                .hasMessageContaining("same members, but the file is not in the dumper's format or order");
    }

    @Test
    void noCompiledClassesIsAClearError() {
        assertThatThrownBy(() -> ApiDump.dump(tmp.resolve("missing")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no compiled classes at");
    }

    /** Compiles {@code sources} (path to text) into a fresh directory and returns it. */
    private Path compile(String name, Map<String, String> sources) throws IOException {
        Path src = tmp.resolve(name + "-src");
        Path out = tmp.resolve(name + "-classes");
        Files.createDirectories(out);
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
            files.add(file);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(errors, fm, null,
                    List.of("--release", "17", "-proc:none", "-Xlint:none", "-d", out.toString()),
                    null, fm.getJavaFileObjectsFromPaths(files)).call();
            assertThat(ok).as("fixture compiles: %s", errors).isTrue();
        }
        return out;
    }
}
