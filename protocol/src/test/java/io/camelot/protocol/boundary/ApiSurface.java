package io.camelot.protocol.boundary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Reads a module's compiled main classes to check its API boundary: which types its public
 * signatures expose, and which classes its code refers to at all. Shared with other modules'
 * boundary tests through protocol's test jar.
 */
public final class ApiSurface {
    private final Path classesDir;

    private ApiSurface(Path classesDir) {
        this.classesDir = classesDir;
    }

    /** The compiled classes directory (or jar's classes) that {@code anchor} was loaded from. */
    public static ApiSurface of(Class<?> anchor) {
        try {
            return new ApiSurface(Path.of(
                    anchor.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every class file of the module, as a class, loaded without initialising it. */
    public List<Class<?>> classes() {
        try (Stream<Path> files = Files.walk(classesDir)) {
            return files.filter(f -> f.toString().endsWith(".class")
                            && !f.getFileName().toString().endsWith("-info.class"))
                    .map(this::load)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Classes of the module whose bytecode names a class under {@code packagePrefix} (dotted): class
     * names sit in the constant pool in internal form, so this sees private code and method bodies
     * that reflection cannot.
     */
    public List<String> referencing(String packagePrefix) {
        byte[] needle = packagePrefix.replace('.', '/').getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(classesDir)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .filter(f -> contains(read(f), needle))
                    .map(f -> classesDir.relativize(f).toString())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A type named by a public signature: where ("Owner.member") and which. */
    public record Exposure(String at, Class<?> type) {
        @Override
        public String toString() {
            return at + " exposes " + type.getName();
        }
    }

    /**
     * Where the public signatures of the exported types among {@code types} name a type {@code
     * allowed} refuses.
     */
    public static List<Exposure> leaks(List<Class<?>> types, Predicate<Class<?>> allowed) {
        List<Exposure> leaks = new ArrayList<>();
        for (Class<?> type : types) {
            if (!exported(type)) {
                continue;
            }
            check(type.getName(), type.getGenericSuperclass(), allowed, leaks);
            for (Type each : type.getGenericInterfaces()) {
                check(type.getName(), each, allowed, leaks);
            }
            for (Field field : type.getDeclaredFields()) {
                if (visible(field)) {
                    check(where(field), field.getGenericType(), allowed, leaks);
                }
            }
            List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredConstructors()));
            executables.addAll(List.of(type.getDeclaredMethods()));
            for (Executable executable : executables) {
                if (!visible(executable) || executable.isSynthetic()) {
                    continue;
                }
                String at = where(executable);
                if (executable instanceof Method method) {
                    check(at, method.getGenericReturnType(), allowed, leaks);
                }
                for (Type each : executable.getGenericParameterTypes()) {
                    check(at, each, allowed, leaks);
                }
                for (Type each : executable.getGenericExceptionTypes()) {
                    check(at, each, allowed, leaks);
                }
            }
        }
        return leaks;
    }

    /** Visible outside its package: public, and nested (if at all) only in exported types. */
    public static boolean exported(Class<?> type) {
        return Modifier.isPublic(type.getModifiers())
                && (type.getDeclaringClass() == null || exported(type.getDeclaringClass()));
    }

    private static boolean visible(Member member) {
        int modifiers = member.getModifiers();
        boolean extensible = !Modifier.isFinal(member.getDeclaringClass().getModifiers());
        return Modifier.isPublic(modifiers) || (extensible && Modifier.isProtected(modifiers));
    }

    private static String where(Member member) {
        return member.getDeclaringClass().getName() + "." + member.getName();
    }

    private static void check(String at, Type type, Predicate<Class<?>> allowed, List<Exposure> leaks) {
        for (Class<?> named : named(type, new HashSet<>())) {
            if (!allowed.test(named)) {
                leaks.add(new Exposure(at, named));
            }
        }
    }

    /** The classes a generic type names, through arrays, type arguments and bounds. */
    private static Set<Class<?>> named(Type type, Set<Type> seen) {
        Set<Class<?>> classes = new HashSet<>();
        if (type == null || !seen.add(type)) {
            return classes;
        }
        switch (type) {
            case Class<?> c when c.isArray() -> classes.addAll(named(c.getComponentType(), seen));
            case Class<?> c when !c.isPrimitive() -> classes.add(c);
            case ParameterizedType p -> {
                classes.addAll(named(p.getRawType(), seen));
                for (Type argument : p.getActualTypeArguments()) {
                    classes.addAll(named(argument, seen));
                }
            }
            case GenericArrayType a -> classes.addAll(named(a.getGenericComponentType(), seen));
            case WildcardType w -> {
                for (Type bound : w.getUpperBounds()) {
                    classes.addAll(named(bound, seen));
                }
                for (Type bound : w.getLowerBounds()) {
                    classes.addAll(named(bound, seen));
                }
            }
            case TypeVariable<?> v -> {
                for (Type bound : v.getBounds()) {
                    classes.addAll(named(bound, seen));
                }
            }
            default -> {}
        }
        return classes;
    }

    private Class<?> load(Path classFile) {
        String relative = classesDir.relativize(classFile).toString();
        String name =
                relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
        try {
            return Class.forName(name, false, ApiSurface.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
