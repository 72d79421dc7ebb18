package io.camelot.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.camelot.protocol.trace.WorkOrderTrace;
import io.camelot.server.config.LoggingSection;
import java.net.URL;
import org.slf4j.LoggerFactory;

/** Applies the [logging] section to Logback before the node starts. */
final class LoggingSetup {
    static final String JSON_CONFIG = "/logback-json.xml";

    private LoggingSetup() {}

    static void apply(LoggingSection logging) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        if (logging.format() == LoggingSection.Format.JSON) {
            URL config = LoggingSetup.class.getResource(JSON_CONFIG);
            if (config == null) {
                throw new IllegalStateException(JSON_CONFIG + " is missing from the camelot jar");
            }
            context.reset();
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            try {
                configurator.doConfigure(config);
            } catch (JoranException e) {
                throw new IllegalStateException("cannot configure JSON logging from " + JSON_CONFIG, e);
            }
        }
        if (logging.workOrders()) {
            context.getLogger(WorkOrderTrace.LOG.getName()).setLevel(Level.DEBUG);
        }
    }
}
