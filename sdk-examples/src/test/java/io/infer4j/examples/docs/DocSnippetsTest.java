package io.infer4j.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.infer4j.examples.docs.DocSnippets.Block;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;

/**
 * Every {@code ```java} block of README.md and docs/*.md compiles against the real modules; the
 * conventions a page follows are described on {@link DocSnippets}. One dynamic test per block,
 * named by page and line, so a failure says where to look.
 */
class DocSnippetsTest {

    /**
     * Pages that show Java code. Their blocks must be found, so a page whose fences break (and
     * whose code would then silently stop being compiled) fails the build.
     */
    private static final List<String> PAGES_WITH_JAVA = List.of(
            "README.md", "docs/auth.md", "docs/migrating-from-python.md", "docs/omegaml.md", "docs/tables.md",
            "docs/testing.md", "docs/wallaroo.md");

    private static Path root;
    private static List<String> pages;
    private static List<Block> blocks;
    private static List<String> markdownProblems;

    @BeforeAll
    static void extract() {
        root = DocSnippets.projectRoot();
        pages = DocSnippets.pages(root);
        blocks = new ArrayList<>();
        markdownProblems = new ArrayList<>();
        for (String page : pages) {
            DocSnippets.Extraction e = DocSnippets.extract(page, DocSnippets.read(root, page));
            blocks.addAll(e.blocks());
            markdownProblems.addAll(e.problems());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompiles() {
        Map<Block, List<String>> problems = DocSnippets.compile(blocks, DocSnippets.libraryClassPath(),
                root.resolve("sdk-examples/target/doc-snippets"));
        return problems.entrySet().stream().map(e -> DynamicTest.dynamicTest(
                e.getKey().where() + " (" + e.getKey().kind().name().toLowerCase() + ")",
                () -> assertThat(e.getValue()).withFailMessage("%s does not compile:%n%s", e.getKey().where(),
                        String.join("\n", e.getValue())).isEmpty()));
    }

    @Test
    void theFencesAndSnippetCommentsOfEveryPageAreWellFormed() {
        assertThat(markdownProblems).withFailMessage(String.join("\n", markdownProblems)).isEmpty();
    }

    @Test
    void noPageLosesItsJavaBlocks(TestReporter report) throws Exception {
        Map<String, Long> counts = DocSnippets.counts(pages, blocks);
        String summary = counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining("\n", "java blocks compiled per page\n", "\ntotal " + blocks.size() + "\n"));
        Files.createDirectories(root.resolve("sdk-examples/target"));
        Files.writeString(root.resolve("sdk-examples/target/doc-snippets.txt"), summary, StandardCharsets.UTF_8);
        report.publishEntry("doc-snippets", summary);

        assertThat(blocks).as("java blocks found in %s", pages).isNotEmpty();
        for (String page : PAGES_WITH_JAVA) {
            assertThat(counts.getOrDefault(page, 0L)).as("java blocks of %s", page).isPositive();
        }
        // The parser finds as many blocks as a plain line count of java fences.
        for (String page : pages) {
            assertThat(counts.get(page)).as("java blocks of %s against its java fence lines", page)
                    .isEqualTo(DocSnippets.rawJavaFences(DocSnippets.read(root, page)));
        }
    }
}
