package dev.plinth.framework.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.time.Duration;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The HTTP client of the plugin CLI. A {@link HttpClient} built without an SSL context sets up the platform's
 * default one (its providers, ciphers and trust store): about 300 ms of a CLI verb's start, for nothing when the
 * runtime's endpoint is plain {@code http}. For such an endpoint the client gets a context that refuses any use.
 */
final class PlainHttp {

    private PlainHttp() {
    }

    static HttpClient client(URI endpoint, Duration connectTimeout) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout);
        if ("http".equalsIgnoreCase(endpoint.getScheme())) {
            builder.sslContext(new SSLContext(new NoTls(), null, "none") { }).sslParameters(new SSLParameters());
        }
        return builder.build();
    }

    /** An SSL context for a client that never speaks TLS: every use fails. */
    private static final class NoTls extends SSLContextSpi {

        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException("the runtime's endpoint is plain http: no TLS here");
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random)
                throws KeyManagementException {
            throw refused();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return new SSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return new SSLParameters();
        }
    }
}
