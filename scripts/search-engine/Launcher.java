import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.MockNode;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * A single-node OpenSearch for the tests, started from the server's jars (scripts/with-search-engine.sh).
 *
 * <p>MockNode is the test framework's public way to build a node from code with the modules on the
 * classpath; it skips the production bootstrap checks, which a throwaway node does not need.
 *
 * <p>Usage: java Launcher HOME HTTP_PORT TRANSPORT_PORT CONTROL_PORT
 *
 * <p>The control port (127.0.0.1 only) lets a test take the engine down and bring it back, to prove
 * that search falls back to the database when the engine is gone: POST /stop closes the node (its
 * HTTP port stops answering), POST /start opens a new node on the same ports and data.
 */
public final class Launcher {
    private static Settings settings;
    private static Node node;

    public static void main(String[] args) throws Exception {
        String home = args[0];
        settings = Settings.builder()
                .put("cluster.name", "hub-test")
                .put("node.name", "hub-test-node")
                .put("path.home", home)
                .put("path.data", home + "/data")
                .put("network.host", "127.0.0.1")
                .put("http.port", args[1])
                .put("transport.port", args[2])
                .put("http.type", "netty4")
                .put("transport.type", "netty4")
                .put("discovery.type", "single-node")
                // The temporary folder lives on whatever disk the machine has: never go read-only.
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                // One shard, no replicas, no waiting for a second node.
                .put("cluster.default_number_of_replicas", 0)
                .build();
        start();
        Runtime.getRuntime().addShutdownHook(new Thread(Launcher::stop));

        HttpServer control = HttpServer.create(
                new InetSocketAddress("127.0.0.1", Integer.parseInt(args[3])), 0);
        control.createContext("/stop", exchange -> answer(exchange, Launcher::stop));
        control.createContext("/start", exchange -> answer(exchange, Launcher::start));
        control.start();
    }

    private static synchronized void start() {
        if (node != null) {
            return;
        }
        try {
            node = new MockNode(settings, List.of(
                    Netty4Plugin.class,
                    CommonAnalysisPlugin.class,
                    MapperExtrasPlugin.class,
                    ReindexPlugin.class,
                    PainlessPlugin.class));
            node.start();
        } catch (Exception error) {
            throw new IllegalStateException("the search engine did not start", error);
        }
    }

    private static synchronized void stop() {
        if (node == null) {
            return;
        }
        try {
            node.close();
            node.awaitClose(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception error) {
            error.printStackTrace();
        }
        node = null;
    }

    private static void answer(HttpExchange exchange, Runnable action) throws IOException {
        int status = 200;
        String body = "ok\n";
        if (!"POST".equals(exchange.getRequestMethod())) {
            status = 405;
            body = "POST only\n";
        } else {
            try {
                action.run();
            } catch (RuntimeException error) {
                status = 500;
                body = error + "\n";
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
