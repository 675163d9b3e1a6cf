package mind.common.auth;

/** Role and permission names carried in the token's {@code groups} claim. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String AGENT = "agent";
    /** Integrations and telephony platforms: service-worker tokens that never act as a person. */
    public static final String SERVICE_WORKER = "serviceWorker";
    public static final String UPDATE_AI_AGENT = "updateAiAgent";
    /** May change existing tickets: PATCH, and a {@code POST /ticket} upsert that hits an existing ticket. */
    public static final String UPDATE_TICKET = "updateTicket";

    private Roles() {
    }
}
