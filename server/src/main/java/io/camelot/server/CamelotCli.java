package io.camelot.server;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/** The {@code camelot} command: one binary, one subcommand per process or task. */
@Command(
        name = "camelot",
        mixinStandardHelpOptions = true,
        version = "camelot 0.1.0",
        description = "Off-chain Trusted Compute Service, wire-compatible with Hyperledger Avalon.",
        subcommands = {
            ServeCommand.class,
            SubmitCommand.class,
            WorkersCommand.class,
            AttestCommand.class,
            BenchCommand.class,
            EthereumBridgeCommand.class,
            FabricBridgeCommand.class,
            WkmCommand.class,
            WpCommand.class,
            WpsCommand.class,
            ListenerCommand.class,
            WorkerCommand.class,
            QueueBenchCommand.class,
            OperatorCommand.class
        })
public final class CamelotCli implements Runnable {
    private static final String VERBOSE = "--verbose";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // Read back from the parse result by the error handler; the field only declares the option.
    @Option(names = VERBOSE, scope = ScopeType.INHERIT, description = "On an error, print its stack trace")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line as {@link #main} runs it: every error is one line on stderr, naming the
     * command; exit status 2 for a usage or configuration mistake, 1 for anything else.
     */
    static CommandLine commandLine() {
        return new CommandLine(new CamelotCli())
                .setParameterExceptionHandler(CamelotCli::rejectArguments)
                .setExecutionExceptionHandler(CamelotCli::reportFailure);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    private static int rejectArguments(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        if (verbose(command.getParseResult())) {
            e.printStackTrace(command.getErr());
        }
        command.getErr().println(name + ": " + e.getMessage() + " (see " + name + " --help)");
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int reportFailure(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        boolean verbose = verbose(parsed);
        if (verbose) {
            e.printStackTrace(err);
        }
        if (e instanceof UserError mistake) {
            err.println(name + ": " + mistake.getMessage());
            return mistake.exitCode();
        }
        err.println(name + ": " + describe(e) + (verbose ? "" : " (run with --verbose for the stack trace)"));
        return UserError.RUNTIME;
    }

    /** Whether --verbose was given to the command or any parent. */
    private static boolean verbose(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    /** The messages of the exception and its causes, each once: the cause often says what failed. */
    static String describe(Throwable e) {
        StringBuilder line = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            // Some messages (Jackson's, JDBC drivers') span lines; the report stays on one.
            String message = t.getMessage() == null
                    ? null
                    : String.join(" ", t.getMessage().strip().lines().toList());
            if (message != null && !line.toString().contains(message)) {
                line.append(line.isEmpty() ? "" : ": ").append(message);
            }
        }
        return line.isEmpty() ? e.getClass().getName() : line.toString();
    }
}
