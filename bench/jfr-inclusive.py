#!/usr/bin/env python3
"""Inclusive shares from a JFR recording: for each group, the share of execution samples with at
least one frame of that group anywhere on the stack (a sample counts for every group it touches),
and the top self frames. Complements jfr-summary.py (self time by library).
  bench/jfr-inclusive.py /tmp/get.jfr [label=regex ...]
"""
import sys, re, subprocess, collections
f = sys.argv[1]
groups = [a.split('=', 1) for a in sys.argv[2:]] or [
    ('Hibernate (any frame)', r'^org\.hibernate\.(?!validator)'),
    ('Hibernate entity loading', r'^org\.hibernate\.(loader|sql\.results\.graph\.entity)'),
    ('Hibernate flush / dirty check', r'^org\.hibernate\.event\.internal\.(DefaultFlush|AbstractFlushing|DefaultAutoFlush|DefaultFlushEntity)'),
    ('JSON column copies (Hibernate JsonJavaType / FormatMapper)', r'^org\.hibernate\.type\.(descriptor\.java\.spi\.JsonJavaType|format)'),
    ('JDBC driver + pool (pgjdbc, Agroal)', r'^(org\.postgresql|io\.agroal)'),
    ('transactions (Narayana)', r'^(com\.arjuna|io\.quarkus\.narayana)'),
    ('writing the answer (ResponseWriterHandler)', r'ResponseWriterHandler'),
    ('reflective Method.invoke / Field access', r'^(java\.lang\.reflect\.Method\.invoke|jdk\.internal\.reflect|java\.lang\.reflect\.Field\.(get|set))'),
    ('reading the request body (Jackson readers)', r'(ServerJacksonMessageBodyReader|FullyFeaturedServerJacksonMessageBodyReader|BeanDeserializer)'),
    ('security (RolesAllowedInterceptor, SecurityHandler, identity providers, oidc)', r'^(io\.quarkus\.security|io\.quarkus\.oidc|io\.quarkus\.resteasy\.reactive\.server\.runtime\.security|io\.quarkus\.vertx\.http\.runtime\.security|mind\.common\.auth)'),
    ('  of which quarkus-oidc', r'^io\.quarkus\.oidc'),
    ('  of which the verified-token cache (mind.common.auth)', r'^mind\.common\.auth'),
    ('SmallRye context propagation', r'^io\.smallrye\.context'),
    ('idempotency filter', r'^mind\.common\.idempotency'),
    ('jsoup (bodyPlain)', r'^org\.jsoup'),
    ('bean validation', r'^org\.hibernate\.validator'),
    ('micrometer', r'^io\.micrometer'),
]
groups = [(label, re.compile(rx)) for label, rx in groups]
out = subprocess.run(['jfr', 'print', '--events', 'jdk.ExecutionSample', '--stack-depth', '200', f],
                     capture_output=True, text=True).stdout
inc = collections.Counter(); top = collections.Counter(); n = 0
for s in out.split('jdk.ExecutionSample')[1:]:
    frames = re.findall(r'^\s+([\w$.<>/]+)\(', s, re.M)
    if not frames:
        continue
    n += 1
    top[frames[0]] += 1
    for label, rx in groups:
        if any(rx.search(fr) for fr in frames):
            inc[label] += 1
print(n, 'samples; inclusive share per group')
for label, _ in groups:
    print(f'{100 * inc[label] / max(n, 1):5.1f}%  {label}')
print('top self frames')
for k, v in top.most_common(10):
    print(f'{100 * v / max(n, 1):5.1f}%  {k}')
