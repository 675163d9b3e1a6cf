package mind.ticket.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What kind of message a conversation is. Spelled as on the wire and in the database. Three groups:
 * <ul>
 * <li>a channel ({@code email, chat, phone, letter, portal, system, walkIn}): a message that went
 * through that channel;</li>
 * <li>a format, as enneo's clients send it ({@code text}, {@code html}): a message with the customer on
 * the ticket's own channel, its text plain or HTML;</li>
 * <li>an internal kind ({@code note}: a person's private note; {@code neo}: a message of enneo's AI
 * assistant NEO; {@code agent_request}, {@code agent_response}: an exchange with an AI agent): never
 * delivered to anyone, always private.</li>
 * </ul>
 */
public enum ConversationType {
    email, chat, phone, letter, portal, system, walkIn, note, text, html, neo, agent_request, agent_response;

    /** Every value, as a 400 lists them: {@code [email, chat, ...]}. */
    public static final String ACCEPTED = Arrays.stream(values()).map(Enum::name)
            .collect(Collectors.joining(", ", "[", "]"));

    /** A note or a record of the AI's work: private, never delivered, no message of the ticket's customer. */
    public boolean internal() {
        return this == note || this == neo || this == agent_request || this == agent_response;
    }

    /** {@code text} or {@code html}: a message on the ticket's own channel. */
    public boolean format() {
        return this == text || this == html;
    }
}
