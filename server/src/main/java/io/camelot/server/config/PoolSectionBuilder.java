package io.camelot.server.config;

import io.camelot.server.config.PoolSection.Launcher;
import io.camelot.server.config.PoolSection.Localization;
import io.camelot.server.config.PoolSection.SignatureScheme;
import io.camelot.server.config.PoolSection.Tls;
import java.util.List;

/** Builds a {@link PoolSection}: the defaults or another section, with some values changed. */
public final class PoolSectionBuilder {
    private int processors;
    private String name;
    private int keyManagers;
    private int slotsPerProcessor;
    private List<String> allowedWpMeasurements;
    private Localization wpLocalization;
    private int maxConcurrentWps;
    private int restartWpAfter;
    private boolean keyMigration;
    private SignatureScheme signatureScheme;
    private long rotationGraceSeconds;
    private String dedicatedRequester;
    private boolean requireRequesterSignature;
    private List<String> wpDedicatedRequesters;
    private String internalHost;
    private int maxProcessors;
    private int workOrdersPerProcessor;
    private long scaleDownIdleSeconds;
    private Launcher launcher;
    private String kubernetesNamespace;
    private String kubernetesImage;
    private long drainSeconds;
    private int managerPort;
    private String managerUrl;
    private List<String> keyManagerUrls;
    private String keysDir;
    private String kubernetesKeysSecret;
    private Tls tls;
    private List<String> wpHosts;

    PoolSectionBuilder(PoolSection from) {
        processors = from.processors();
        name = from.name();
        keyManagers = from.keyManagers();
        slotsPerProcessor = from.slotsPerProcessor();
        allowedWpMeasurements = from.allowedWpMeasurements();
        wpLocalization = from.wpLocalization();
        maxConcurrentWps = from.maxConcurrentWps();
        restartWpAfter = from.restartWpAfter();
        keyMigration = from.keyMigration();
        signatureScheme = from.signatureScheme();
        rotationGraceSeconds = from.rotationGraceSeconds();
        dedicatedRequester = from.dedicatedRequester();
        requireRequesterSignature = from.requireRequesterSignature();
        wpDedicatedRequesters = from.wpDedicatedRequesters();
        internalHost = from.internalHost();
        maxProcessors = from.maxProcessors();
        workOrdersPerProcessor = from.workOrdersPerProcessor();
        scaleDownIdleSeconds = from.scaleDownIdleSeconds();
        launcher = from.launcher();
        kubernetesNamespace = from.kubernetesNamespace();
        kubernetesImage = from.kubernetesImage();
        drainSeconds = from.drainSeconds();
        managerPort = from.managerPort();
        managerUrl = from.managerUrl();
        keyManagerUrls = from.keyManagerUrls();
        keysDir = from.keysDir();
        kubernetesKeysSecret = from.kubernetesKeysSecret();
        tls = from.tls();
        wpHosts = from.wpHosts();
    }

    public PoolSectionBuilder processors(int value) {
        processors = value;
        return this;
    }

    public PoolSectionBuilder name(String value) {
        name = value;
        return this;
    }

    public PoolSectionBuilder keyManagers(int value) {
        keyManagers = value;
        return this;
    }

    public PoolSectionBuilder slotsPerProcessor(int value) {
        slotsPerProcessor = value;
        return this;
    }

    public PoolSectionBuilder allowedWpMeasurements(List<String> value) {
        allowedWpMeasurements = value;
        return this;
    }

    public PoolSectionBuilder wpLocalization(Localization value) {
        wpLocalization = value;
        return this;
    }

    public PoolSectionBuilder maxConcurrentWps(int value) {
        maxConcurrentWps = value;
        return this;
    }

    public PoolSectionBuilder restartWpAfter(int value) {
        restartWpAfter = value;
        return this;
    }

    public PoolSectionBuilder keyMigration(boolean value) {
        keyMigration = value;
        return this;
    }

    public PoolSectionBuilder signatureScheme(SignatureScheme value) {
        signatureScheme = value;
        return this;
    }

    public PoolSectionBuilder rotationGraceSeconds(long value) {
        rotationGraceSeconds = value;
        return this;
    }

    public PoolSectionBuilder dedicatedRequester(String value) {
        dedicatedRequester = value;
        return this;
    }

    public PoolSectionBuilder requireRequesterSignature(boolean value) {
        requireRequesterSignature = value;
        return this;
    }

    public PoolSectionBuilder wpDedicatedRequesters(List<String> value) {
        wpDedicatedRequesters = value;
        return this;
    }

    public PoolSectionBuilder internalHost(String value) {
        internalHost = value;
        return this;
    }

    public PoolSectionBuilder maxProcessors(int value) {
        maxProcessors = value;
        return this;
    }

    public PoolSectionBuilder workOrdersPerProcessor(int value) {
        workOrdersPerProcessor = value;
        return this;
    }

    public PoolSectionBuilder scaleDownIdleSeconds(long value) {
        scaleDownIdleSeconds = value;
        return this;
    }

    public PoolSectionBuilder launcher(Launcher value) {
        launcher = value;
        return this;
    }

    public PoolSectionBuilder kubernetesNamespace(String value) {
        kubernetesNamespace = value;
        return this;
    }

    public PoolSectionBuilder kubernetesImage(String value) {
        kubernetesImage = value;
        return this;
    }

    public PoolSectionBuilder drainSeconds(long value) {
        drainSeconds = value;
        return this;
    }

    public PoolSectionBuilder managerPort(int value) {
        managerPort = value;
        return this;
    }

    public PoolSectionBuilder managerUrl(String value) {
        managerUrl = value;
        return this;
    }

    public PoolSectionBuilder keyManagerUrls(List<String> value) {
        keyManagerUrls = value;
        return this;
    }

    public PoolSectionBuilder keysDir(String value) {
        keysDir = value;
        return this;
    }

    public PoolSectionBuilder kubernetesKeysSecret(String value) {
        kubernetesKeysSecret = value;
        return this;
    }

    public PoolSectionBuilder tls(Tls value) {
        tls = value;
        return this;
    }

    public PoolSectionBuilder wpHosts(List<String> value) {
        wpHosts = value;
        return this;
    }

    public PoolSection build() {
        return new PoolSection(
                processors,
                name,
                keyManagers,
                slotsPerProcessor,
                allowedWpMeasurements,
                wpLocalization,
                maxConcurrentWps,
                restartWpAfter,
                keyMigration,
                signatureScheme,
                rotationGraceSeconds,
                dedicatedRequester,
                requireRequesterSignature,
                wpDedicatedRequesters,
                internalHost,
                maxProcessors,
                workOrdersPerProcessor,
                scaleDownIdleSeconds,
                launcher,
                kubernetesNamespace,
                kubernetesImage,
                drainSeconds,
                managerPort,
                managerUrl,
                keyManagerUrls,
                keysDir,
                kubernetesKeysSecret,
                tls,
                wpHosts);
    }
}
