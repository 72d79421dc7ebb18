package io.camelot.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.camelot.attestation.AppraisalPolicy;
import io.camelot.attestation.DcapCollateral;
import io.camelot.attestation.DcapQuoteVerifier;
import io.camelot.attestation.IasEvidence;
import io.camelot.attestation.IasReportVerifier;
import io.camelot.attestation.TcbStatus;
import io.camelot.attestation.Verdict;
import io.camelot.attestation.VerificationContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code camelot attest}: work with TEE attestation evidence offline. */
@Command(
        name = "attest",
        mixinStandardHelpOptions = true,
        description = "Verify TEE attestation evidence.",
        subcommands = AttestCommand.Verify.class)
final class AttestCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Verifies one DCAP quote or IAS report and judges it against a policy given as options. */
    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = {
                "Verify a DCAP quote (binary; collateral files in --collateral DIR, default beside it) or an IAS"
                        + " report NAME.body.json (with NAME.sig.b64 and NAME.certs.pem beside it).",
                "Exit 0 if the evidence is valid and the policy accepts it, 1 if not, 2 on usage errors."
            })
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "quote.bin, or NAME.body.json for an IAS report")
        Path file;

        @Option(names = "--collateral", paramLabel = "DIR", description = "DCAP collateral directory (default: FILE's)")
        Path collateral;

        @Option(
                names = "--at",
                paramLabel = "TIME",
                description = "Verification time, ISO-8601 (2025-06-20T00:00:00Z) or epoch seconds (default: now)")
        String at;

        @Option(names = "--json", description = "Print one JSON object instead of text")
        boolean json;

        @Option(
                names = "--min-tcb",
                paramLabel = "STATUS",
                description = "Worst TCB status accepted, as Intel spells it (default: ${DEFAULT-VALUE})")
        String minTcb = TcbStatus.UP_TO_DATE.intelName();

        @Option(names = "--allow-debug", description = "Accept debug enclaves")
        boolean allowDebug;

        @Option(
                names = "--deny-advisory",
                paramLabel = "ID",
                description = "Refuse if this advisory applies (repeatable)")
        List<String> deniedAdvisories = new ArrayList<>();

        @Option(
                names = "--measurement",
                paramLabel = "NAME=HEX",
                description =
                        "Require a measurement value, e.g. MRENCLAVE=33d8..., MRSIGNER=..., MRTD=... (repeatable)")
        Map<String, String> measurements = new LinkedHashMap<>();

        @Option(
                names = "--verification-key",
                paramLabel = "PEM",
                description = "Worker verification key PEM file REPORT_DATA must commit to")
        Path verificationKey;

        @Option(names = "--nonce", description = "Expected IAS report nonce")
        String nonce;

        @Override
        public Integer call() {
            Instant time;
            TcbStatus minimum;
            try {
                time = at == null ? Instant.now() : parseTime(at);
                minimum = TcbStatus.parse(minTcb);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw UserError.usage(e.getMessage(), e);
            }
            Verdict verdict;
            try {
                VerificationContext context = VerificationContext.at(time).withNonce(nonce);
                if (verificationKey != null) {
                    context = context.boundTo(Files.readString(verificationKey));
                }
                verdict = verify(context);
            } catch (IllegalArgumentException | IOException | UncheckedIOException e) {
                throw UserError.usage(e.getMessage(), e);
            }
            Verdict judged = policy(minimum).appraise(verdict, time);
            if (json) {
                printJson(verdict, judged, time);
            } else {
                printText(verdict, judged, time);
            }
            return judged.valid() ? 0 : 1;
        }

        private Verdict verify(VerificationContext context) throws IOException {
            if (file.getFileName().toString().endsWith(IasEvidence.BODY_SUFFIX)) {
                return new IasReportVerifier().verify(IasEvidence.fromFiles(file), context);
            }
            Path directory =
                    collateral != null ? collateral : file.toAbsolutePath().getParent();
            if (!DcapCollateral.present(directory)) {
                throw new IllegalArgumentException("no DCAP collateral ("
                        + DcapCollateral.TCB_INFO
                        + " ...) in "
                        + directory
                        + "; pass --collateral DIR");
            }
            return new DcapQuoteVerifier()
                    .verify(Files.readAllBytes(file), DcapCollateral.fromDirectory(directory), context);
        }

        private AppraisalPolicy policy(TcbStatus minimum) {
            AppraisalPolicy.Builder policy = AppraisalPolicy.builder().minimumStatus(minimum);
            if (allowDebug) {
                policy.allowDebug();
            }
            policy.denyAdvisories(deniedAdvisories.toArray(String[]::new));
            measurements.forEach(policy::allowMeasurement);
            return policy.build();
        }

        private void printText(Verdict verdict, Verdict judged, Instant time) {
            System.out.println("Evidence:     " + file);
            System.out.println("TEE kind:     " + verdict.kind());
            System.out.println("Verified at:  " + time);
            System.out.println("Verification: "
                    + (verdict.valid() ? "valid (signatures, chains, bindings, collateral)" : "INVALID"));
            System.out.println(
                    "TCB status:   " + (verdict.tcbStatusName() == null ? "(not reached)" : verdict.tcbStatusName()));
            System.out.println("Advisories:   "
                    + (verdict.advisoryIds().isEmpty() ? "none" : String.join(", ", verdict.advisoryIds())));
            System.out.println("Debug:        " + (verdict.debug() ? "yes" : "no"));
            verdict.measurements().forEach((name, value) -> System.out.printf("%-13s %s%n", name + ":", value));
            if (verdict.reportData() != null) {
                System.out.println("REPORT_DATA:  " + verdict.reportData());
            }
            System.out.println("Key binding:  "
                    + (verdict.keyBinding() == Verdict.KeyBinding.NOT_CHECKED
                            ? "not checked (no --verification-key)"
                            : verdict.keyBinding()));
            System.out.println(
                    judged.valid() ? "Verdict:      ACCEPTED" : "Verdict:      REFUSED: " + judged.reasonText());
        }

        private void printJson(Verdict verdict, Verdict judged, Instant time) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("file", file.toString());
            out.put("kind", verdict.kind().name());
            out.put("verifiedAt", time.toString());
            out.put("valid", verdict.valid());
            out.put("accepted", judged.valid());
            out.put("tcbStatus", verdict.tcbStatusName());
            out.put("advisoryIds", verdict.advisoryIds());
            out.put("measurements", verdict.measurements());
            out.put("debug", verdict.debug());
            out.put("reportData", verdict.reportData());
            out.put("keyBinding", verdict.keyBinding().name());
            out.put(
                    "failure",
                    judged.failure() == null ? null : judged.failure().name());
            out.put("reason", judged.valid() ? null : judged.reasonText());
            try {
                System.out.println(new ObjectMapper()
                        .disable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(out));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Instant parseTime(String text) {
            return text.chars().allMatch(Character::isDigit)
                    ? Instant.ofEpochSecond(Long.parseLong(text))
                    : Instant.parse(text);
        }
    }
}
