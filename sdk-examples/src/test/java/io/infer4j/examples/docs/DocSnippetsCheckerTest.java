package io.infer4j.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.infer4j.examples.docs.DocSnippets.Block;
import io.infer4j.examples.docs.DocSnippets.Extraction;
import io.infer4j.examples.docs.DocSnippets.Kind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker behind {@link DocSnippetsTest} catches what it is there to catch: a block that
 * parses but does not compile, every broken block of a run (not only the first), the right page
 * line, and fences or comments that would let a block slip through unchecked.
 */
class DocSnippetsCheckerTest {

    @TempDir
    Path scratch;

    private Map<Block, List<String>> compile(String markdown) {
        Extraction e = DocSnippets.extract("page.md", markdown);
        assertThat(e.problems()).isEmpty();
        return DocSnippets.compile(e.blocks(), DocSnippets.libraryClassPath(), scratch);
    }

    private static List<String> all(Map<Block, List<String>> problems) {
        return problems.values().stream().flatMap(List::stream).collect(Collectors.toList());
    }

    @Test
    void aBlockThatParsesButDoesNotTypeCheckFailsWithItsPageLine() {
        String md = "# t\n\ntext\n\n```java\nTable t = Table.builder().addInt64(\"id\", 1).build();\n"
                + "int n = t.rowCount();\nString s = t.noSuchMethod();\n```\n";
        List<String> problems = all(compile(md));

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith("page.md:8: error: cannot find symbol").contains("noSuchMethod")
                .contains("String s = t.noSuchMethod();");
    }

    @Test
    void everyBrokenBlockIsReportedNotOnlyTheFirst() {
        String md = "```java\nString label = \"a\";\nint label = 1;\n```\n\n"
                + "```java\nTable t = images;\n```\n\n"
                + "```java\nint broken = ;\n```\n\n"
                + "```java\nint fine = 1;\n```\n";
        Map<Block, List<String>> problems = compile(md);

        assertThat(problems).hasSize(4);
        List<List<String>> byBlock = List.copyOf(problems.values());
        assertThat(byBlock.get(0)).singleElement().asString().startsWith("page.md:3: error: variable label is already defined");
        assertThat(byBlock.get(1)).singleElement().asString().startsWith("page.md:7: error: cannot find symbol").contains("images");
        assertThat(byBlock.get(2)).isNotEmpty().allSatisfy(p -> assertThat(p).startsWith("page.md:11: error:"));
        assertThat(byBlock.get(3)).isEmpty();
    }

    @Test
    void snippetCommentsDeclareWhatTheBlockUsesAndPageContextAppliesToLaterBlocksOnly() {
        String md = "```java\nwallaroo.close();\n```\n\n"
                + "<!-- snippet-context: WallarooClient wallaroo -->\n\n"
                + "```java\nwallaroo.close();\n```\n\n"
                + "<!-- snippet: import io.infer4j.wallaroo.InferenceResult; Table input;\n InferenceTarget target -->\n"
                + "```java\nInferenceResult r = wallaroo.pipelines().infer(target, input);\n```\n\n"
                + "```java\nInferenceResult r = wallaroo.pipelines().infer(target, input);\n```\n";
        List<List<String>> byBlock = List.copyOf(compile(md).values());

        assertThat(byBlock.get(0)).singleElement().asString().startsWith("page.md:2: error: cannot find symbol").contains("wallaroo");
        assertThat(byBlock.get(1)).isEmpty();
        assertThat(byBlock.get(2)).isEmpty();
        // The block comment applied to one block: the last one lacks target and input again.
        assertThat(byBlock.get(3)).isNotEmpty().anySatisfy(p -> assertThat(p).contains("variable target"));
    }

    @Test
    void theThreeKindsOfBlockCompile() {
        String md = "```java\nclass FraudServiceTest {\n    @Test\n    void ok() {\n        assertThat(1).isEqualTo(1);\n    }\n}\n```\n\n"
                + "<!-- snippet: LocalPlatform platform -->\n"
                + "```java\n@Test\nvoid clears() {\n    platform.faults().clear();\n}\n\n@AfterEach\nvoid after() {\n}\n```\n\n"
                + "```java\nimport java.util.concurrent.atomic.AtomicLong;\n\nAtomicLong n = new AtomicLong();\n```\n";
        Map<Block, List<String>> problems = compile(md);

        assertThat(problems.keySet()).extracting(Block::kind).containsExactly(Kind.UNIT, Kind.MEMBERS, Kind.STATEMENTS);
        assertThat(all(problems)).isEmpty();
    }

    @Test
    void kindsAreToldApartByTheFirstLineOfCode() {
        assertThat(DocSnippets.kindOf("// a comment\npublic final class A {}\n")).isEqualTo(Kind.UNIT);
        assertThat(DocSnippets.kindOf("record R(int x) {}\n")).isEqualTo(Kind.UNIT);
        assertThat(DocSnippets.kindOf("@SuppressWarnings(\"x\")\nclass A {}\n")).isEqualTo(Kind.UNIT);
        assertThat(DocSnippets.kindOf("static LocalPlatform platform;\n")).isEqualTo(Kind.MEMBERS);
        assertThat(DocSnippets.kindOf("void run() throws Exception {\n}\n")).isEqualTo(Kind.MEMBERS);
        assertThat(DocSnippets.kindOf("List<String> names() {\n}\n")).isEqualTo(Kind.MEMBERS);
        assertThat(DocSnippets.kindOf("try (WallarooClient w = WallarooClient.fromEnv()) {\n}\n")).isEqualTo(Kind.STATEMENTS);
        assertThat(DocSnippets.kindOf("if (x) {\n}\n")).isEqualTo(Kind.STATEMENTS);
        assertThat(DocSnippets.kindOf("for (DatasetInfo d : list) {\n}\n")).isEqualTo(Kind.STATEMENTS);
        assertThat(DocSnippets.kindOf("  class Local {}\nnew Local();\n")).isEqualTo(Kind.STATEMENTS);
    }

    @Test
    void anErrorInTheDeclarationsNamesTheComment() {
        String md = "text\n<!-- snippet: NoSuchType thing -->\n```java\nint x = 1;\n```\n";
        List<String> problems = all(compile(md));

        assertThat(problems).singleElement().asString().startsWith("page.md:3 (in the snippet declarations of line 2): error:")
                .contains("NoSuchType");
    }

    @Test
    void internalPackagesAndDeprecatedApiFail() {
        String md = "```java\nObject o = io.infer4j.core.internal.Json.mapper();\n```\n\n"
                + "```java\nInteger i = new Integer(3);\n```\n";
        List<List<String>> byBlock = List.copyOf(compile(md).values());

        assertThat(byBlock.get(0)).anySatisfy(p -> assertThat(p).contains("an internal package"));
        assertThat(byBlock.get(1)).anySatisfy(p -> assertThat(p).startsWith("page.md:6: deprecated:"));
    }

    @Test
    void fencesThatWouldEscapeTheCheckAreReported() {
        Extraction e = DocSnippets.extract("page.md", "```Java\nint x;\n```\n\n<!-- snippet: int y -->\n```text\nno\n```\n\n"
                + "<!-- snippet: int z -->\nsome prose\n\n```java\nint w = z;\n```\n\n```java\nint open;\n");

        assertThat(e.problems()).hasSize(4);
        assertThat(e.problems().get(0)).startsWith("page.md:1: fence '```Java' is not compiled");
        assertThat(e.problems().get(1)).startsWith("page.md:5: the snippet comment here is followed by a 'text' block");
        assertThat(e.problems().get(2)).startsWith("page.md:10: the snippet comment here is not right before a java block");
        assertThat(e.problems().get(3)).startsWith("page.md:17: the fence opened here is never closed");
        assertThat(e.blocks()).extracting(Block::fenceLine).containsExactly(13, 17);
    }

    @Test
    void indentedAndTildeFencesAreBlocksToo() {
        Extraction e = DocSnippets.extract("page.md", "- item\n\n  ```java\n  int a = 1;\n  ```\n\n~~~java\nint b = 2;\n~~~\n");

        assertThat(e.problems()).isEmpty();
        assertThat(e.blocks()).extracting(Block::code).containsExactly("int a = 1;\n", "int b = 2;\n");
        assertThat(DocSnippets.rawJavaFences("- item\n\n  ```java\n  int a = 1;\n  ```\n\n~~~java\nint b = 2;\n~~~\n")).isEqualTo(2);
    }

    @Test
    void theApiPackagesOnTheClassPathAreImportedButNotInternalOnesOrTheExamples() {
        List<String> packages = DocSnippets.apiPackages(DocSnippets.libraryClassPath());

        assertThat(packages).contains("io.infer4j.wallaroo", "io.infer4j.table.codec", "io.infer4j.auth.keycloak", "io.infer4j.testkit")
                .noneMatch(p -> p.contains("internal")).noneMatch(p -> p.startsWith("io.infer4j.examples"));
    }
}
