package io.infer4j.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.opentest4j.AssertionFailedError;

/**
 * The public API of a compiled module as text, one line per member, and the check that keeps it
 * equal to the module's checked-in dump {@code api/<module>.api} (the role OkHttp's
 * {@code api/okhttp.api} and Kotlin's binary-compatibility-validator play there). Each library
 * module calls {@link #assertMatchesDump(String)} from one test; see docs/design.md, "API
 * surface".
 *
 * <p>The dump covers every public or protected type (with public or protected enclosing types)
 * in an API package: the unqualified {@code exports} of the module's {@code module-info.class}
 * when it has one, otherwise every package without an {@code internal} segment. Per type: one
 * header line (annotations that matter to callers, modifiers, kind, name, type parameters,
 * record components, supertypes, permitted subclasses), then one indented line per public or
 * protected enum constant, field (compile-time constants with their value, since callers inline
 * them), constructor and method (generic signature, throws), and per member inherited from a
 * supertype that is itself not API (so an internal base class cannot hide callable methods).
 * Nested types get their own block. Types, members and throws clauses are sorted and every name
 * is fully qualified, so the text depends on neither the JDK's reflection order nor the build.
 *
 * <p>Reflection over the module's output directory was chosen over a class-file library: it needs
 * no dependency and reports generic signatures exactly as callers see them. Only the constant
 * values come from the class files, because reading them by reflection would run static
 * initializers. japicmp was considered and not used: it compares against a previously released
 * jar, and infer4j has none yet; a checked-in dump also makes every API change visible in the
 * commit that makes it.
 */
public final class ApiDump {
    /** {@code -Dinfer4j.api.update=true} rewrites the dumps instead of comparing. */
    public static final String UPDATE_PROPERTY = "infer4j.api.update";

    /** The one command that rewrites every module's dump (fast: runs only the API tests). */
    public static final String UPDATE_COMMAND = "mvn -B -q verify -DskipFuzz -D" + UPDATE_PROPERTY + "=true";

    /** Diff lines shown in a failure before the rest is summarized. */
    private static final int MAX_DIFF_LINES = 80;

    private ApiDump() {
    }

    /**
     * Fails when the public API compiled into {@code target/classes} differs from
     * {@code api/<module>.api}, with the added and removed lines and how to update the dump; with
     * {@code -Dinfer4j.api.update=true} rewrites the dump instead. Paths are relative to the
     * working directory, which Maven's surefire sets to the module's directory.
     *
     * @param module the module's artifactId, e.g. {@code sdk-core}
     */
    public static void assertMatchesDump(String module) {
        check(module, Path.of("target", "classes"), Path.of("api", module + ".api"),
                Boolean.getBoolean(UPDATE_PROPERTY));
    }

    /** {@link #assertMatchesDump(String)} with explicit paths (for the dumper's own tests). */
    static void check(String module, Path classesDir, Path dumpFile, boolean update) {
        String actual = dump(classesDir);
        String expected = null;
        try {
            if (Files.exists(dumpFile)) {
                expected = Files.readString(dumpFile, StandardCharsets.UTF_8).replace("\r\n", "\n");
            }
            if (update) {
                if (!actual.equals(expected)) {
                    Files.createDirectories(dumpFile.toAbsolutePath().getParent());
                    Files.writeString(dumpFile, actual, StandardCharsets.UTF_8);
                }
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + dumpFile.toAbsolutePath(), e);
        }
        String where = dumpFile.toAbsolutePath().normalize().toString();
        if (expected == null) {
            throw new AssertionFailedError("The public API of " + module + " has no dump at " + where
                    + ".\nCreate it with\n  " + UPDATE_COMMAND + "\nand commit it.");
        }
        if (!actual.equals(expected)) {
            throw new AssertionFailedError("The public API of " + module + " differs from " + where
                    + ":\n" + describe(parse(expected), parse(actual))
                    + "If the change is intended, rewrite the dumps with\n  " + UPDATE_COMMAND
                    + "\nand commit them with the change (docs/design.md, \"API surface\").",
                    expected, actual);
        }
    }

    /** The dump of the classes under {@code classesDir}: the text an {@code .api} file holds. */
    public static String dump(Path classesDir) {
        return render(types(classesDir));
    }

    // ---- the model: one block per type -------------------------------------------------------

    /** One type's block: its header line and its (sorted, unique) member lines. */
    record TypeBlock(String name, String header, Set<String> members) {
    }

    static String render(List<TypeBlock> types) {
        StringBuilder out = new StringBuilder();
        for (TypeBlock t : types) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(t.header()).append('\n');
            for (String m : t.members()) {
                out.append("  ").append(m).append('\n');
            }
        }
        return out.toString();
    }

    /** Reads a dump back; lenient about blank lines so a hand-edited file still diffs well. */
    static List<TypeBlock> parse(String text) {
        List<TypeBlock> types = new ArrayList<>();
        TypeBlock current = null;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith(" ") && current != null) {
                current.members().add(line.strip());
            } else {
                current = new TypeBlock(nameInHeader(line.strip()), line.strip(), new LinkedHashSet<>());
                types.add(current);
            }
        }
        return types;
    }

    private static String nameInHeader(String header) {
        String[] tokens = header.split(" ");
        for (int i = 0; i < tokens.length - 1; i++) {
            if (Set.of("class", "interface", "enum", "record", "@interface").contains(tokens[i])) {
                String name = tokens[i + 1];
                int end = name.length();
                for (char stop : new char[] {'<', '('}) {
                    int at = name.indexOf(stop);
                    if (at >= 0) {
                        end = Math.min(end, at);
                    }
                }
                return name.substring(0, end);
            }
        }
        return header;
    }

    /** Per type, the header and member lines only one side has: "-" in the dump, "+" in the code. */
    static String describe(List<TypeBlock> expected, List<TypeBlock> actual) {
        Map<String, TypeBlock> before = byName(expected);
        Map<String, TypeBlock> after = byName(actual);
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        List<String> lines = new ArrayList<>();
        for (String name : names) {
            TypeBlock b = before.get(name);
            TypeBlock a = after.get(name);
            List<String> diff = new ArrayList<>();
            if (b == null || a == null || !b.header().equals(a.header())) {
                if (b != null) {
                    diff.add("    - " + b.header());
                }
                if (a != null) {
                    diff.add("    + " + a.header());
                }
            }
            Set<String> was = b == null ? Set.of() : b.members();
            Set<String> now = a == null ? Set.of() : a.members();
            for (String m : was) {
                if (!now.contains(m)) {
                    diff.add("    -   " + m);
                }
            }
            for (String m : now) {
                if (!was.contains(m)) {
                    diff.add("    +   " + m);
                }
            }
            if (!diff.isEmpty()) {
                lines.add("  " + name + (b == null ? " (new type)" : a == null ? " (type removed)" : ""));
                lines.addAll(diff);
            }
        }
        if (lines.isEmpty()) {
            return "  (same members, but the file is not in the dumper's format or order)\n";
        }
        StringBuilder out = new StringBuilder();
        lines.stream().limit(MAX_DIFF_LINES).forEach(l -> out.append(l).append('\n'));
        if (lines.size() > MAX_DIFF_LINES) {
            out.append("  ... and ").append(lines.size() - MAX_DIFF_LINES)
                    .append(" more lines (update the dump and see them with git diff)\n");
        }
        return out.toString();
    }

    private static Map<String, TypeBlock> byName(List<TypeBlock> types) {
        Map<String, TypeBlock> map = new TreeMap<>();
        types.forEach(t -> map.merge(t.name(), t, (x, y) -> {
            Set<String> both = new LinkedHashSet<>(x.members());
            both.addAll(y.members());
            return new TypeBlock(x.name(), x.header(), both);
        }));
        return map;
    }

    // ---- reading the classes -----------------------------------------------------------------

    static List<TypeBlock> types(Path classesDir) {
        if (!Files.isDirectory(classesDir)) {
            throw new IllegalStateException("no compiled classes at " + classesDir.toAbsolutePath()
                    + " (run the dump after compiling)");
        }
        Predicate<String> apiPackage = apiPackages(classesDir);
        // Parent first: a module's own classes are already on the test class path and load from
        // there; classes only in classesDir (the dumper's fixtures) load from it.
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classesDir.toUri().toURL()},
                Thread.currentThread().getContextClassLoader());
                Stream<Path> files = Files.walk(classesDir)) {
            List<String> names = files
                    .map(p -> classesDir.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.endsWith(".class") && !p.endsWith("module-info.class")
                            && !p.endsWith("package-info.class"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
                    .filter(n -> apiPackage.test(packageOf(n)))
                    .sorted()
                    .collect(Collectors.toList());
            Dumper dumper = new Dumper(classesDir, loader, apiPackage);
            List<TypeBlock> types = new ArrayList<>();
            for (String name : names) {
                Class<?> c = Class.forName(name, false, loader);
                if (dumper.isApi(c)) {
                    types.add(dumper.block(c));
                }
            }
            types.sort(Comparator.comparing(TypeBlock::name));
            return types;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + classesDir.toAbsolutePath(), e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot load " + e.getMessage() + " from " + classesDir, e);
        }
    }

    /** Unqualified exports of module-info.class, or else: no package segment named internal. */
    private static Predicate<String> apiPackages(Path classesDir) {
        Path moduleInfo = classesDir.resolve("module-info.class");
        if (Files.exists(moduleInfo)) {
            try (InputStream in = Files.newInputStream(moduleInfo)) {
                Set<String> exported = ModuleDescriptor.read(in).exports().stream()
                        .filter(e -> !e.isQualified())
                        .map(ModuleDescriptor.Exports::source)
                        .collect(Collectors.toSet());
                return exported::contains;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + moduleInfo, e);
            }
        }
        return pkg -> !isInternal(pkg);
    }

    private static boolean isInternal(String pkg) {
        return Arrays.asList(pkg.split("\\.")).contains("internal");
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    /** Renders types and members; one per dump, since it caches class-file constants. */
    private static final class Dumper {
        private static final int TYPE_MODIFIERS = Modifier.PUBLIC | Modifier.PROTECTED | Modifier.ABSTRACT
                | Modifier.STATIC | Modifier.FINAL;
        private static final int MEMBER_MODIFIERS = Modifier.PUBLIC | Modifier.PROTECTED
                | Modifier.ABSTRACT | Modifier.STATIC | Modifier.FINAL;

        private final Path classesDir;
        private final ClassLoader loader;
        private final Predicate<String> apiPackage;

        Dumper(Path classesDir, ClassLoader loader, Predicate<String> apiPackage) {
            this.classesDir = classesDir;
            this.loader = loader;
            this.apiPackage = apiPackage;
        }

        /** Public or protected all the way out, not synthetic, anonymous or local, API package. */
        boolean isApi(Class<?> c) {
            return isVisibleAllTheWayOut(c) && apiPackage.test(c.getPackageName());
        }

        private static boolean isVisibleAllTheWayOut(Class<?> c) {
            if (c.isSynthetic() || c.isAnonymousClass() || c.isLocalClass()) {
                return false;
            }
            for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
                if (!isVisible(k.getModifiers())) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Whether a supertype's members show up in a block of their own: ours when API, a JDK or
         * library type when its module exports it (by name, for a library on the class path).
         */
        private boolean isDumpedElsewhere(Class<?> s) {
            if (!isVisibleAllTheWayOut(s)) {
                return false;
            }
            if (Files.exists(classesDir.resolve(resource(s)))) {
                return apiPackage.test(s.getPackageName());
            }
            Module module = s.getModule();
            return module.isNamed() ? module.isExported(s.getPackageName()) : !isInternal(s.getPackageName());
        }

        TypeBlock block(Class<?> c) {
            List<Member> members = new ArrayList<>();
            Map<String, Object> constants = ClassFileConstants.read(loader, c);
            boolean finalType = Modifier.isFinal(c.getModifiers()) || c.isRecord() || c.isEnum();
            for (Field f : c.getDeclaredFields()) {
                if (f.isEnumConstant()) {
                    members.add(new Member(0, f.getName(), "enum constant " + f.getName()));
                } else if (isVisible(f.getModifiers()) && !f.isSynthetic()) {
                    members.add(new Member(1, f.getName(), field(f, constants)));
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (isVisible(k.getModifiers()) && !k.isSynthetic()) {
                    members.add(new Member(2, "", constructor(k)));
                }
            }
            Set<String> declared = new HashSet<>();
            for (Method m : c.getDeclaredMethods()) {
                if (isVisible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                    members.add(new Member(3, m.getName(), method(m, finalType)));
                    declared.add(m.getName() + Arrays.toString(m.getParameterTypes()));
                }
            }
            for (Class<?> hidden : hiddenSupertypes(c)) {
                String from = " (from " + name(hidden) + ")";
                Map<String, Object> hiddenConstants = ClassFileConstants.read(loader, hidden);
                for (Field f : hidden.getDeclaredFields()) {
                    if (isVisible(f.getModifiers()) && !f.isSynthetic()) {
                        members.add(new Member(4, f.getName(), field(f, hiddenConstants) + from));
                    }
                }
                for (Method m : hidden.getDeclaredMethods()) {
                    // Static methods of interfaces are not inherited; overridden ones are listed above.
                    boolean inherited = !(hidden.isInterface() && Modifier.isStatic(m.getModifiers()));
                    boolean overridden = !declared.add(m.getName() + Arrays.toString(m.getParameterTypes()));
                    if (isVisible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge() && inherited
                            && !overridden) {
                        members.add(new Member(5, m.getName(), method(m, false) + from));
                    }
                }
            }
            Set<String> lines = members.stream()
                    .sorted(Comparator.comparingInt(Member::order).thenComparing(Member::name)
                            .thenComparing(Member::line))
                    .map(Member::line)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            return new TypeBlock(name(c), header(c), lines);
        }

        /** Sorted by kind (constants, fields, constructors, methods, inherited), then name. */
        private record Member(int order, String name, String line) {
        }

        /** Supertypes whose members callers reach only through c: walk up until an API type. */
        private List<Class<?>> hiddenSupertypes(Class<?> c) {
            List<Class<?>> hidden = new ArrayList<>();
            Set<Class<?>> seen = new HashSet<>();
            Deque<Class<?>> todo = new ArrayDeque<>(directSupertypes(c));
            while (!todo.isEmpty()) {
                Class<?> s = todo.removeFirst();
                if (s == Object.class || !seen.add(s) || isDumpedElsewhere(s)) {
                    continue;
                }
                hidden.add(s);
                todo.addAll(directSupertypes(s));
            }
            return hidden;
        }

        private static List<Class<?>> directSupertypes(Class<?> c) {
            List<Class<?>> all = new ArrayList<>();
            if (c.getSuperclass() != null) {
                all.add(c.getSuperclass());
            }
            all.addAll(Arrays.asList(c.getInterfaces()));
            return all;
        }

        private String header(Class<?> c) {
            StringBuilder h = new StringBuilder(annotations(c));
            int mods = c.getModifiers() & TYPE_MODIFIERS;
            String kind;
            if (c.isAnnotation()) {
                kind = "@interface";
                mods &= ~(Modifier.ABSTRACT | Modifier.STATIC);
            } else if (c.isInterface()) {
                kind = "interface";
                mods &= ~(Modifier.ABSTRACT | Modifier.STATIC);
            } else if (c.isEnum()) {
                kind = "enum";
                mods &= ~(Modifier.ABSTRACT | Modifier.STATIC | Modifier.FINAL);
            } else if (c.isRecord()) {
                kind = "record";
                mods &= ~(Modifier.STATIC | Modifier.FINAL);
            } else {
                kind = "class";
            }
            h.append(modifiers(mods));
            // An enum whose constants have bodies is implicitly sealed; its permits are anonymous.
            boolean sealed = c.isSealed() && !c.isEnum();
            if (sealed) {
                h.append("sealed ");
            } else if (!Modifier.isFinal(c.getModifiers()) && !c.isEnum() && !c.isRecord()
                    && directSupertypes(c).stream().anyMatch(Class::isSealed)) {
                h.append("non-sealed ");
            }
            h.append(kind).append(' ').append(name(c)).append(typeParameters(c.getTypeParameters()).strip());
            if (c.isRecord()) {
                h.append(Arrays.stream(c.getRecordComponents())
                        .map(r -> type(r.getGenericType()) + " " + r.getName())
                        .collect(Collectors.joining(", ", "(", ")")));
            }
            Type superclass = c.getGenericSuperclass();
            if (superclass != null && superclass != Object.class && !c.isEnum() && !c.isRecord()) {
                h.append(" extends ").append(type(superclass));
            }
            List<String> interfaces = Arrays.stream(c.getGenericInterfaces())
                    .filter(i -> !(c.isAnnotation() && i == Annotation.class))
                    .map(Dumper::type)
                    .sorted()
                    .collect(Collectors.toList());
            if (!interfaces.isEmpty()) {
                h.append(c.isInterface() ? " extends " : " implements ").append(String.join(", ", interfaces));
            }
            if (sealed) {
                h.append(Arrays.stream(c.getPermittedSubclasses()).map(Dumper::name).sorted()
                        .collect(Collectors.joining(", ", " permits ", "")));
            }
            return h.toString();
        }

        private static String field(Field f, Map<String, Object> constants) {
            String line = annotations(f) + modifiers(f.getModifiers() & MEMBER_MODIFIERS)
                    + type(f.getGenericType()) + " " + f.getName();
            boolean constant = Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers());
            Object value = constants.get(f.getName());
            return constant && value != null ? line + " = " + constant(value, f.getType()) : line;
        }

        private static String constructor(Constructor<?> k) {
            return annotations(k) + modifiers(k.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED))
                    + typeParameters(k.getTypeParameters()) + k.getDeclaringClass().getSimpleName()
                    + parameters(k) + throwsClause(k);
        }

        private static String method(Method m, boolean inFinalType) {
            int mods = m.getModifiers() & MEMBER_MODIFIERS;
            if (inFinalType) {
                mods &= ~Modifier.FINAL;
            }
            String visibility = modifiers(mods & (Modifier.PUBLIC | Modifier.PROTECTED));
            String rest = modifiers(mods & ~(Modifier.PUBLIC | Modifier.PROTECTED));
            String line = annotations(m) + visibility + (m.isDefault() ? "default " : "") + rest
                    + typeParameters(m.getTypeParameters()) + type(m.getGenericReturnType()) + " "
                    + m.getName() + parameters(m) + throwsClause(m);
            Object defaultValue = m.getDefaultValue();
            return defaultValue == null ? line : line + " default " + annotationValue(defaultValue);
        }

        private static String parameters(Executable e) {
            Class<?>[] raw = e.getParameterTypes();
            Type[] generic = e.getGenericParameterTypes();
            // An inner class's constructor takes the outer instance first. Whether the generic
            // signature includes it depends on the compiler, so it is always shown erased.
            int missing = raw.length - generic.length;
            Class<?> owner = e.getDeclaringClass();
            int outer = e instanceof Constructor<?> && owner.isMemberClass()
                    && !Modifier.isStatic(owner.getModifiers()) && !owner.isInterface() ? 1 : 0;
            List<String> params = new ArrayList<>();
            for (int i = 0; i < raw.length; i++) {
                params.add(type(i < Math.max(missing, outer) ? raw[i] : generic[i - missing]));
            }
            if (e.isVarArgs() && !params.isEmpty()) {
                String last = params.remove(params.size() - 1);
                params.add(last.substring(0, last.length() - 2) + "...");
            }
            return params.stream().collect(Collectors.joining(", ", "(", ")"));
        }

        private static String throwsClause(Executable e) {
            Type[] thrown = e.getGenericExceptionTypes();
            return thrown.length == 0 ? "" : Arrays.stream(thrown).map(Dumper::type).sorted()
                    .collect(Collectors.joining(", ", " throws ", ""));
        }

        /** Only @Deprecated: the one annotation that changes what a caller is told. */
        private static String annotations(java.lang.reflect.AnnotatedElement e) {
            Deprecated d = e.getAnnotation(Deprecated.class);
            if (d == null) {
                return "";
            }
            return "@java.lang.Deprecated" + (d.forRemoval() ? "(forRemoval=true) " : " ");
        }

        private static String modifiers(int mods) {
            String text = Modifier.toString(mods);
            return text.isEmpty() ? "" : text + " ";
        }

        private static boolean isVisible(int mods) {
            return Modifier.isPublic(mods) || Modifier.isProtected(mods);
        }

        private static String typeParameters(TypeVariable<?>[] vars) {
            if (vars.length == 0) {
                return "";
            }
            return Arrays.stream(vars).map(v -> {
                List<String> bounds = Arrays.stream(v.getBounds()).filter(b -> b != Object.class)
                        .map(Dumper::type).collect(Collectors.toList());
                return bounds.isEmpty() ? v.getName() : v.getName() + " extends " + String.join(" & ", bounds);
            }).collect(Collectors.joining(", ", "<", "> "));
        }

        static String type(Type t) {
            if (t instanceof Class<?> c) {
                return c.isArray() ? type(c.getComponentType()) + "[]" : name(c);
            }
            if (t instanceof ParameterizedType p) {
                Class<?> raw = (Class<?>) p.getRawType();
                String base = p.getOwnerType() instanceof ParameterizedType owner
                        ? type(owner) + "." + raw.getSimpleName() : name(raw);
                return base + Arrays.stream(p.getActualTypeArguments()).map(Dumper::type)
                        .collect(Collectors.joining(", ", "<", ">"));
            }
            if (t instanceof TypeVariable<?> v) {
                return v.getName();
            }
            if (t instanceof WildcardType w) {
                if (w.getLowerBounds().length > 0) {
                    return "? super " + type(w.getLowerBounds()[0]);
                }
                Type upper = w.getUpperBounds()[0];
                return upper == Object.class ? "?" : "? extends " + type(upper);
            }
            if (t instanceof GenericArrayType g) {
                return type(g.getGenericComponentType()) + "[]";
            }
            throw new IllegalArgumentException("unexpected type " + t);
        }

        static String name(Class<?> c) {
            String canonical = c.getCanonicalName();
            return canonical != null ? canonical : c.getName();
        }

        private static String resource(Class<?> c) {
            return c.getName().replace('.', '/') + ".class";
        }

        private static String constant(Object value, Class<?> type) {
            if (type == boolean.class) {
                return ((Integer) value) != 0 ? "true" : "false";
            }
            if (type == char.class) {
                return "'" + escape(String.valueOf((char) ((Integer) value).intValue()), '\'') + "'";
            }
            if (value instanceof String s) {
                return "\"" + escape(s, '"') + "\"";
            }
            if (value instanceof Long l) {
                return l + "L";
            }
            if (value instanceof Float f) {
                return decimal(f.doubleValue()) + "f";
            }
            if (value instanceof Double d) {
                return decimal(d);
            }
            return String.valueOf(value);
        }

        /** The exact decimal value: Double.toString's digits changed in JDK 19, this never does. */
        private static String decimal(double d) {
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return String.valueOf(d);
            }
            return new BigDecimal(d).toString();
        }

        private static String escape(String s, char quote) {
            StringBuilder out = new StringBuilder();
            for (char ch : s.toCharArray()) {
                if (ch == quote || ch == '\\') {
                    out.append('\\').append(ch);
                } else if (ch == '\n') {
                    out.append("\\n");
                } else if (ch == '\t') {
                    out.append("\\t");
                } else if (ch == '\r') {
                    out.append("\\r");
                } else if (ch < 0x20 || ch > 0x7e) {
                    out.append(String.format("\\u%04x", (int) ch));
                } else {
                    out.append(ch);
                }
            }
            return out.toString();
        }

        private static String annotationValue(Object v) {
            if (v instanceof String s) {
                return "\"" + escape(s, '"') + "\"";
            }
            if (v instanceof Character ch) {
                return "'" + escape(String.valueOf(ch), '\'') + "'";
            }
            if (v instanceof Class<?> c) {
                return type(c) + ".class";
            }
            if (v instanceof Enum<?> e) {
                return name(e.getDeclaringClass()) + "." + e.name();
            }
            if (v instanceof Annotation a) {
                return "@" + name(a.annotationType());
            }
            if (v instanceof Long l) {
                return l + "L";
            }
            if (v instanceof Float f) {
                return decimal(f.doubleValue()) + "f";
            }
            if (v instanceof Double d) {
                return decimal(d);
            }
            if (v.getClass().isArray()) {
                List<String> items = new ArrayList<>();
                for (int i = 0; i < Array.getLength(v); i++) {
                    items.add(annotationValue(Array.get(v, i)));
                }
                return items.stream().collect(Collectors.joining(", ", "{", "}"));
            }
            return String.valueOf(v);
        }
    }
}
