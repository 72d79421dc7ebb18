package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.trace.WorkOrderTrace;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON log format carries a work order's trace id and id as fields a log store can index. */
class JsonLoggingTest {

    @Test
    @SuppressWarnings("unchecked")
    void theShippedJsonConfigWritesTheMdcAndTheFormattedMessageAsFields() throws JoranException {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LoggingSetup.class.getResource(LoggingSetup.JSON_CONFIG));
        var appender = (ConsoleAppender<ILoggingEvent>)
                context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("JSON");
        assertThat(appender.getEncoder()).isInstanceOf(JsonEncoder.class);
        var encoder = appender.getEncoder();
        LoggingEvent event = new LoggingEvent(
                getClass().getName(),
                context.getLogger(WorkOrderTrace.LOG.getName()),
                Level.DEBUG,
                "stored outcome code {}",
                null,
                new Object[] {0});
        event.setMDCPropertyMap(
                Map.of(WorkOrderTrace.TRACE_ID, WorkOrderTrace.traceId("ab12"), WorkOrderTrace.WORK_ORDER_ID, "ab12"));

        JsonNode line = ProtocolJson.parse(encoder.encode(event));

        assertThat(line.path("level").asText()).isEqualTo("DEBUG");
        assertThat(line.path("loggerName").asText()).isEqualTo("io.camelot.trace");
        assertThat(line.path("mdc").path("traceId").asText()).isEqualTo(WorkOrderTrace.traceId("ab12"));
        assertThat(line.path("mdc").path("workOrderId").asText()).isEqualTo("ab12");
        assertThat(line.path("formattedMessage").asText()).isEqualTo("stored outcome code 0");
    }
}
