package io.camelot.pool.manager;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start another camelot JVM from this one: the same java binary and class path, the CLI's
 * main class, a small heap (WKMs and WPs keep no store), and this JVM's start-up cache if it has one.
 */
public record JavaLauncher(String java, String classPath, String mainClass, List<String> jvmFlags) {

    public static JavaLauncher ofThisJvm(String mainClass) {
        List<String> flags = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC"));
        flags.addAll(startupCache(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        return new JavaLauncher(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                System.getProperty("java.class.path"),
                mainClass,
                List.copyOf(flags));
    }

    /**
     * The class-data cache among a JVM's flags (the {@code camelot} script's AOT cache or CDS archive,
     * and its logging switched off): it fits a child too, which runs the same JDK on the same class
     * path, and saves it the same class loading.
     */
    static List<String> startupCache(List<String> jvmFlags) {
        return jvmFlags.stream()
                .filter(flag -> flag.startsWith("-XX:AOTCache=")
                        || flag.startsWith("-XX:SharedArchiveFile=")
                        || flag.startsWith("-Xlog:aot")
                        || flag.startsWith("-Xlog:cds"))
                .toList();
    }

    public List<String> command(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
