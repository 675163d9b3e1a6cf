-- An authorization may start without a subchannel (GET /settings/mailbox/microsoft/authorization with no
-- subchannelId): the email subchannel for the new mailbox is created by the callback, once Microsoft has
-- granted tokens, under the name kept here. A state names either a subchannel or a new mailbox's name.
alter table mailbox_oauth_state alter column subchannel_id drop not null;
alter table mailbox_oauth_state add column new_subchannel_name text;
alter table mailbox_oauth_state add constraint mailbox_oauth_state_target
    check ((subchannel_id is null) <> (new_subchannel_name is null));
