package mind.ticket.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import mind.common.client.RemoteCallException;
import mind.common.client.RemoteRejectedException;
import mind.common.error.ApiException;
import mind.ticket.client.RemoteSubchannel.Subchannel;
import mind.ticket.client.SettingsGateway;
import mind.ticket.config.ConversationConfig;

/**
 * The address a mail goes out from. A mailbox is an email subchannel of settings-svc; its {@code data.fromEmail} (and
 * {@code data.fromEmailName}, the display name) is the sender of mail on it. The subchannel is the one the request
 * names, else the ticket's; without one, or when it names no valid sender, mail goes out from the configured sender.
 * A subchannel the request names must be an email subchannel settings-svc knows (400 naming {@code subchannelId});
 * the ticket's own that is gone, of another channel or not shown to the caller falls back to the configured sender. Subchannels are read with
 * the caller's token (agents may read them) and kept {@code mind.ticket.conversations.sender-cache-time}.
 */
@ApplicationScoped
public class MailSenders {

    private static final Logger LOG = Logger.getLogger(MailSenders.class);

    private final SettingsGateway settings;
    private final ConversationConfig config;
    private final Cache<Long, Optional<Subchannel>> subchannels;

    public MailSenders(SettingsGateway settings, ConversationConfig config) {
        this.settings = settings;
        this.config = config;
        this.subchannels = Caffeine.newBuilder().expireAfterWrite(config.senderCacheTime()).maximumSize(1_000).build();
    }

    /** A sender: its address, and its display name or null. */
    public record Sender(String address, String name) {

        /** The {@code From} header: {@code address} or {@code "Name" <address>}. */
        public static String header(String address, String name) {
            if (name == null) {
                return address;
            }
            String clean = displayName(name);
            return clean == null ? address : "\"" + clean + "\" <" + address + ">";
        }

        /**
         * A display name as one quoted header word: line breaks and other control characters become spaces, quotes and
         * backslashes are dropped, so nothing in it can end the word or the header; null when nothing is left.
         */
        static String displayName(String name) {
            if (name == null) {
                return null;
            }
            String clean = name.replaceAll("[\"\\\\]", "").replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
            return clean.isEmpty() ? null : clean;
        }
    }

    /**
     * The sender of a mail.
     *
     * @param requested the subchannel the request names, or null
     * @param ofTicket  the ticket's subchannel, or null
     * @throws ApiException 400 naming subchannelId; 503 when settings-svc cannot be asked
     */
    public Sender from(Long requested, Long ofTicket) {
        if (requested != null) {
            Subchannel s;
            try {
                s = subchannel(requested).orElseThrow(() -> ApiException.invalidField("subchannelId",
                        "no subchannel " + requested + " exists"));
            } catch (RemoteRejectedException e) {
                throw new ApiException(403, "forbidden", "settings-svc does not let this caller read subchannel " + requested
                        + ", whose sender the mail would go out from");
            }
            if (!"email".equals(s.channel())) {
                throw ApiException.invalidField("subchannelId", "subchannel " + requested + " is a " + s.channel()
                        + " subchannel; mail goes out through an email subchannel");
            }
            return sender(s);
        }
        if (ofTicket != null) {
            try {
                return subchannel(ofTicket).filter(s -> "email".equals(s.channel())).map(this::sender).orElse(configured());
            } catch (RemoteRejectedException e) {
                // a caller settings-svc shows no subchannels to still replies, from the configured sender
                return configured();
            }
        }
        return configured();
    }

    private Sender configured() {
        return new Sender(config.mailFrom(), null);
    }

    private Sender sender(Subchannel s) {
        String address = s.data() == null ? null : s.data().path("fromEmail").asText(null);
        if (address == null || !MailAddresses.valid(address.strip())) {
            return configured();
        }
        String name = Sender.displayName(s.data().path("fromEmailName").asText(null));
        return new Sender(address.strip(), name == null || name.length() > 200 ? null : name);
    }

    private Optional<Subchannel> subchannel(long id) {
        Optional<Subchannel> cached = subchannels.getIfPresent(id);
        if (cached != null) {
            return cached;
        }
        try {
            Optional<Subchannel> read = settings.subchannel(id);
            subchannels.put(id, read);
            return read;
        } catch (RemoteRejectedException e) {
            throw e;
        } catch (RemoteCallException | FaultToleranceException e) {
            LOG.warnf("%s: subchannel %d could not be read: %s", SettingsGateway.SERVICE, id, e.getMessage());
            throw ApiException.unavailable(SettingsGateway.SERVICE + " could not be asked for the sender of subchannel "
                    + id + "; nothing was sent. Try again later.", config.retryAfterSeconds());
        }
    }
}
