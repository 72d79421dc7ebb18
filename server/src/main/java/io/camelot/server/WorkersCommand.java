package io.camelot.server;

import io.camelot.protocol.WorkerStatus;
import io.camelot.protocol.WorkerType;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.protocol.model.WorkerTypeData;
import io.camelot.sdk.DirectTcsClient;
import io.camelot.sdk.TcsException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists the Worker Directory of a running TCS. */
@Command(name = "workers", mixinStandardHelpOptions = true, description = "List the workers of a TCS.")
final class WorkersCommand implements Callable<Integer> {

    @Option(names = "--url", description = "TCS listener URL (default: ${DEFAULT-VALUE})")
    String url = "http://127.0.0.1:1947";

    @Option(
            names = "--details",
            description = "Also print the workloads each worker runs (what a work order can name).")
    boolean details;

    @Override
    public Integer call() {
        Commands.requireScheme("--url", url);
        try (DirectTcsClient client = DirectTcsClient.create(url)) {
            List<String> ids = client.workerLookUp(new WorkerLookUpParams(null, null, null, null, null))
                    .ids();
            System.out.printf("%-64s  %-20s  %-14s  %-7s  %s%n", "WORKER ID", "NAME", "STATUS", "TYPE", "PROOF");
            for (String id : ids) {
                WorkerRecord record = client.workerRetrieve(id);
                WorkerTypeData typeData = record.details().workerTypeData();
                System.out.printf(
                        "%-64s  %-20s  %-14s  %-7s  %s%n",
                        id,
                        orDash(typeData.name()),
                        statusName(record.status()),
                        typeName(record.workerType()),
                        typeData.proofDataType());
                if (details) {
                    System.out.println("  workloads: " + workloads(typeData.workloads()));
                }
            }
            System.out.println(ids.size() + " worker(s)");
            return 0;
        } catch (TcsException e) {
            throw UserError.runtime(e.getMessage(), e);
        }
    }

    /** Avalon's workers advertise neither name nor workloads: they show as {@code -}. */
    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    static String workloads(List<String> names) {
        return names == null ? "-" : String.join(", ", names);
    }

    /** The EEA name with its code, e.g. {@code ACTIVE (1)}; a code outside the EEA's set as it is. */
    static String statusName(Integer code) {
        return named(code, WorkerStatus.values(), WorkerStatus::code, status -> status.name() + " (" + code + ")");
    }

    /** The EEA worker type's name, e.g. {@code TEE_SGX}; an unknown code as it is. */
    static String typeName(Integer code) {
        return named(code, WorkerType.values(), WorkerType::code, WorkerType::name);
    }

    /** {@code -} for no code, else the constant with this code as {@code name} spells it, else the code. */
    private static <E> String named(Integer code, E[] values, ToIntFunction<E> codeOf, Function<E, String> name) {
        if (code == null) {
            return "-";
        }
        return Arrays.stream(values)
                .filter(value -> codeOf.applyAsInt(value) == code)
                .findFirst()
                .map(name)
                .orElse(String.valueOf(code));
    }
}
