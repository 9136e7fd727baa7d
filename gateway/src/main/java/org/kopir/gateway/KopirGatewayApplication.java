package org.kopir.gateway;

import org.kopir.gateway.cli.KopirCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import picocli.CommandLine;

/** Starts a node, or runs an offline command when the first argument names one. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class KopirGatewayApplication {

  public static void main(String[] args) {
    if (KopirCommand.isOfflineCommand(args)) {
      System.exit(new CommandLine(new KopirCommand()).execute(args));
    }
    SpringApplication.run(KopirGatewayApplication.class, args);
  }
}
