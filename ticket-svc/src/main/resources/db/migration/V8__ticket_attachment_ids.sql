-- A ticket's attachments get a number each (DELETE /ticket/{id}/attachment/{attachmentId} names one): the
-- existing ones are numbered from 1 in their stored order; new ones are numbered by the service.
update ticket t
   set attachments = (select coalesce(jsonb_agg(case when jsonb_typeof(a.elem) = 'object'
                                                     then a.elem || jsonb_build_object('id', a.ord)
                                                     else a.elem end order by a.ord), '[]'::jsonb)
                        from jsonb_array_elements(t.attachments) with ordinality a(elem, ord))
 where jsonb_typeof(t.attachments) = 'array' and jsonb_array_length(t.attachments) > 0;
