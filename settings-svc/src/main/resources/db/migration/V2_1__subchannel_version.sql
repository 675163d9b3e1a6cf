-- The ETag of a subchannel: GET ?id= sends it, DELETE honours If-Match against it.
alter table subchannel add column version bigint not null default 0;
