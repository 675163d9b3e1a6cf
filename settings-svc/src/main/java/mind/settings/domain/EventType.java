package mind.settings.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The event types an event hook may listen to: enneo's documented list (docs.enneo.ai "Concept of Events"
 * and the event-hooks page, plus the newer list of the official plugin's skills). Names are matched exactly,
 * as enneo's event class names are.
 */
public enum EventType {
    AgentRoutingStatusChanged("An agent's routing status changed."),
    AiAgentChanged("An AI agent was created, changed or deleted."),
    AiInsightProcess("AI insights are processed for a ticket."),
    AiInsightQuestionChanged("An AI insight question was changed."),
    ArchiveOldFiles("Old files are archived."),
    AutoProcessIntent("The AI agent of a ticket is processed automatically."),
    CallCompleted("A phone call was completed."),
    CallStarted("A phone call started."),
    ContentTranslationPrewarm("Content translations are prepared ahead of use."),
    ConversationCreated("The agent replied with a message or an internal note."),
    CronDay("Every night Monday to Friday at 2 am (0 2 * * 1-5)."),
    CronHour("Every hour on the first minute (1 * * * *)."),
    CronMinute("Every 5 minutes on weekdays (*/5 * * * 1-5)."),
    CronWeek("Every Saturday at 2 am (0 2 * * 6)."),
    EmailAutoresponder("An automatic reply tells the customer that the email was received."),
    KnowledgeSourceChanged("A knowledge source was changed."),
    NonAiTicketCreated("A ticket was created without AI processing."),
    NotifySurroundingSystems("Notifications are passed to surrounding systems."),
    OcrScanCompleted("An OCR scan of an attachment completed."),
    ProfileCreated("A user profile was created."),
    ProfileDeleted("A user profile was deleted."),
    ProfileUpdated("A user profile was updated (name, settings or other properties)."),
    QualityAssessment("A quality assessment was made."),
    RoleManagement("A role was created, changed or deleted."),
    ScorecardChanged("A quality scorecard was changed."),
    SendEmail("An email is sent to the customer with a template and data."),
    SendLetter("A letter is sent to the customer."),
    SettingChanged("A setting was changed."),
    StaticTranslationPrewarm("Static translations are prepared ahead of use."),
    SurveySubmitted("A customer survey was submitted."),
    TestTicketAiQuality("An AI quality check runs on a ticket."),
    TicketClosedDueToInactivity("A ticket was closed due to inactivity."),
    TicketCreated("A new ticket was received and completed AI processing."),
    TicketDeleted("A ticket was deleted."),
    TicketDueByOverdue("A ticket passed its due date."),
    TicketForwarded("The agent forwarded the ticket to another email address or subchannel."),
    TicketResponse("A reply to a ticket thread came from an external party (not the agent)."),
    TicketRouted("A ticket was routed to an agent by the routing system."),
    TicketUpdated("An agent changed a ticket property, e.g. assigned it or changed its status.");

    private final String description;

    EventType(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The type with exactly this name. */
    public static Optional<EventType> named(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}
