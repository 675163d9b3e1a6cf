package mind.ticket.service;

import java.util.List;

/** A forward of the ticket to free-typed addresses ({@code toEmail} has at least one). */
public record Forward(String body, List<String> toEmail, String subject, List<String> cc, List<String> bcc, Long subchannelId) {
}
