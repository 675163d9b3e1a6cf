package mind.settings.api;

/** Response of {@code POST /settings/subchannel}: the id of the new subchannel. */
public record SubchannelCreated(boolean success, long id) {
}
