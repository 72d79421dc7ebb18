package io.camelot.pool.manager;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start another camelot JVM from this one: the same java binary and class path, the CLI's
 * main class, and a small heap (WKMs and WPs keep no store).
 */
public record JavaLauncher(String java, String classPath, String mainClass, List<String> jvmFlags) {

    public static JavaLauncher ofThisJvm(String mainClass) {
        return new JavaLauncher(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                System.getProperty("java.class.path"),
                mainClass,
                List.of("-Xmx256m", "-XX:+UseSerialGC"));
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
