package io.infer4j.examples.docs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Extracts the fenced {@code ```java} blocks of Markdown pages and compiles them against the real
 * infer4j modules, so a page cannot show code that does not compile.
 *
 * <h2>The convention pages follow</h2>
 *
 * <ul>
 *   <li><b>Which blocks.</b> Every block fenced {@code ```java} (or {@code ~~~java}) is compiled.
 *       A block that is not meant to compile must use another fence ({@code ```text}); a fence
 *       spelled {@code Java} or {@code JAVA} is an error, so no block is skipped by accident.
 *   <li><b>Three kinds, told apart by the block's first line of code</b> (after comments, blank
 *       lines, {@code import} lines and annotations):
 *       <ul>
 *         <li>a top-level type ({@code class}, {@code record}, {@code interface}, {@code enum},
 *             with modifiers) at column 0: the block is a <em>compilation unit</em>, compiled as
 *             it is;
 *         <li>a method header ({@code void name() {}}), a member modifier ({@code public},
 *             {@code private}, {@code protected}, {@code static}, {@code abstract}) or an
 *             annotation ({@code @Test}): the block is a list of <em>class members</em>, placed
 *             in the body of a class;
 *         <li>anything else: the block is <em>statements</em>, placed in the body of an instance
 *             method {@code void snippet() throws Exception} of that class.
 *       </ul>
 *   <li><b>Implicit imports</b> (so pages need not repeat them): every infer4j API package on
 *       the class path (every {@code io.infer4j} package without an {@code internal} segment,
 *       except the examples themselves), {@code java.io}, {@code java.net},
 *       {@code java.nio.charset}, {@code java.nio.file}, {@code java.time}, {@code java.util},
 *       {@code java.util.concurrent}, {@code java.util.function}, {@code java.util.stream},
 *       {@code com.fasterxml.jackson.databind}, {@code org.junit.jupiter.api} and
 *       {@code static org.assertj.core.api.Assertions.*}. Leading {@code import} lines of a block
 *       are kept as imports (a single-type import also settles a name that two packages share).
 *   <li><b>Names a page introduced earlier</b> are declared in an HTML comment, which Markdown
 *       does not render:
 *       <ul>
 *         <li>{@code <!-- snippet: WallarooClient wallaroo; Table input -->} on the line(s)
 *             right before a fence (blank lines between are allowed) applies to that block only;
 *         <li>{@code <!-- snippet-context: OmegaClient omega -->} anywhere on a page applies to
 *             every later block of the page (several add up).
 *       </ul>
 *       The text is Java class-body text: {@code ;}-separated declarations become fields of the
 *       wrapping class (so lambdas may use them), and member types such as
 *       {@code interface MyService { Result score(Table rows); } interface Result {}} are
 *       allowed; {@code import} declarations in it are moved to the imports. A compilation-unit
 *       block takes no declarations; a {@code snippet:} comment that is not followed by a java
 *       block is an error.
 *   <li><b>Public API only.</b> A block that names an {@code io.infer4j...internal} package
 *       fails: the class path would let it compile, the module system would not let users.
 *   <li><b>Compiled, not only parsed</b>, with {@code --release 17}; deprecation warnings fail
 *       too (pages show the current API). Every block becomes its own package, so blocks cannot
 *       clash; all are compiled in one javac run for speed, which keeps going past errors so
 *       every broken block is reported, each by page and line.
 * </ul>
 */
final class DocSnippets {

    /** The fixed implicit imports; the infer4j packages are added from the class path. */
    static final List<String> FIXED_IMPORTS = List.of(
            "java.io.*", "java.net.*", "java.nio.charset.*", "java.nio.file.*", "java.time.*", "java.util.*",
            "java.util.concurrent.*", "java.util.function.*", "java.util.stream.*",
            "com.fasterxml.jackson.databind.*", "org.junit.jupiter.api.*",
            "static org.assertj.core.api.Assertions.*");

    private static final Pattern FENCE = Pattern.compile("^( {0,3})(`{3,}|~{3,})\\s*([^\\s`]*)(.*)$");
    private static final Pattern SNIPPET_START = Pattern.compile("<!--\\s*snippet");
    private static final Pattern SNIPPET_COMMENT = Pattern.compile("<!--\\s*snippet(-context)?\\s*:(.*?)-->", Pattern.DOTALL);
    private static final Pattern IMPORT = Pattern.compile("import\\s+(static\\s+)?[\\w.]+(\\.\\*)?\\s*;");
    private static final Pattern INTERNAL = Pattern.compile("io\\.infer4j\\.[\\w.]*\\binternal\\b");
    private static final String MODIFIERS = "(?:(?:public|protected|private|abstract|final|static|sealed|non-sealed|strictfp)\\s+)*";
    private static final Pattern TYPE_DECL = Pattern.compile("^" + MODIFIERS + "(?:class|interface|enum|record|@interface)\\s+(\\w+)");
    private static final Pattern MEMBER_START = Pattern.compile("^(?:public|protected|private|static|abstract)\\s");
    private static final Pattern METHOD_HEADER = Pattern.compile(
            "^" + MODIFIERS + "(?:<[^>]*>\\s*)?[\\w.]+(?:<.*>)?(?:\\[])*\\s+(\\w+)\\s*\\([^)]*\\)\\s*(?:throws\\s+[\\w.,\\s]+)?\\{?\\s*$");
    private static final Set<String> KEYWORDS = Set.of(
            "if", "for", "while", "switch", "catch", "synchronized", "return", "throw", "new", "else", "try", "do", "yield");

    /** How a block is wrapped before it is compiled. */
    enum Kind { STATEMENTS, MEMBERS, UNIT }

    /**
     * One fenced java block.
     *
     * @param page the page, relative to the project root, with forward slashes
     * @param fenceLine the 1-based line of the opening fence
     * @param code the block's text, the fence's indentation removed
     * @param declarations the class-body text from the page's {@code snippet-context} comments
     *     and the block's own {@code snippet} comment, in order
     * @param ownDeclarations whether the block has a {@code snippet} comment of its own
     * @param declarationLine the line of the block's own comment, or 0 when it has none
     */
    record Block(String page, int fenceLine, String code, String declarations, boolean ownDeclarations, int declarationLine) {
        String where() {
            return page + ":" + fenceLine;
        }

        Kind kind() {
            return kindOf(code);
        }
    }

    /** What reading the pages found: the blocks, and mistakes in the Markdown itself. */
    record Extraction(List<Block> blocks, List<String> problems) {
    }

    private DocSnippets() {
    }

    /** The java blocks of one page, plus what is wrong with the page's fences and comments. */
    static Extraction extract(String page, String markdown) {
        List<Block> blocks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = markdown.split("\r?\n", -1);
        StringBuilder context = new StringBuilder();
        String pending = null;      // declarations of a snippet comment waiting for its block
        int pendingLine = 0;
        boolean pendingIsFresh = false; // no text other than blank lines since the comment
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher fence = FENCE.matcher(line);
            if (fence.matches() && !fence.group(4).contains("`")) {
                String marker = fence.group(2);
                String info = fence.group(3);
                int indent = fence.group(1).length();
                int open = i;
                StringBuilder code = new StringBuilder();
                boolean closed = false;
                for (i++; i < lines.length; i++) {
                    String l = lines[i];
                    String t = l.stripLeading();
                    if (l.length() - t.length() <= 3 && t.startsWith(marker.substring(0, 3))
                            && t.chars().takeWhile(c -> c == marker.charAt(0)).count() >= marker.length()
                            && t.replace(String.valueOf(marker.charAt(0)), "").isBlank()) {
                        closed = true;
                        break;
                    }
                    code.append(stripIndent(l, indent)).append('\n');
                }
                if (!closed) {
                    problems.add(page + ":" + (open + 1) + ": the fence opened here is never closed");
                }
                if (info.equals("java")) {
                    if (pending != null && !pendingIsFresh) {
                        problems.add(page + ":" + pendingLine + ": the snippet comment here is not right before a java block");
                        pending = null;
                    }
                    String decls = context + (pending == null ? "" : pending);
                    blocks.add(new Block(page, open + 1, code.toString(), decls, pending != null, pending == null ? 0 : pendingLine));
                } else if (info.equalsIgnoreCase("java")) {
                    problems.add(page + ":" + (open + 1) + ": fence '" + marker + info
                            + "' is not compiled: write " + marker + "java, or " + marker + "text for code that is not Java");
                }
                if (pending != null && !info.equals("java")) {
                    problems.add(page + ":" + pendingLine + ": the snippet comment here is followed by a '" + info
                            + "' block, not a java block");
                }
                pending = null;
                continue;
            }
            if (SNIPPET_START.matcher(line).find()) {
                // A comment may span lines: read up to its end.
                StringBuilder comment = new StringBuilder(line);
                int start = i;
                while (!comment.toString().contains("-->") && i + 1 < lines.length) {
                    comment.append('\n').append(lines[++i]);
                }
                Matcher m = SNIPPET_COMMENT.matcher(comment);
                if (!m.find()) {
                    problems.add(page + ":" + (start + 1) + ": cannot read this snippet comment; write <!-- snippet: decl; decl -->");
                    continue;
                }
                if (pending != null) {
                    problems.add(page + ":" + pendingLine + ": the snippet comment here is not right before a java block");
                    pending = null;
                }
                String decls = asMembers(m.group(2));
                if (m.group(1) != null) {
                    context.append(decls);
                } else {
                    pending = decls;
                    pendingLine = start + 1;
                    pendingIsFresh = true;
                }
                continue;
            }
            if (!line.isBlank()) {
                pendingIsFresh = false;
            }
        }
        if (pending != null) {
            problems.add(page + ":" + pendingLine + ": the snippet comment here is not followed by a java block");
        }
        return new Extraction(blocks, problems);
    }

    /** Ends the comment's declarations with a ';' so the next ones can follow. */
    private static String asMembers(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return "";
        }
        return (t.endsWith(";") || t.endsWith("}") ? t : t + ";") + "\n";
    }

    private static String stripIndent(String line, int indent) {
        int n = 0;
        while (n < indent && n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return line.substring(n);
    }

    /** The kind of a block, from its first line of code (see the class comment). */
    static Kind kindOf(String code) {
        boolean inComment = false;
        boolean annotated = false;
        for (String line : code.split("\n")) {
            String t = line.strip();
            if (inComment) {
                inComment = !t.contains("*/");
                continue;
            }
            if (t.isEmpty() || t.startsWith("//") || t.startsWith("import ")) {
                continue;
            }
            if (t.startsWith("/*")) {
                inComment = !t.contains("*/");
                continue;
            }
            if (t.startsWith("package ")) {
                return Kind.UNIT;
            }
            String rest = t.startsWith("@interface") ? t : t.replaceFirst("^(@[\\w.]+(\\([^)]*\\))?\\s*)+", "");
            if (rest.isEmpty()) {
                annotated = true; // an annotation on a line of its own: the next line says what it annotates
                continue;
            }
            boolean columnZero = !line.isEmpty() && !Character.isWhitespace(line.charAt(0));
            if (columnZero && TYPE_DECL.matcher(rest).find()) {
                return Kind.UNIT;
            }
            if (annotated || !rest.equals(t) || MEMBER_START.matcher(t).find()) {
                return Kind.MEMBERS;
            }
            if (METHOD_HEADER.matcher(t).find() && !KEYWORDS.contains(t.split("[\\s(<]")[0])) {
                return Kind.MEMBERS;
            }
            return Kind.STATEMENTS;
        }
        return Kind.STATEMENTS;
    }

    /** Finds the project root (the folder with README.md, docs/ and the parent pom) from here. */
    static Path projectRoot() {
        List<Path> starts = new ArrayList<>();
        for (String p : new String[] {"infer4j.project.dir", "maven.multiModuleProjectDirectory", "basedir", "user.dir"}) {
            String v = System.getProperty(p);
            if (v != null && !v.isBlank()) {
                starts.add(Path.of(v).toAbsolutePath().normalize());
            }
        }
        for (Path start : starts) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs"))
                        && Files.isRegularFile(dir.resolve("pom.xml"))) {
                    return dir;
                }
            }
        }
        throw new IllegalStateException("no folder with README.md, docs/ and pom.xml above any of " + starts);
    }

    /** README.md and every Markdown page under docs/, relative to the root, sorted. */
    static List<String> pages(Path root) {
        List<String> pages = new ArrayList<>();
        pages.add("README.md");
        try (Stream<Path> walk = Files.walk(root.resolve("docs"))) {
            walk.filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p))
                    .map(p -> root.relativize(p).toString().replace(File.separatorChar, '/'))
                    .sorted()
                    .forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    static String read(Path root, String page) {
        try {
            return Files.readString(root.resolve(page), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The class path the blocks are compiled against: this test's class path without test
     * classes (a page must not compile only because of a test helper).
     */
    static List<String> libraryClassPath() {
        List<String> entries = new ArrayList<>();
        for (String prop : new String[] {"java.class.path", "jdk.module.path"}) {
            String v = System.getProperty(prop);
            if (v == null) {
                continue;
            }
            for (String e : v.split(Pattern.quote(File.pathSeparator))) {
                String n = e.replace(File.separatorChar, '/').replaceAll("/+$", "");
                String file = n.substring(n.lastIndexOf('/') + 1);
                if (e.isBlank() || file.equals("test-classes") || file.endsWith("-tests.jar") || file.startsWith("surefire")) {
                    continue;
                }
                entries.add(e);
            }
        }
        return entries;
    }

    /** The infer4j API packages found on a class path: no internal ones, not the examples. */
    static List<String> apiPackages(List<String> classPath) {
        TreeSet<String> packages = new TreeSet<>();
        for (String entry : classPath) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> f.toString().endsWith(".class"))
                            .map(f -> p.relativize(f.getParent() == null ? p : f.getParent()).toString().replace(File.separatorChar, '.'))
                            .forEach(packages::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    for (Enumeration<JarEntry> en = jar.entries(); en.hasMoreElements();) {
                        String name = en.nextElement().getName();
                        if (name.startsWith("io/infer4j/") && name.endsWith(".class") && !name.startsWith("META-INF")) {
                            packages.add(name.substring(0, name.lastIndexOf('/')).replace('/', '.'));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return packages.stream()
                .filter(pk -> pk.startsWith("io.infer4j."))
                .filter(pk -> !List.of(pk.split("\\.")).contains("internal"))
                .filter(pk -> !pk.equals("io.infer4j.examples") && !pk.startsWith("io.infer4j.examples."))
                .collect(Collectors.toList());
    }

    /** One generated source: which block it holds and where the block's first line landed. */
    private static final class Source extends SimpleJavaFileObject {
        final Block block;
        final String text;
        final int codeStartLine;     // 1-based line of the block's first line in the source
        final int declStartLine;     // first line of the declarations, 0 when none
        final int declEndLine;

        Source(String path, Block block, String text, int codeStartLine, int declStartLine, int declEndLine) {
            super(URI.create("string:///" + path), JavaFileObject.Kind.SOURCE);
            this.block = block;
            this.text = text;
            this.codeStartLine = codeStartLine;
            this.declStartLine = declStartLine;
            this.declEndLine = declEndLine;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    /**
     * Compiles the blocks in one javac run and returns, for each block, what is wrong with it
     * (an empty list when it compiled). Each problem names the page, the line and the error.
     */
    static Map<Block, List<String>> compile(List<Block> blocks, List<String> classPath, Path scratch) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this runtime (" + System.getProperty("java.home")
                    + "): the doc snippets need a JDK, not a JRE");
        }
        List<String> imports = new ArrayList<>();
        apiPackages(classPath).forEach(p -> imports.add(p + ".*"));
        imports.addAll(FIXED_IMPORTS);

        Map<Block, List<String>> problems = new LinkedHashMap<>();
        List<Source> sources = new ArrayList<>();
        for (int n = 0; n < blocks.size(); n++) {
            Block b = blocks.get(n);
            List<String> own = new ArrayList<>();
            problems.put(b, own);
            Matcher internal = INTERNAL.matcher(b.code() + b.declarations());
            if (internal.find()) {
                own.add(b.where() + ": names " + internal.group() + ", an internal package; docs show the public API only");
            }
            if (b.kind() == Kind.UNIT && b.ownDeclarations()) {
                own.add(b.page() + ":" + b.declarationLine() + ": a block that declares a top-level type is compiled as it is"
                        + " and takes no snippet declarations");
            }
            sources.add(generate(b, "docsnippet.b" + n, imports));
        }

        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            Files.createDirectories(scratch);
            List<String> options = List.of(
                    "--release", "17", "-proc:none", "-implicit:none", "-Xlint:deprecation", "-Xmaxerrs", "100000",
                    "-Xmaxwarns", "100000", "-d", scratch.toString(),
                    "-classpath", String.join(File.pathSeparator, classPath),
                    // Go on through attribution and flow analysis after an error, so every broken
                    // block is reported (by default javac stops attributing at the first error);
                    // and stop there when all is well: no class files are needed.
                    "-XDshould-stop.ifError=FLOW", "-XDshould-stop.ifNoError=FLOW");
            Boolean ok = javac.getTask(null, files, diagnostics, options, null, sources).call();
            List<String> orphans = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                boolean error = d.getKind() == Diagnostic.Kind.ERROR;
                boolean deprecation = (d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING)
                        && d.getCode() != null && d.getCode().contains("deprecat");
                if (!error && !deprecation) {
                    continue;
                }
                if (d.getSource() instanceof Source s) {
                    problems.get(s.block).add(describe(s, d));
                } else {
                    orphans.add(d.getMessage(Locale.ROOT));
                }
            }
            if (!orphans.isEmpty() || (!Boolean.TRUE.equals(ok) && problems.values().stream().allMatch(List::isEmpty))) {
                throw new IllegalStateException("javac failed outside any block: " + orphans);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return problems;
    }

    /** The page line of a diagnostic, and the line itself, then javac's message. */
    private static String describe(Source s, Diagnostic<? extends JavaFileObject> d) {
        Block b = s.block;
        long line = d.getLineNumber();
        String[] codeLines = b.code().split("\n", -1);
        String where;
        String text = "";
        long offset = line - s.codeStartLine;
        if (line >= s.codeStartLine && offset < codeLines.length) {
            where = b.page() + ":" + (b.fenceLine() + 1 + offset);
            text = codeLines[(int) offset].strip();
        } else if (s.declStartLine > 0 && line >= s.declStartLine && line <= s.declEndLine) {
            where = b.where() + " (in the snippet declarations" + (b.declarationLine() > 0 ? " of line " + b.declarationLine() : "") + ")";
            text = s.text.split("\n", -1)[(int) line - 1].strip();
        } else {
            where = b.where() + " (in the code wrapped around the " + b.kind().name().toLowerCase(Locale.ROOT) + " block)";
        }
        String kind = d.getKind() == Diagnostic.Kind.ERROR ? "error" : "deprecated";
        // javac's "location:" line names the wrapping class, which is no help on a page.
        String message = d.getMessage(Locale.ROOT).lines().map(String::strip)
                .filter(l -> !l.startsWith("location:")).collect(Collectors.joining(", "));
        return where + ": " + kind + ": " + message + (text.isEmpty() ? "" : "\n        " + text);
    }

    /** The source javac gets for a block (see the class comment for the layout). */
    private static Source generate(Block b, String pkg, List<String> implicitImports) {
        StringBuilder src = new StringBuilder();
        List<String> hoisted = new ArrayList<>();
        String code = b.code();
        String decls = b.declarations();
        Kind kind = b.kind();
        String fileName = "Snippet";

        if (kind == Kind.UNIT) {
            Matcher publicType = Pattern.compile("(?m)^(?:(?:abstract|final|sealed|non-sealed|strictfp|static)\\s+)*public\\s+"
                    + MODIFIERS + "(?:class|interface|enum|record|@interface)\\s+(\\w+)").matcher(code);
            if (publicType.find()) {
                fileName = publicType.group(1); // javac wants a public type in a file of its name
            }
            StringBuilder importText = new StringBuilder();
            implicitImports.forEach(imp -> importText.append(" import ").append(imp).append(';'));
            Matcher packageLine = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;.*$").matcher(code);
            if (packageLine.find()) {
                // The block names its package: the imports go on the end of that line, so every
                // line keeps its number.
                String text = code.substring(0, packageLine.end()) + importText + code.substring(packageLine.end());
                return new Source(packageLine.group(1).replace('.', '/') + "/" + fileName + ".java", b, text, 1, 0, 0);
            }
            String text = "package " + pkg + ";" + importText + "\n" + code;
            return new Source(pkg.replace('.', '/') + "/" + fileName + ".java", b, text, 2, 0, 0);
        }

        src.append("package ").append(pkg).append(";");
        for (String imp : implicitImports) {
            src.append(" import ").append(imp).append(";");
        }
        // Statements and members: leading import lines become imports; they are blanked in place
        // so the block's lines keep their numbers.
        String[] lines = code.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            if (t.isEmpty() || t.startsWith("//")) {
                continue;
            }
            if (IMPORT.matcher(t).matches()) {
                hoisted.add(t);
                lines[i] = "";
                continue;
            }
            break;
        }
        Matcher declImports = IMPORT.matcher(decls);
        StringBuilder plainDecls = new StringBuilder();
        int last = 0;
        while (declImports.find()) {
            hoisted.add(declImports.group());
            plainDecls.append(decls, last, declImports.start());
            last = declImports.end();
        }
        plainDecls.append(decls.substring(last));
        for (String h : hoisted) {
            src.append(' ').append(h);
        }
        src.append('\n');
        int line = 2;
        src.append("class Snippet {\n");
        line++;
        int declStart = 0;
        int declEnd = 0;
        String d = plainDecls.toString().strip();
        if (!d.isEmpty()) {
            declStart = line;
            src.append(d).append('\n');
            line += (int) d.chars().filter(c -> c == '\n').count() + 1;
            declEnd = line - 1;
        }
        if (kind == Kind.STATEMENTS) {
            src.append("void snippet() throws Exception {\n");
            line++;
        }
        int codeStart = line;
        src.append(String.join("\n", lines));
        src.append(kind == Kind.STATEMENTS ? "\n}}\n" : "\n}\n");
        return new Source(pkg.replace('.', '/') + "/Snippet.java", b, src.toString(), codeStart, declStart, declEnd);
    }

    /** Counts per page, for the report: page to number of java blocks. */
    static Map<String, Long> counts(List<String> pages, List<Block> blocks) {
        Map<String, Long> counts = new LinkedHashMap<>();
        pages.forEach(p -> counts.put(p, 0L));
        blocks.forEach(b -> counts.merge(b.page(), 1L, Long::sum));
        return counts;
    }

    /** Lines that open a java fence, counted without the parser: a cross-check of {@link #extract}. */
    static long rawJavaFences(String markdown) {
        return markdown.lines().filter(l -> l.matches(" {0,3}(```|~~~)\\s*java(\\s.*)?")).count();
    }
}
