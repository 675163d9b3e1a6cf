package mind.settings.api;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import mind.common.api.Channel;
import mind.common.error.ApiException;

/**
 * Values of the {@code channels[]}/{@code channel} filter of {@code GET /settings/subchannel}. enneo's
 * filter enum names channels differently from the Subchannel schema: {@code voice} is the phone channel
 * and {@code internal} the system channel. The schema names ({@code phone}, {@code system},
 * {@code portal}, {@code walkIn}) are accepted as well, so every stored channel can be filtered.
 */
public enum ChannelFilter {
    all(null), email(Channel.email), chat(Channel.chat), voice(Channel.phone), phone(Channel.phone),
    letter(Channel.letter), internal(Channel.system), portal(Channel.portal), system(Channel.system),
    walkIn(Channel.walkIn);

    /** More filter values than channels exist can only be a mistake or abuse. */
    static final int MAX_VALUES = 20;

    static final String CHOICES = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ", "[", "]"));

    private final Channel channel;

    ChannelFilter(Channel channel) {
        this.channel = channel;
    }

    /**
     * The channels a set of filter values selects; empty means every channel (no value, or {@code all}
     * among them). A value may also list several channels separated by commas; empty values are skipped.
     *
     * @param parameter the query parameter the values came from, named in the 400 on a bad value
     */
    static Set<Channel> select(String parameter, List<String> values, Set<Channel> into) {
        if (values == null) {
            return into;
        }
        if (values.size() > MAX_VALUES) {
            throw ApiException.invalidField(parameter, "at most " + MAX_VALUES + " values");
        }
        for (String value : values) {
            for (String part : value.split(",", -1)) {
                if (part.isBlank()) {
                    continue;
                }
                ChannelFilter filter = parse(parameter, part.strip());
                if (filter == all) {
                    into.addAll(EnumSet.allOf(Channel.class));
                } else {
                    into.add(filter.channel);
                }
            }
        }
        return into;
    }

    private static ChannelFilter parse(String parameter, String value) {
        try {
            return valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(parameter, "must be one of " + CHOICES);
        }
    }
}
