package mind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The Kubernetes manifests under k8s/, checked offline. Every overlay is rendered with
 * {@code kubectl kustomize} (skipped, with a message, where kubectl is not installed; the checks of
 * the source files run everywhere) and its objects checked: Ingress backends, the path table the
 * front door also routes by, probes, limits and security context of every Deployment, Services,
 * the telephony HPA and the NetworkPolicies against the service-to-service edges of DESIGN.md.
 */
class KubernetesManifestsTest {

    static final Path ROOT = Path.of(System.getProperty("mind.root", "..")).toAbsolutePath().normalize();
    static final Path K8S = ROOT.resolve("k8s");
    static final List<String> OVERLAYS = List.of("dev", "prod");
    static final List<String> SERVICES = List.of("aiagent-svc", "qualitycheck-svc", "settings-svc", "telephony-svc",
            "ticket-svc");

    /**
     * DESIGN.md, "Between services": caller → the services it calls. Nothing else may talk. Two edges more
     * than DESIGN.md lists: qualitycheck → settings, because every service resolves the profile named by
     * {@code X-Enneo-On-Behalf-Of} through settings-svc (common's OnBehalfOf); settings → ticket, because
     * {@code GET /profile} lists the caller's open tickets and {@code GET /profile/{id}/routing} what the work
     * queue would hand a profile, both read with ticket-svc's search.
     */
    static final Map<String, Set<String>> EDGES = Map.of(
            "telephony-svc", Set.of("ticket-svc", "settings-svc"),
            "aiagent-svc", Set.of("ticket-svc", "settings-svc"),
            "qualitycheck-svc", Set.of("aiagent-svc", "ticket-svc", "settings-svc"),
            "ticket-svc", Set.of("aiagent-svc", "settings-svc"),
            "settings-svc", Set.of("ticket-svc"));

    /** Created per cluster, never rendered: README "Deploy" says how. */
    static final Set<String> CREATED_PER_CLUSTER = Set.of("mind-jwt", "mind-openapi");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    // ---- checks that need no rendering ------------------------------------------------------------

    @Test
    void everyManifestFileParses() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(K8S)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).toList();
        }
        assertTrue(files.size() >= 10, "k8s/ holds " + files);
        for (Path file : files) {
            List<JsonNode> documents = readAll(Files.readString(file));
            assertFalse(documents.isEmpty(), file + " is empty");
            for (JsonNode document : documents) {
                assertTrue(document.has("apiVersion") && document.has("kind"), file + ": a document without apiVersion/kind");
            }
        }
    }

    @Test
    void theFrontDoorReadsTheIngressOfTheBase() throws IOException {
        JsonNode ingress = readAll(Files.readString(K8S.resolve("base/ingress.yaml"))).get(0);
        assertEquals(ingressTable(ingress), frontDoorTable(), "the front door's table is k8s/base/ingress.yaml");
    }

    /**
     * Every REST client a service declares ({@code @RegisterRestClient(configKey = "...")}) is an
     * edge of DESIGN.md: a new client without an edge would be cut off by the NetworkPolicies.
     */
    @Test
    void everyRestClientInTheSourcesIsADesignEdge() throws IOException {
        Pattern client = Pattern.compile("@RegisterRestClient\\s*\\(\\s*configKey\\s*=\\s*\"([a-z]+)\"");
        int found = 0;
        for (String service : SERVICES) {
            Path sources = ROOT.resolve(service).resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(sources)) {
                files = walk.filter(p -> p.toString().endsWith(".java")).toList();
            }
            for (Path file : files) {
                Matcher m = client.matcher(Files.readString(file));
                while (m.find()) {
                    String callee = m.group(1) + "-svc";
                    assertTrue(EDGES.getOrDefault(service, Set.of()).contains(callee),
                            file + " calls " + callee + ", which is not an edge of DESIGN.md (nor of the NetworkPolicies)");
                    found++;
                }
            }
        }
        assertTrue(found > 0, "no REST client found in the services' sources");
    }

    /** Each service has both images, built on a minimal base and run as a non-root user (numeric, so runAsNonRoot can check it). */
    @Test
    void everyServiceHasNonRootImages() throws IOException {
        for (String service : SERVICES) {
            Path docker = ROOT.resolve(service).resolve("src/main/docker");
            String nativeImage = Files.readString(docker.resolve("Dockerfile.native"));
            String jvmImage = Files.readString(docker.resolve("Dockerfile.jvm"));
            assertTrue(nativeImage.matches("(?s).*\\nFROM [^\\n]*(quarkus-micro-image|ubi-micro|ubi9-micro|distroless)[^\\n]*\\n.*"),
                    service + ": the native image starts from ubi-micro or distroless");
            for (String dockerfile : List.of(nativeImage, jvmImage)) {
                Matcher user = Pattern.compile("(?m)^USER (\\d+)").matcher(dockerfile);
                String last = null;
                while (user.find()) {
                    last = user.group(1);
                }
                assertTrue(last != null && !last.equals("0"), service + ": the image runs as a numeric non-root USER");
            }
            assertTrue(nativeImage.contains("-runner") && jvmImage.contains("quarkus-run.jar"), service);
        }
    }

    /** The JVM-images component renders onto dev and gives every service a JVM's memory. */
    @Test
    void theJvmImagesComponentRaisesMemory() throws IOException {
        Assumptions.assumeTrue(kubectlInstalled(), KUBECTL_MISSING);
        Rendered r = renderWithComponent("overlays/dev", "components/jvm-images");
        for (JsonNode deployment : r.all("Deployment")) {
            assertEquals("512Mi", deployment.path("spec").path("template").path("spec").path("containers").get(0)
                    .path("resources").path("limits").path("memory").asText());
        }
    }

    // ---- checks of the rendered overlays ----------------------------------------------------------

    @TestFactory
    Stream<DynamicNode> everyOverlayRendersToAConsistentDeployment() {
        Assumptions.assumeTrue(kubectlInstalled(), KUBECTL_MISSING);
        return OVERLAYS.stream().map(overlay -> {
            Rendered r = render(overlay);
            return DynamicContainer.dynamicContainer(overlay, Stream.of(
                    DynamicTest.dynamicTest("every Ingress backend names an existing Service and port", () -> ingressBackends(r)),
                    DynamicTest.dynamicTest("the Ingress paths equal the front door's path table", () -> ingressPaths(r)),
                    DynamicTest.dynamicTest("every Deployment has probes, limits and a locked-down security context", () -> deployments(r)),
                    DynamicTest.dynamicTest("every Service selects a workload", () -> servicesSelect(r)),
                    DynamicTest.dynamicTest("the HPA targets telephony-svc", () -> hpa(overlay, r)),
                    DynamicTest.dynamicTest("replicas and database fit the overlay", () -> replicasAndDatabase(overlay, r)),
                    DynamicTest.dynamicTest("config and secrets referenced exist or are created per cluster", () -> references(overlay, r)),
                    DynamicTest.dynamicTest("NetworkPolicies allow exactly the DESIGN.md edges", () -> networkPolicies(r))));
        });
    }

    /** The component that adds the request-rate metric renders onto prod and keeps the CPU metric. */
    @Test
    void theRequestRateComponentAddsAPodsMetric() throws IOException {
        Assumptions.assumeTrue(kubectlInstalled(), KUBECTL_MISSING);
        Rendered r = renderWithComponent("overlays/prod", "components/telephony-request-rate");
        JsonNode hpa = r.only("HorizontalPodAutoscaler", "telephony-svc");
        List<String> types = new ArrayList<>();
        hpa.path("spec").path("metrics").forEach(m -> types.add(m.path("type").asText()));
        assertEquals(List.of("Resource", "Pods"), types);
        assertEquals("http_server_requests_per_second",
                hpa.path("spec").path("metrics").get(1).path("pods").path("metric").path("name").asText());
    }

    private static void ingressBackends(Rendered r) {
        List<JsonNode> ingresses = r.all("Ingress");
        assertEquals(1, ingresses.size(), "one Ingress");
        for (JsonNode rule : ingresses.get(0).path("spec").path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                JsonNode backend = path.path("backend").path("service");
                JsonNode service = r.find("Service", backend.path("name").asText());
                assertTrue(service != null, path.path("path").asText() + " → missing Service " + backend.path("name").asText());
                boolean portExists = false;
                for (JsonNode port : service.path("spec").path("ports")) {
                    portExists |= backend.path("port").has("number") ? port.path("port").asInt() == backend.path("port").path("number").asInt()
                            : port.path("name").asText().equals(backend.path("port").path("name").asText());
                }
                assertTrue(portExists, path.path("path").asText() + " → " + backend + ": the Service has no such port");
            }
        }
    }

    private static void ingressPaths(Rendered r) {
        assertEquals(frontDoorTable(), ingressTable(r.all("Ingress").get(0)));
    }

    private static void deployments(Rendered r) {
        List<JsonNode> deployments = r.all("Deployment");
        assertEquals(new TreeSet<>(SERVICES), names(deployments));
        for (JsonNode deployment : deployments) {
            String name = deployment.path("metadata").path("name").asText();
            JsonNode pod = deployment.path("spec").path("template");
            JsonNode spec = pod.path("spec");
            assertEquals("true", pod.path("metadata").path("annotations").path("prometheus.io/scrape").asText(), name + " scrape annotation");
            assertEquals("/q/metrics", pod.path("metadata").path("annotations").path("prometheus.io/path").asText(), name);
            assertTrue(spec.path("securityContext").path("runAsNonRoot").asBoolean(), name + ": runAsNonRoot");
            assertEquals("RuntimeDefault", spec.path("securityContext").path("seccompProfile").path("type").asText(), name + ": seccomp");
            assertEquals(1, spec.path("containers").size(), name);
            JsonNode container = spec.path("containers").get(0);
            assertEquals("/q/health/started", container.path("startupProbe").path("httpGet").path("path").asText(), name + " startupProbe");
            assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText(), name + " livenessProbe");
            assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText(), name + " readinessProbe");
            for (String kind : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertFalse(container.path("resources").path(kind).path(resource).asText().isEmpty(),
                            name + ": resources." + kind + "." + resource);
                }
            }
            JsonNode security = container.path("securityContext");
            assertTrue(security.has("allowPrivilegeEscalation") && !security.path("allowPrivilegeEscalation").asBoolean(),
                    name + ": allowPrivilegeEscalation false");
            assertTrue(security.path("readOnlyRootFilesystem").asBoolean(), name + ": readOnlyRootFilesystem");
            assertEquals("[\"ALL\"]", security.path("capabilities").path("drop").toString(), name + ": drop ALL capabilities");
            boolean tmp = false;
            for (JsonNode mount : container.path("volumeMounts")) {
                if (mount.path("mountPath").asText().equals("/tmp")) {
                    String volume = mount.path("name").asText();
                    for (JsonNode v : spec.path("volumes")) {
                        tmp |= v.path("name").asText().equals(volume) && v.has("emptyDir");
                    }
                }
            }
            assertTrue(tmp, name + ": /tmp is a writable emptyDir (the root filesystem is read-only)");
            assertTrue(r.find("PodDisruptionBudget", name) != null, name + ": no PodDisruptionBudget");
        }
    }

    private static void servicesSelect(Rendered r) {
        for (JsonNode service : r.all("Service")) {
            JsonNode selector = service.path("spec").path("selector");
            assertFalse(selector.isEmpty(), service.path("metadata").path("name") + " has no selector");
            boolean selects = false;
            for (JsonNode workload : r.workloads()) {
                selects |= matches(selector, workload.path("spec").path("template").path("metadata").path("labels"));
            }
            assertTrue(selects, "Service " + service.path("metadata").path("name").asText() + " selects no Deployment or StatefulSet");
        }
        for (JsonNode pdb : r.all("PodDisruptionBudget")) {
            boolean selects = false;
            for (JsonNode workload : r.workloads()) {
                selects |= matches(pdb.path("spec").path("selector").path("matchLabels"),
                        workload.path("spec").path("template").path("metadata").path("labels"));
            }
            assertTrue(selects, "PodDisruptionBudget " + pdb.path("metadata").path("name").asText() + " selects nothing");
        }
    }

    private static void hpa(String overlay, Rendered r) {
        List<JsonNode> hpas = r.all("HorizontalPodAutoscaler");
        assertEquals(1, hpas.size(), "one HPA");
        JsonNode spec = hpas.get(0).path("spec");
        assertEquals("Deployment", spec.path("scaleTargetRef").path("kind").asText());
        assertEquals("telephony-svc", spec.path("scaleTargetRef").path("name").asText());
        assertEquals("cpu", spec.path("metrics").get(0).path("resource").path("name").asText());
        if (overlay.equals("prod")) {
            assertEquals(3, spec.path("minReplicas").asInt());
            assertEquals(20, spec.path("maxReplicas").asInt());
        }
    }

    private static void replicasAndDatabase(String overlay, Rendered r) {
        for (JsonNode deployment : r.all("Deployment")) {
            int replicas = deployment.path("spec").path("replicas").asInt();
            String name = deployment.path("metadata").path("name").asText();
            if (overlay.equals("dev")) {
                assertEquals(1, replicas, name);
            } else {
                assertTrue(replicas >= 2, name + " runs " + replicas + " replica(s) in prod");
            }
        }
        List<JsonNode> statefulSets = r.all("StatefulSet");
        if (overlay.equals("dev")) {
            assertEquals(Set.of("mind-postgres"), names(statefulSets));
            JsonNode init = r.findPrefixed("ConfigMap", "mind-postgres-init");
            String script = init.path("data").path("10-mind-roles.sh").asText();
            for (String service : SERVICES) {
                String role = service.replace("-svc", "");
                assertTrue(script.contains(role) || script.contains("for role in"), "init script creates " + role);
            }
            assertTrue(script.contains("for role in ticket aiagent qualitycheck settings telephony"), script);
        } else {
            assertTrue(statefulSets.isEmpty(), "prod bundles no database");
            String host = r.findPrefixed("ConfigMap", "mind-database").path("data").path("MIND_DB_HOST").asText();
            assertFalse(host.isEmpty() || host.equals("mind-postgres"), "prod names an external PostgreSQL: " + host);
        }
        // a database role per service, each its own
        Set<String> roles = new TreeSet<>();
        for (String service : SERVICES) {
            roles.add(r.findPrefixed("ConfigMap", service + "-config").path("data").path("QUARKUS_DATASOURCE_USERNAME").asText());
        }
        assertEquals(Set.of("aiagent", "qualitycheck", "settings", "telephony", "ticket"), roles);
    }

    private static void references(String overlay, Rendered r) {
        for (JsonNode deployment : r.all("Deployment")) {
            String name = deployment.path("metadata").path("name").asText();
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
            Set<String> secrets = new TreeSet<>();
            for (JsonNode from : container.path("envFrom")) {
                if (from.has("configMapRef")) {
                    String map = from.path("configMapRef").path("name").asText();
                    assertTrue(r.find("ConfigMap", map) != null, name + " reads ConfigMap " + map + ", which is not rendered");
                } else {
                    secrets.add(from.path("secretRef").path("name").asText());
                }
            }
            assertTrue(secrets.contains("mind-jwt"), name + " reads the JWT public key");
            for (String secret : secrets) {
                boolean rendered = r.find("Secret", secret) != null;
                if (overlay.equals("prod")) {
                    assertFalse(rendered, "prod renders no Secret: " + secret);
                } else if (!CREATED_PER_CLUSTER.contains(secret)) {
                    assertTrue(rendered, name + " reads Secret " + secret + ", which dev does not generate");
                }
            }
        }
    }

    /**
     * Which service may open a connection to which: allowed only when a policy admits the caller's
     * egress to the callee's pods and one admits the callee's ingress from the caller's pods.
     */
    private static void networkPolicies(Rendered r) {
        List<JsonNode> policies = r.all("NetworkPolicy");
        assertTrue(policies.stream().anyMatch(p -> p.path("spec").path("podSelector").isEmpty()
                && p.path("spec").path("policyTypes").toString().contains("Ingress")
                && p.path("spec").path("policyTypes").toString().contains("Egress")
                && !p.path("spec").has("ingress") && !p.path("spec").has("egress")), "a default-deny policy for all pods");
        Map<String, JsonNode> pods = new TreeMap<>();
        for (JsonNode workload : r.workloads()) {
            pods.put(workload.path("metadata").path("name").asText(), workload.path("spec").path("template").path("metadata").path("labels"));
        }
        Map<String, Set<String>> allowed = new TreeMap<>();
        for (String caller : SERVICES) {
            Set<String> callees = new TreeSet<>();
            for (String callee : SERVICES) {
                if (!caller.equals(callee) && allows(policies, r.namespace(), pods.get(caller), pods.get(callee), 8080)) {
                    callees.add(callee);
                }
            }
            allowed.put(caller, callees);
        }
        Map<String, Set<String>> expected = new TreeMap<>();
        SERVICES.forEach(s -> expected.put(s, new TreeSet<>(EDGES.getOrDefault(s, Set.of()))));
        assertEquals(expected, allowed, "service-to-service connections the NetworkPolicies allow");

        Map<String, String> dns = Map.of("k8s-app", "kube-dns");
        JsonNode dnsPod = YAML.valueToTree(dns);
        for (String service : SERVICES) {
            JsonNode labels = pods.get(service);
            assertTrue(egress(policies, r.namespace(), labels, dnsPod, "kube-system", 53), service + " may resolve names");
            assertTrue(ingress(policies, r.namespace(), labels, "ingress-nginx", YAML.createObjectNode(), 8080),
                    service + " admits the ingress controller");
            assertFalse(ingress(policies, r.namespace(), labels, "elsewhere", YAML.createObjectNode(), 8080),
                    service + " admits an unknown namespace");
        }
        if (pods.containsKey("mind-postgres")) {
            for (String service : SERVICES) {
                assertTrue(allows(policies, r.namespace(), pods.get(service), pods.get("mind-postgres"), 5432), service + " → PostgreSQL");
            }
        } else {
            for (JsonNode policy : policies) {
                if (policy.path("metadata").path("name").asText().equals("allow-postgres-egress")) {
                    assertTrue(policy.path("spec").path("egress").get(0).path("to").get(0).has("ipBlock"),
                            "prod reaches the external PostgreSQL by address");
                }
            }
        }
    }

    private static boolean allows(List<JsonNode> policies, String namespace, JsonNode from, JsonNode to, int port) {
        return egress(policies, namespace, from, to, namespace, port) && ingress(policies, namespace, to, namespace, from, port);
    }

    /** May a pod with labels {@code from} open a connection to a pod {@code to} in {@code toNamespace}? */
    private static boolean egress(List<JsonNode> policies, String namespace, JsonNode from, JsonNode to, String toNamespace, int port) {
        boolean selected = false;
        for (JsonNode policy : policies) {
            JsonNode spec = policy.path("spec");
            if (!types(spec).contains("Egress") || !matches(spec.path("podSelector").path("matchLabels"), from)) {
                continue;
            }
            selected = true;
            for (JsonNode rule : spec.path("egress")) {
                if (ports(rule, port) && peers(rule.path("to"), namespace, to, toNamespace)) {
                    return true;
                }
            }
        }
        return !selected;
    }

    /** May a pod {@code to} accept a connection from a pod {@code from} in {@code fromNamespace}? */
    private static boolean ingress(List<JsonNode> policies, String namespace, JsonNode to, String fromNamespace, JsonNode from,
            int port) {
        boolean selected = false;
        for (JsonNode policy : policies) {
            JsonNode spec = policy.path("spec");
            if (!types(spec).contains("Ingress") || !matches(spec.path("podSelector").path("matchLabels"), to)) {
                continue;
            }
            selected = true;
            for (JsonNode rule : spec.path("ingress")) {
                if (ports(rule, port) && peers(rule.path("from"), namespace, from, fromNamespace)) {
                    return true;
                }
            }
        }
        return !selected;
    }

    private static Set<String> types(JsonNode spec) {
        Set<String> types = new TreeSet<>();
        spec.path("policyTypes").forEach(t -> types.add(t.asText()));
        return types;
    }

    private static boolean ports(JsonNode rule, int port) {
        if (!rule.has("ports")) {
            return true;
        }
        for (JsonNode p : rule.path("ports")) {
            if (p.path("port").asInt() == port) {
                return true;
            }
        }
        return false;
    }

    /**
     * Does a peer list admit a pod with these labels in that namespace? A peer without a
     * namespaceSelector means the policy's own namespace.
     */
    private static boolean peers(JsonNode peers, String policyNamespace, JsonNode labels, String podNamespace) {
        for (JsonNode peer : peers) {
            if (peer.has("ipBlock")) {
                continue;
            }
            for (String key : List.of("podSelector", "namespaceSelector")) {
                if (peer.path(key).has("matchExpressions")) {
                    fail("matchExpressions are not modelled by this test: " + peer);
                }
            }
            boolean namespaceOk = peer.has("namespaceSelector")
                    ? matches(peer.path("namespaceSelector").path("matchLabels"),
                            YAML.valueToTree(Map.of("kubernetes.io/metadata.name", podNamespace)))
                    : podNamespace.equals(policyNamespace);
            boolean podOk = !peer.has("podSelector") || matches(peer.path("podSelector").path("matchLabels"), labels);
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }

    /** Every label the selector names has that value on the object; an empty selector matches all. */
    private static boolean matches(JsonNode selector, JsonNode labels) {
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    // ---- support --------------------------------------------------------------------------------

    static Map<String, String> frontDoorTable() {
        Map<String, String> table = new TreeMap<>();
        RouteTable.fromIngress().routes().forEach(route -> table.put(route.prefix(), route.service()));
        return table;
    }

    static Map<String, String> ingressTable(JsonNode ingress) {
        Map<String, String> table = new TreeMap<>();
        for (JsonNode rule : ingress.path("spec").path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                assertEquals("Prefix", path.path("pathType").asText(), path.toString());
                String previous = table.put(path.path("path").asText(), path.path("backend").path("service").path("name").asText());
                assertTrue(previous == null, "the Ingress lists " + path.path("path").asText() + " twice");
            }
        }
        assertFalse(ingress.path("metadata").path("annotations").toString().contains("rewrite"), "no path rewriting");
        return table;
    }

    private static Set<String> names(List<JsonNode> objects) {
        Set<String> names = new TreeSet<>();
        objects.forEach(o -> names.add(o.path("metadata").path("name").asText()));
        return names;
    }

    static List<JsonNode> readAll(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    documents.add(node);
                }
            }
        }
        return documents;
    }

    /** The objects one overlay renders to. */
    record Rendered(List<JsonNode> objects) {

        List<JsonNode> all(String kind) {
            return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
        }

        List<JsonNode> workloads() {
            List<JsonNode> workloads = new ArrayList<>(all("Deployment"));
            workloads.addAll(all("StatefulSet"));
            return workloads;
        }

        JsonNode find(String kind, String name) {
            return all(kind).stream().filter(o -> o.path("metadata").path("name").asText().equals(name)).findFirst().orElse(null);
        }

        JsonNode only(String kind, String name) {
            JsonNode found = find(kind, name);
            assertTrue(found != null, kind + " " + name + " is not rendered");
            return found;
        }

        /** A generated ConfigMap or Secret, whose name carries kustomize's hash suffix. */
        JsonNode findPrefixed(String kind, String name) {
            return all(kind).stream().filter(o -> o.path("metadata").path("name").asText().matches(Pattern.quote(name) + "(-[a-z0-9]{10})?"))
                    .findFirst().orElseThrow(() -> new AssertionError(kind + " " + name + " is not rendered"));
        }

        String namespace() {
            return objects.stream().map(o -> o.path("metadata").path("namespace").asText()).filter(n -> !n.isEmpty()).findFirst()
                    .orElse("default");
        }
    }

    private static final Map<String, Rendered> RENDERED = new LinkedHashMap<>();

    static synchronized Rendered render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> renderDirectory(K8S.resolve("overlays").resolve(o)));
    }

    /** An overlay with a component added, rendered from a kustomization in local/target. */
    static Rendered renderWithComponent(String overlay, String component) throws IOException {
        Path target = ROOT.resolve("local/target");
        Files.createDirectories(target);
        Path dir = Files.createTempDirectory(target, "kustomize-");
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [ %s ]
                components: [ %s ]
                """.formatted(dir.relativize(K8S.resolve(overlay)), dir.relativize(K8S.resolve(component))));
        try {
            return renderDirectory(dir);
        } finally {
            Files.delete(dir.resolve("kustomization.yaml"));
            Files.delete(dir);
        }
    }

    static Rendered renderDirectory(Path dir) {
        Assumptions.assumeTrue(kubectlInstalled(), KUBECTL_MISSING);
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize did not finish");
            assertEquals(0, process.exitValue(), "kubectl kustomize " + dir + " failed: " + err);
            return new Rendered(readAll(new String(out, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static final String KUBECTL_MISSING = "kubectl is not installed: the rendered overlays are not checked here "
            + "(the source files still are); install kubectl (with its built-in kustomize) to run these checks";

    private static Boolean kubectl;

    static synchronized boolean kubectlInstalled() {
        if (kubectl == null) {
            try {
                Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                kubectl = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException | InterruptedException e) {
                kubectl = false;
            }
        }
        return kubectl;
    }
}
