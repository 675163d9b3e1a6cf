-- Tags move from the ticket_tag table (loaded eagerly with every ticket) into an array column on
-- the ticket row: one row read per ticket, and a GIN index answers "tickets with tag X" (tag_ids @> '{X}').
alter table ticket add column tag_ids bigint[] not null default '{}';

update ticket t
   set tag_ids = tags.ids
  from (select ticket_id, array_agg(tag_id order by tag_id) as ids from ticket_tag group by ticket_id) tags
 where tags.ticket_id = t.id;

drop table ticket_tag;

create index ticket_tag_ids on ticket using gin (tag_ids);
