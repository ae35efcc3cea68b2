package com.ceki.ethereum;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.web3j.protocol.Service;
import org.web3j.protocol.Web3j;

/**
 * web3j's JSON-RPC transport on the JDK's own HTTP client, instead of OkHttp and the Kotlin runtime it brings
 * (about 2.5 MB and their start-up) — the same requests and responses, parsed by web3j.
 */
public final class JdkHttpService extends Service {

    private final HttpClient client;
    private final URI url;

    public JdkHttpService(String url) {
        super(false);
        this.url = URI.create(url);
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public static Web3j web3j(String url) {
        return Web3j.build(new JdkHttpService(url));
    }

    @Override
    protected InputStream performIO(String payload) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload))
                .build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                throw new IOException("JSON-RPC " + url + " answered HTTP " + response.statusCode());
            }
            return new ByteArrayInputStream(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while calling " + url, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
