package mind.aiagent.engine;

import java.util.List;

/** An agent's settings read into what the engine runs: parameters and response cases, checked. */
public record AgentDefinition(List<ParameterDef> parameters, List<ResponseCase> responseCases) {
}
