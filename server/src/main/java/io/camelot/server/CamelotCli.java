package io.camelot.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;

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
      WkmCommand.class,
      WpCommand.class,
      WpsCommand.class,
      ListenerCommand.class,
      WorkerCommand.class,
      QueueBenchCommand.class,
      OperatorCommand.class
    })
public final class CamelotCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new CamelotCli()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
