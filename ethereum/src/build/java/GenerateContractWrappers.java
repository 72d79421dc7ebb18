import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.web3j.codegen.SolidityFunctionWrapperGenerator;

/**
 * Runs web3j's wrapper generator once for each {@code <Contract>.abi}/{@code .bin} pair in a directory. The build
 * (ethereum/pom.xml) runs this file with the java source launcher, so the default build needs only a JDK.
 */
final class GenerateContractWrappers {
    private GenerateContractWrappers() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException(
                    "usage: GenerateContractWrappers <contracts dir> <output dir> <package>");
        }
        Path contracts = Path.of(args[0]);
        List<Path> abis;
        try (Stream<Path> files = Files.list(contracts)) {
            abis = files.filter(f -> f.toString().endsWith(".abi")).sorted().toList();
        }
        for (Path abi : abis) {
            String bin = abi.getFileName().toString().replaceFirst("\\.abi$", ".bin");
            SolidityFunctionWrapperGenerator.main(new String[] {
                "-a", abi.toString(), "-b", contracts.resolve(bin).toString(), "-o", args[1], "-p", args[2]
            });
        }
    }
}
