package mind.ticket.service;

import java.util.List;

/** A forward of the ticket to a free-typed address. */
public record Forward(String body, String toEmail, String subject, List<String> cc, List<String> bcc, Long subchannelId) {
}
