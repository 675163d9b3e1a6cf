package mind.settings.domain;

/**
 * Which system is the primary source of a subchannel's tickets: {@code internal} (managed by Mind) or an
 * external one. Spelled exactly as on the wire, including enneo's capital {@code Freshdesk}.
 */
public enum SubchannelInterface {
    internal, Freshdesk, webhook, api
}
