-- The registry of known settings. Only a migration adds or changes a definition; clients change values
-- (setting_value), never definitions. README's "Settings registry" table is generated from these rows
-- (SettingsRegistryReadmeTest fails when it differs).
create table setting_definition (
    name          text    primary key,
    category      text    not null,
    -- The JSON type of the value as shown to clients: boolean, integer, number, string, array, object.
    type          text    not null check (type in ('boolean', 'integer', 'number', 'string', 'array', 'object')),
    default_value jsonb   not null,
    -- Secret values are sealed at rest (SecretBox, context setting:<name>) and masked on read.
    secret        boolean not null default false,
    -- Which services read the setting (filterByUsedBy).
    used_by       text[]  not null default '{}',
    description   text    not null,
    -- JSON Schema (draft 2020-12) every written value must satisfy.
    value_schema  jsonb   not null,
    -- Ranked text search (GET /settings/search): the camelCase name split into words weighs most, then
    -- the category, then the description.
    search        tsvector generated always as (
        setweight(to_tsvector('english', regexp_replace(name, '([a-z0-9])([A-Z])', '\1 \2', 'g')), 'A')
        || setweight(to_tsvector('english', category), 'B')
        || setweight(to_tsvector('english', description), 'C')) stored
);

create index setting_definition_search on setting_definition using gin (search);
create index setting_definition_category on setting_definition (category);

-- Values that were changed from the default; a setting without a row has its default (version 0).
-- A secret setting's value is a JSON string holding SecretBox's ciphertext of the value's JSON text.
create table setting_value (
    name       text        primary key references setting_definition (name),
    value      jsonb       not null,
    -- The ETag of the setting; every write adds one.
    version    bigint      not null,
    updated_at timestamptz not null,
    updated_by text
);

insert into setting_definition (name, category, type, default_value, secret, used_by, description, value_schema) values
('enableAiAgents', 'ai', 'boolean', 'true', false, '{aiagent,ticket}',
 'Whether AI agents run at all. When false no AI agent processes tickets, neither automatically nor on request.',
 '{"type":"boolean"}'),
('enableAiAutoProcessing', 'ai', 'boolean', 'false', false, '{aiagent,ticket}',
 'Whether AI agents process incoming tickets automatically (autopilot) instead of only when an agent asks.',
 '{"type":"boolean"}'),
('immediateAiAgents', 'ai', 'array', '[]', false, '{aiagent,ticket}',
 'Ids of the AI agents that run immediately when a ticket arrives, ignoring the automatic processing delay.',
 '{"type":"array","items":{"type":"integer","minimum":1},"uniqueItems":true,"maxItems":1000}'),
('autoProcessingDelayEnabled', 'ai', 'boolean', 'false', false, '{aiagent,ticket}',
 'Whether automatic AI processing waits autoProcessingDelay hours before it acts on a ticket, so that a human can answer first.',
 '{"type":"boolean"}'),
('autoProcessingDelay', 'ai', 'number', '0', false, '{aiagent,ticket}',
 'Hours (business hours) automatic AI processing waits before acting on a ticket when autoProcessingDelayEnabled is true.',
 '{"type":"number","minimum":0,"maximum":720}'),
('autopilotMode', 'ai', 'string', '"ALL"', false, '{aiagent,ticket}',
 'When the autopilot may close a ticket on its own: ALL when every detected AI agent ran fully automatically, AT_LEAST_ONE when at least one did.',
 '{"type":"string","enum":["ALL","AT_LEAST_ONE"]}'),
('executorSecrets', 'ai', 'object', '{}', true, '{aiagent}',
 'Secrets for source-code executors and user-defined functions, by name (e.g. API keys). Sealed at rest and masked on read; reading them in clear and changing them needs admin or the updateAiAgent permission.',
 '{"type":"object","maxProperties":200,"propertyNames":{"pattern":"^[A-Za-z_][A-Za-z0-9_]{0,99}$"},"additionalProperties":{"type":"string","maxLength":10000}}'),
('lastAgentRouting', 'routing', 'boolean', 'false', false, '{ticket,telephony}',
 'Route a new ticket or call of a customer to the agent who last handled that customer, when that agent is available.',
 '{"type":"boolean"}'),
('lastTeamRouting', 'routing', 'boolean', 'false', false, '{ticket,telephony}',
 'Route a new ticket or call of a customer to the team that last handled that customer.',
 '{"type":"boolean"}'),
('ticketRoutingOrder', 'routing', 'string', '"priorityThenSla"', false, '{ticket}',
 'Order in which getLatest hands out tickets to agents: slaDue (earliest SLA due first), priorityThenSla, priorityThenNewestCustomerMessage or priorityThenOldestCustomerMessage.',
 '{"type":"string","enum":["slaDue","priorityThenSla","priorityThenNewestCustomerMessage","priorityThenOldestCustomerMessage"]}'),
('ticketLeaseSeconds', 'routing', 'integer', '300', false, '{ticket}',
 'Seconds a ticket handed out by getLatest stays claimed by the agent unless renewed by ping.',
 '{"type":"integer","minimum":10,"maximum":86400}'),
('genericTemplateId', 'templates', 'integer', 'null', false, '{aiagent,ticket}',
 'Id of the template used to answer tickets no AI agent or specific template covers; null for none.',
 '{"type":["integer","null"],"minimum":1}'),
('reportingPrivacyLevel', 'reporting', 'string', '"pseudonymized"', false, '{ticket}',
 'How much personal data reports and exports show: pseudonymized, partiallyPseudonymized or none (no pseudonymization).',
 '{"type":"string","enum":["pseudonymized","partiallyPseudonymized","none"]}'),
('defaultDateExportFormat', 'reporting', 'string', '"xlsx"', false, '{ticket}',
 'File format of data exports unless the request names one: xlsx, csv or json.',
 '{"type":"string","enum":["xlsx","csv","json"]}'),
('contractRecognitionCriteria', 'ticket', 'array', '["contractId","customerId","email","phone"]', false, '{ticket,telephony}',
 'Ticket fields used, in this order, to recognise the customer and contract of an incoming ticket or call.',
 '{"type":"array","items":{"type":"string","minLength":1,"maxLength":100},"uniqueItems":true,"maxItems":50}'),
('customerNeededDefault', 'ticket', 'boolean', 'true', false, '{ticket,aiagent}',
 'Whether a new ticket needs a recognised customer before AI agents and routing act on it, unless the ticket says otherwise.',
 '{"type":"boolean"}'),
('udfStorage', 'udf', 'object', '{}', false, '{aiagent}',
 'Free-form JSON storage for user-defined functions (SDK Setting::set/get), by key.',
 '{"type":"object","maxProperties":1000}'),
('acdEnabled', 'telephony', 'boolean', 'false', false, '{telephony}',
 'Whether Mind''s own automatic call distribution routes incoming calls to agents (native routing).',
 '{"type":"boolean"}'),
('acdQueues', 'telephony', 'array', '[]', false, '{telephony}',
 'Call queues of the automatic call distribution: each with a name, the skills (tag ids) an agent needs and the subchannels (phone lines) it serves.',
 '{"type":"array","maxItems":100,"items":{"type":"object","required":["name"],"additionalProperties":false,"properties":{"name":{"type":"string","minLength":1,"maxLength":100},"skills":{"type":"array","items":{"type":"integer","minimum":1},"uniqueItems":true,"maxItems":100},"subchannelIds":{"type":"array","items":{"type":"integer","minimum":1},"uniqueItems":true,"maxItems":100}}}}'),
('acdWrapUpSeconds', 'telephony', 'integer', '30', false, '{telephony}',
 'Seconds after a call during which the agent gets no new call (after-call work).',
 '{"type":"integer","minimum":0,"maximum":3600}'),
('acdMaxWaitSeconds', 'telephony', 'integer', '600', false, '{telephony}',
 'Longest time in seconds a caller waits in a queue before the call is handed back (overflow).',
 '{"type":"integer","minimum":0,"maximum":86400}'),
('acdRingTimeoutSeconds', 'telephony', 'integer', '20', false, '{telephony}',
 'Seconds a call rings at an agent before it is offered to the next available agent.',
 '{"type":"integer","minimum":5,"maximum":300}');
