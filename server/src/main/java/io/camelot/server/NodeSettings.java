package io.camelot.server;

import io.camelot.listener.ListenerConfig;
import io.camelot.listener.ListenerSecurity;
import io.camelot.listener.NotifyHosts;
import io.camelot.pool.PoolPolicy;
import io.camelot.scheduler.QueueSettings;
import io.camelot.security.DevCertificates;
import io.camelot.security.PemFiles;
import io.camelot.security.RateLimiter;
import io.camelot.security.RequestAuthenticator;
import io.camelot.security.ServerTls;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The settings of the nodes' parts, mapped from their configuration sections. */
final class NodeSettings {
  private NodeSettings() {}

  static QueueSettings queueSettings(CamelotConfig.Queue q) {
    return new QueueSettings(
        q.maxOutstanding(),
        Duration.ofHours(q.retainCompletedHours()),
        q.maxRetainedCompleted(),
        Duration.ofSeconds(q.purgeIntervalSeconds()),
        Duration.ofSeconds(q.pendingTimeoutSeconds()),
        Duration.ofSeconds(q.minRetentionSeconds()),
        q.maxOutstandingBytes());
  }

  /** The listener's settings with its security (TLS, operator keys, rate and size limits, notify hosts). */
  static ListenerConfig listenerConfig(CamelotConfig config, Path dataDir, Clock clock) {
    // Again here: --host on the command line may have moved the listener since the file was checked.
    config.validateOperatorAccess();
    CamelotConfig.Listener l = config.listener();
    return new ListenerConfig(
        l.host(), l.port(), l.maxBodyBytes(), l.syncMode(), Duration.ofMillis(l.syncWaitCapMs()), l.operatorMethods(),
        listenerSecurity(config.security(), dataDir, l.host(), notifyHosts(l), clock));
  }

  static NotifyHosts notifyHosts(CamelotConfig.Listener listener) {
    return NotifyHosts.parse(listener.notifyHosts());
  }

  static ListenerSecurity listenerSecurity(
      CamelotConfig.Security s, Path dataDir, String host, NotifyHosts notifyHosts, Clock clock) {
    ServerTls tls =
        switch (s.tls()) {
          case CamelotConfig.Security.TLS_DEV -> DevCertificates.ensureSelfSigned(dataDir.resolve("tls"), List.of(host));
          case CamelotConfig.Security.TLS_ON -> {
            if (s.tlsCert().isEmpty() || s.tlsKey().isEmpty()) {
              throw new IllegalArgumentException("[security] tls = \"on\" needs tls_cert and tls_key");
            }
            yield new ServerTls(
                Path.of(s.tlsCert()), Path.of(s.tlsKey()), s.tlsClientCa().isEmpty() ? null : Path.of(s.tlsClientCa()));
          }
          default -> null;
        };
    RequestAuthenticator operators =
        s.operatorKeys().isEmpty()
            ? null
            : new RequestAuthenticator(
                PemFiles.readPublicKeys(Path.of(s.operatorKeys())), clock, Duration.ofSeconds(s.operatorWindowSeconds()),
                Set.copyOf(s.operatorAudiences()));
    return new ListenerSecurity(
        tls, operators,
        new RateLimiter.Limit(s.ratePerAddress(), s.burstPerAddress()),
        new RateLimiter.Limit(s.ratePerRequester(), s.burstPerRequester()),
        s.maxItems(), s.maxItemChars(), CamelotConfig.Security.REFUSE.equals(s.legacyEnvelope()), notifyHosts);
  }

  static PoolPolicy poolPolicy(CamelotConfig.Pool config) {
    return new PoolPolicy(
        config.allowedWpMeasurements(),
        CamelotConfig.Pool.SAME_PLATFORM.equals(config.wpLocalization()),
        config.maxConcurrentWps(),
        config.restartWpAfter(),
        config.keyMigration(),
        CamelotConfig.Pool.EXT_KEY.equals(config.signatureScheme()),
        Duration.ofSeconds(config.rotationGraceSeconds()),
        config.dedicatedRequesterKey(),
        config.requireRequesterSignature());
  }
}
