package mind.settings.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import mind.common.api.Channel;
import mind.common.db.AdvisoryLocks;
import mind.common.error.ApiException;
import mind.common.error.KnownFailures;
import mind.common.persistence.ReadOnly;
import mind.common.persistence.Versioned;
import mind.settings.api.SubchannelView;
import mind.common.validation.JsonObjectBounds;
import mind.settings.config.SettingsConfig;
import mind.settings.crypto.SecretBox;
import mind.settings.domain.Subchannel;
import mind.settings.domain.SubchannelInterface;
import mind.settings.repository.SubchannelRepository;

@ApplicationScoped
public class SubchannelService {

    /** Lock purpose under which default switches of one channel are serialized. */
    private static final String DEFAULT_SWITCH = "subchannel.default";
    /** The context the secrets of a subchannel's data are sealed under (plus their path inside data). */
    static final String SEAL_CONTEXT = "subchannel";

    private final SubchannelRepository subchannels;
    private final AdvisoryLocks locks;
    private final Clock clock;
    private final JsonObjectBounds dataBounds;
    private final SecretBox secretBox;

    public SubchannelService(SubchannelRepository subchannels, AdvisoryLocks locks, Clock clock, SettingsConfig config,
            SecretBox secretBox) {
        this.subchannels = subchannels;
        this.locks = locks;
        this.clock = clock;
        this.dataBounds = new JsonObjectBounds(config.subchannel().maxDataBytes(), config.subchannel().maxDataKeys());
        this.secretBox = secretBox;
    }

    /**
     * Subchannels as views with their versions, built on a read-only session; secrets in {@code data}
     * masked unless {@code revealSecrets}, then opened.
     *
     * @param channels empty means every channel
     */
    @ReadOnly
    public List<Versioned<SubchannelView>> list(Set<Channel> channels, Long id, boolean revealSecrets) {
        return subchannels.list(channels, id).stream()
                .map(s -> new Versioned<>(SubchannelView.of(s, revealSecrets ? secretBox.openSecrets(s.data, SEAL_CONTEXT) : null),
                        s.version))
                .toList();
    }

    /** One subchannel as a view with its version, every secret in {@code data} masked; 404 when unknown. */
    @ReadOnly
    public Versioned<SubchannelView> get(long id) {
        Subchannel subchannel = subchannels.findByIdOptional(id)
                .orElseThrow(() -> ApiException.notFound("Subchannel " + id + " not found"));
        return new Versioned<>(SubchannelView.of(subchannel, null), subchannel.version);
    }

    /**
     * Adds a subchannel. Defaults: not default, interface internal, enabled, empty data. A new
     * default takes over from the channel's previous default in the same transaction.
     */
    @Transactional
    public Subchannel create(NewSubchannel data) {
        dataBounds.check("data", data.data());
        Subchannel subchannel = new Subchannel();
        apply(subchannel, data, null);
        subchannel.createdAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        if (subchannel.isDefault) {
            takeOverDefault(subchannel.channel);
        }
        subchannels.persist(subchannel);
        return subchannel;
    }

    /**
     * Replaces a subchannel's fields. A secret in {@code data} sent as the mask keeps the stored secret at
     * the same place, so a client may send back what it read. Returns the new version.
     *
     * @param ifMatch the versions If-Match accepts, or null for last-writer-wins
     */
    @Transactional
    public long replace(long id, NewSubchannel data, Set<Long> ifMatch) {
        dataBounds.check("data", data.data());
        Subchannel subchannel = subchannels.findById(id);
        if (subchannel == null) {
            throw ApiException.notFound("Subchannel " + id + " not found");
        }
        checkVersion(subchannel, ifMatch);
        boolean becomesDefault = Boolean.TRUE.equals(data.isDefault()) && !(subchannel.isDefault && subchannel.channel == data.channel());
        if (becomesDefault) {
            takeOverDefault(data.channel());
        }
        apply(subchannel, data, subchannel.data);
        subchannels.flush();
        return subchannel.version;
    }

    /** Deleting a default leaves its channel without one; no other subchannel is promoted. */
    @Transactional
    public void delete(long id, Set<Long> ifMatch) {
        Subchannel subchannel = subchannels.findById(id);
        if (subchannel == null) {
            throw ApiException.notFound("Subchannel " + id + " not found");
        }
        checkVersion(subchannel, ifMatch);
        subchannels.delete(subchannel);
    }

    private static void checkVersion(Subchannel subchannel, Set<Long> ifMatch) {
        if (ifMatch != null && !ifMatch.contains(subchannel.version)) {
            throw new ApiException(412, KnownFailures.PRECONDITION_FAILED, "Subchannel " + subchannel.id + " is at version "
                    + subchannel.version + ", not the one named in If-Match; read it again");
        }
    }

    private void takeOverDefault(Channel channel) {
        // Without the lock, two concurrent "new default" writes would both find no default to clear
        // and the second would fail on the unique index instead of taking over.
        locks.lock(DEFAULT_SWITCH, channel.name());
        subchannels.clearDefault(channel);
    }

    private void apply(Subchannel subchannel, NewSubchannel data, Map<String, Object> storedData) {
        subchannel.channel = data.channel();
        subchannel.name = data.name();
        subchannel.isDefault = Boolean.TRUE.equals(data.isDefault());
        subchannel.subchannelInterface = data.subchannelInterface() == null
                ? SubchannelInterface.internal : data.subchannelInterface();
        subchannel.enabled = data.enabled() == null || data.enabled();
        subchannel.data = sealed(data.data(), storedData);
    }

    private Map<String, Object> sealed(Map<String, Object> data, Map<String, Object> storedData) {
        if (data == null) {
            return new LinkedHashMap<>();
        }
        try {
            return secretBox.sealSecrets(data, storedData, SEAL_CONTEXT);
        } catch (IllegalArgumentException e) {
            // SecretBox names the path inside data first ("imap.password: ..."), never the value
            String message = e.getMessage();
            int colon = message.indexOf(": ");
            throw colon > 0
                    ? ApiException.invalidField("data." + message.substring(0, colon), message.substring(colon + 2))
                    : ApiException.invalidField("data", message);
        }
    }
}
