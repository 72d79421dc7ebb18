import com.dylibso.chicory.wabt.Wat2Wasm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Build step: assembles every {@code <name>.wat} in the source directory into {@code <name>.wasm}
 * and lists the names in {@code catalog.txt}, the built-in WASM catalog. Run as a single-file
 * program by the build, on the wabt classpath.
 */
public final class AssembleWat {
  public static void main(String[] args) throws IOException {
    Path sources = Path.of(args[0]);
    Path target = Path.of(args[1]);
    Files.createDirectories(target);
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(sources)) {
      for (Path wat : files.filter(f -> f.toString().endsWith(".wat")).sorted().toList()) {
        String name = wat.getFileName().toString().replaceFirst("\\.wat$", "");
        Files.write(target.resolve(name + ".wasm"), Wat2Wasm.parse(wat.toFile()));
        names.add(name);
      }
    }
    Files.write(target.resolve("catalog.txt"), names);
    System.out.println("Assembled " + names.size() + " WASM modules: " + names);
  }
}
