#!/usr/bin/env python3
"""Where a service's CPU goes, from a JFR recording: the share of execution samples whose innermost
frame belongs to each library (self time), e.g. after
  jcmd <pid> JFR.start duration=15s filename=/tmp/get.jfr settings=profile   (while wrk runs)
  bench/jfr-summary.py /tmp/get.jfr
"""
import sys, re, subprocess, collections
f = sys.argv[1]
out = subprocess.run(['jfr','print','--events','jdk.ExecutionSample','--stack-depth','200',f],capture_output=True,text=True).stdout
c = collections.Counter(); n=0
mine = re.compile(r'^(mind\.|org\.hibernate\.(?!validator)|com\.fasterxml|io\.quarkus\.oidc|org\.jsoup|com\.arjuna|io\.agroal|org\.postgresql|io\.smallrye\.context|io\.micrometer|org\.hibernate\.validator|io\.quarkus\.narayana|org\.jboss\.resteasy|io\.quarkus\.security|io\.quarkus\.arc|io\.netty|io\.vertx)')
for s in out.split('jdk.ExecutionSample')[1:]:
    frames = re.findall(r'^\s+([\w$.<>]+)\(', s, re.M)
    if not frames: continue
    n+=1
    # attribute sample to the first (innermost) frame belonging to a known library/package
    for fr in frames:
        m = mine.match(fr)
        if m:
            pkg = '.'.join(fr.split('.')[:3])
            c[pkg]+=1; break
    else:
        c['(jdk only: ' + '.'.join(frames[0].split('.')[:2]) + ')']+=1
print(n, 'samples, by innermost known package (self time)')
for k, v in c.most_common(18):
    print(f'{100 * v / max(n, 1):5.1f}%  {k}')
