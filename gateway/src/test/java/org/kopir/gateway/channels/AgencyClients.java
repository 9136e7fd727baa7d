package org.kopir.gateway.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.kopir.gateway.crypto.PemFiles;

/** An agency system as a test sees it: HTTPS with its client certificate, and a JMS client. */
final class AgencyClients {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Path CERTS = org.kopir.gateway.testsupport.DemoPki.root().resolve("kz");

  private AgencyClients() {}

  /** HTTPS client presenting {@code agency}'s development certificate, trusting the kz CA. */
  static HttpClient https(String agency) {
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      X509Certificate certificate =
          PemFiles.readCertificate(CERTS.resolve("agencies/" + agency + ".crt"));
      keys.setKeyEntry(
          "agency",
          PemFiles.readPrivateKey(CERTS.resolve("agencies/" + agency + ".key")),
          new char[0],
          new X509Certificate[] {certificate});
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, new char[0]);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", PemFiles.readCertificate(CERTS.resolve("ca.crt")));
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
      return HttpClient.newBuilder()
          .sslContext(context)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> post(HttpClient client, String url, String contentType, String body) {
    try {
      return client.send(
          HttpRequest.newBuilder(URI.create(url))
              .timeout(Duration.ofSeconds(20))
              .header("Content-Type", contentType)
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> get(HttpClient client, String url) {
    try {
      return client.send(
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The SOAP 1.1 request of {@code exchange.wsdl} carrying {@code envelopeJson}. */
  static String submitRequest(String envelopeJson) {
    return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\""
        + " xmlns:k=\"urn:kopir:exchange:v1\"><soap:Body><k:SubmitMessageRequest><k:envelopeJson>"
        + envelopeJson.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        + "</k:envelopeJson></k:SubmitMessageRequest></soap:Body></soap:Envelope>";
  }

  static String statusRequest(String messageId) {
    return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\""
        + " xmlns:k=\"urn:kopir:exchange:v1\"><soap:Body><k:GetMessageStatusRequest><k:messageId>"
        + messageId
        + "</k:messageId></k:GetMessageStatusRequest></soap:Body></soap:Envelope>";
  }

  /** Text of the first element with this local name, whatever its prefix; null if absent. */
  static String element(String xml, String localName) {
    Matcher matcher =
        Pattern.compile(
                "<(?:\\w+:)?" + localName + "(?:\\s[^>]*)?>([^<]*)</(?:\\w+:)?" + localName + ">")
            .matcher(xml);
    return matcher.find() ? matcher.group(1) : null;
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A JMS connection to the node's broker as {@code user}. */
  static Connection jms(int brokerPort, String user, String password) throws JMSException {
    ActiveMQConnectionFactory factory =
        new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort, user, password);
    Connection connection = factory.createConnection();
    connection.start();
    return connection;
  }

  /** Puts {@code text} on {@code queue} and waits for the notification correlated by {@code id}. */
  static JsonNode submitOverJms(Connection connection, String agency, String text, String id)
      throws JMSException {
    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    try {
      MessageProducer producer =
          session.createProducer(session.createQueue("agency." + agency + ".outbox"));
      TextMessage message = session.createTextMessage(text);
      producer.send(message);
      String correlation = id != null ? id : message.getJMSMessageID();
      MessageConsumer consumer =
          session.createConsumer(
              session.createQueue("agency." + agency + ".inbox"),
              "kopirKind = 'notification' AND JMSCorrelationID = '" + correlation + "'");
      Message notification = consumer.receive(20_000);
      if (notification == null) {
        throw new IllegalStateException("no notification for " + correlation);
      }
      return json(((TextMessage) notification).getText());
    } finally {
      session.close();
    }
  }
}
