package io.infer4j.testsupport;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.JavaTypeVariable;
import com.tngtech.archunit.core.domain.ThrowsDeclaration;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The module-boundary rules of docs/design.md, checked on compiled classes. module-info makes the
 * JVM enforce them on the module path; tests, examples and most applications run on the class
 * path, where a qualified export restricts nothing, so every module's {@code ModuleBoundaryTest}
 * runs these checks on its own main classes:
 *
 * <ol>
 *   <li>a library module's descriptor exports every API package and no {@code internal} package
 *       to everyone ({@link #assertDescriptorExportsTheApi});</li>
 *   <li>no public or protected signature of an API type names an {@code internal} type
 *       ({@link #assertApiNamesNoInternalType});</li>
 *   <li>code uses another infer4j module's package only where that module's descriptor exports it
 *       to the user, which for class-path code (examples, benchmarks) means unqualified exports
 *       only ({@link #assertUsesOnlyWhatIsExportedTo});</li>
 *   <li>the value types of an {@code X.model} package do not call {@code X.internal}, which
 *       builds them ({@link #assertModelsStayBelowInternals}).</li>
 * </ol>
 */
public final class ModuleBoundaries {
    private static final Pattern INTERNAL = Pattern.compile("(^|\\.)internal(\\.|$)");
    private static final Pattern MODEL = Pattern.compile("^(.*)\\.model(\\..*)?$");

    private static List<ModuleDescriptor> onClassPath;

    private ModuleBoundaries() {
    }

    /** The main classes of the module (build output directory or jar) that holds {@code anchor}. */
    public static JavaClasses classesBeside(Class<?> anchor) {
        return new ClassFileImporter().importUrl(codeSource(anchor));
    }

    /**
     * The descriptor of the module that holds {@code anchor}, with its packages, or empty for
     * class-path code (examples, benchmarks).
     */
    public static Optional<ModuleDescriptor> descriptorBeside(Class<?> anchor) {
        return descriptorAt(root(codeSource(anchor)));
    }

    /** Rule 1: the descriptor exports exactly the API packages to everyone. */
    public static void assertDescriptorExportsTheApi(ModuleDescriptor module) {
        Map<String, ModuleDescriptor.Exports> exports = new HashMap<>();
        module.exports().forEach(e -> exports.put(e.source(), e));
        List<String> problems = new ArrayList<>();
        for (String pkg : new TreeSet<>(module.packages())) {
            ModuleDescriptor.Exports e = exports.get(pkg);
            if (isInternal(pkg)) {
                if (e != null && !e.isQualified()) {
                    problems.add(pkg + " is internal but exported to everyone (export it \"to\" the modules that need it)");
                }
            } else if (e == null || e.isQualified()) {
                problems.add(pkg + " is API but " + (e == null ? "not exported" : "exported only to " + e.targets())
                        + " (add \"exports " + pkg + ";\" to module-info.java)");
            }
        }
        report(module.name() + "'s module-info.java", problems);
    }

    /** Rule 2: public and protected signatures of API types mention no internal type. */
    public static void assertApiNamesNoInternalType(JavaClasses classes) {
        List<String> problems = new ArrayList<>();
        for (JavaClass c : classes) {
            if (isInternal(c.getPackageName()) || !isVisibleOutsideItsPackage(c)) {
                continue;
            }
            c.getSuperclass().ifPresent(t -> check(problems, c.getName() + " extends", t));
            c.getInterfaces().forEach(t -> check(problems, c.getName() + " implements", t));
            c.getTypeParameters().forEach(v -> checkVariable(problems, c.getName() + " type parameter", v));
            for (JavaField f : c.getFields()) {
                if (visible(f.getModifiers())) {
                    check(problems, "field " + f.getFullName(), f.getType());
                }
            }
            for (JavaCodeUnit m : c.getCodeUnits()) {
                if (!visible(m.getModifiers()) || m.getModifiers().contains(JavaModifier.SYNTHETIC)
                        || m.getModifiers().contains(JavaModifier.BRIDGE)) {
                    continue;
                }
                String where = m.getFullName();
                check(problems, where + " returns", m.getReturnType());
                m.getParameterTypes().forEach(t -> check(problems, where + " takes", t));
                m.getTypeParameters().forEach(v -> checkVariable(problems, where + " type parameter", v));
                for (ThrowsDeclaration<?> t : m.getThrowsClause()) {
                    check(problems, where + " throws", t.getRawType());
                }
            }
        }
        report("API signatures", problems);
    }

    /**
     * Rule 3: every use of another infer4j module's package is exported to {@code user} (a module
     * name, or {@code null} for class-path code, which sees unqualified exports only). The other
     * modules' descriptors are read from the class path of the test.
     */
    public static void assertUsesOnlyWhatIsExportedTo(JavaClasses classes, String user) {
        assertUsesOnlyWhatIsExportedTo(classes, user, infer4jModulesOnClassPath());
    }

    /** Rule 3 against the given descriptors (the ones a test found, or made up). */
    public static void assertUsesOnlyWhatIsExportedTo(JavaClasses classes, String user, Collection<ModuleDescriptor> modules) {
        Map<String, ModuleDescriptor> owner = new HashMap<>();
        modules.forEach(m -> m.packages().forEach(p -> owner.put(p, m)));
        Set<String> problems = new TreeSet<>();
        for (JavaClass c : classes) {
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String pkg = d.getTargetClass().getBaseComponentType().getPackageName();
                ModuleDescriptor m = owner.get(pkg);
                if (m == null) {
                    if (pkg.startsWith("io.infer4j.") && !isOwn(classes, pkg)) {
                        problems.add(c.getName() + " uses " + pkg + ", which no infer4j module descriptor on the class path holds");
                    }
                    continue;
                }
                if (m.name().equals(user)) {
                    continue;
                }
                boolean exported = m.exports().stream().anyMatch(e -> e.source().equals(pkg)
                        && (!e.isQualified() || (user != null && e.targets().contains(user))));
                if (!exported) {
                    problems.add(c.getName() + " uses " + pkg + ", which " + m.name() + " does not export to "
                            + (user == null ? "class-path code" : user));
                }
            }
        }
        report((user == null ? "class-path code" : user) + "'s use of other modules", new ArrayList<>(problems));
    }

    /** Rule 4: {@code X.model} never depends on {@code X.internal} (which decodes into it). */
    public static void assertModelsStayBelowInternals(JavaClasses classes) {
        Set<String> problems = new TreeSet<>();
        for (JavaClass c : classes) {
            Matcher model = MODEL.matcher(c.getPackageName());
            if (!model.matches()) {
                continue;
            }
            String internal = model.group(1) + ".internal";
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String pkg = d.getTargetClass().getBaseComponentType().getPackageName();
                if (pkg.equals(internal) || pkg.startsWith(internal + ".")) {
                    problems.add(c.getName() + " uses " + d.getTargetClass().getName());
                }
            }
        }
        report("model packages", new ArrayList<>(problems));
    }

    /** The io.infer4j module descriptors visible to this test (each sibling's build output or jar). */
    public static synchronized List<ModuleDescriptor> infer4jModulesOnClassPath() {
        if (onClassPath == null) {
            onClassPath = List.copyOf(findInfer4jModules());
        }
        return onClassPath;
    }

    private static List<ModuleDescriptor> findInfer4jModules() {
        List<ModuleDescriptor> found = new ArrayList<>();
        try {
            for (URL url : Collections.list(ModuleBoundaries.class.getClassLoader().getResources("module-info.class"))) {
                if (!"file".equals(url.getProtocol()) && !"jar".equals(url.getProtocol())) {
                    continue; // jrt: the JDK's own modules
                }
                descriptorAt(root(url)).filter(d -> d.name().startsWith("io.infer4j.")).ifPresent(found::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static boolean isOwn(JavaClasses classes, String pkg) {
        return classes.containPackage(pkg);
    }

    private static void check(List<String> problems, String where, JavaType type) {
        for (JavaClass raw : type.getAllInvolvedRawTypes()) {
            if (isInternal(raw.getBaseComponentType().getPackageName())) {
                problems.add(where + " " + raw.getName());
            }
        }
    }

    private static void check(List<String> problems, String where, JavaClass raw) {
        if (isInternal(raw.getBaseComponentType().getPackageName())) {
            problems.add(where + " " + raw.getName());
        }
    }

    private static void checkVariable(List<String> problems, String where, JavaTypeVariable<?> v) {
        v.getBounds().forEach(b -> check(problems, where + " " + v.getName() + " bound", b));
    }

    private static boolean isInternal(String pkg) {
        return INTERNAL.matcher(pkg).find();
    }

    private static boolean visible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }

    /** Public (or protected, when nested) all the way out: a user can name it. */
    private static boolean isVisibleOutsideItsPackage(JavaClass c) {
        if (!visible(c.getModifiers()) || c.getModifiers().contains(JavaModifier.SYNTHETIC)) {
            return false;
        }
        return c.getEnclosingClass().map(ModuleBoundaries::isVisibleOutsideItsPackage).orElse(true);
    }

    private static void report(String what, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new AssertionError(what + " break the module boundaries (docs/design.md, \"Module boundaries\"):\n  "
                    + String.join("\n  ", problems));
        }
    }

    private static URL codeSource(Class<?> anchor) {
        return anchor.getProtectionDomain().getCodeSource().getLocation();
    }

    /** The class-path root (directory or jar) a resource or code-source URL belongs to. */
    private static Path root(URL url) {
        try {
            if ("jar".equals(url.getProtocol())) {
                return Paths.get(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
            }
            Path p = Paths.get(url.toURI());
            return p.getFileName() != null && p.getFileName().toString().equals("module-info.class") ? p.getParent() : p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(url.toString(), e);
        }
    }

    /** The explicit module at {@code root}, packages included (ModuleFinder scans for them). */
    private static Optional<ModuleDescriptor> descriptorAt(Path root) {
        boolean hasDescriptor = root.toFile().isDirectory() ? root.resolve("module-info.class").toFile().isFile()
                : hasRootDescriptor(root);
        if (!hasDescriptor) {
            return Optional.empty();
        }
        return ModuleFinder.of(root).findAll().stream().findFirst().map(ModuleReference::descriptor);
    }

    private static boolean hasRootDescriptor(Path jar) {
        try (java.util.jar.JarFile f = new java.util.jar.JarFile(jar.toFile())) {
            return f.getEntry("module-info.class") != null;
        } catch (IOException e) {
            return false;
        }
    }
}
