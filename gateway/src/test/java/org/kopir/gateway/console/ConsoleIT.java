package org.kopir.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.audit.AuditQueryService;
import org.kopir.gateway.audit.AuditRecord;
import org.kopir.gateway.testsupport.ConsoleClient;
import org.kopir.gateway.testsupport.DemoPki;
import org.kopir.gateway.testsupport.TestNode;

/**
 * The console on a real node over HTTPS: sign-in, headers, cookies, CSRF, roles, lock-out, idle
 * timeout, hostile input and the audit records every read and every sign-in leaves.
 */
class ConsoleIT {

  @TempDir static Path data;
  static TestNode kz;

  @BeforeAll
  static void start() {
    kz = new TestNode("kz", data.resolve("kz"));
    accounts(kz);
    kz.set("kopir.console.backoff", "50ms")
        .set("kopir.console.max-backoff", "200ms")
        .set("kopir.console.lockout", "10m")
        .set("kopir.console.idle-timeout", "8s")
        .start();
  }

  /** The development accounts plus one that the lock-out test may lock. */
  static void accounts(TestNode node) {
    node.set("kopir.security.users[0].name", "auditor")
        .set("kopir.security.users[0].password", "{noop}auditor-dev")
        .set("kopir.security.users[0].roles", "AUDITOR")
        .set("kopir.security.users[1].name", "operator")
        .set("kopir.security.users[1].password", "{noop}operator-dev")
        .set("kopir.security.users[1].roles", "OPERATOR")
        .set("kopir.security.users[2].name", "inspector")
        .set("kopir.security.users[2].password", "{noop}inspector-dev")
        .set("kopir.security.users[2].roles", "AUDITOR,OPERATOR");
  }

  @AfterAll
  static void stop() {
    if (kz != null) {
      kz.stop();
    }
  }

  private static ConsoleClient browser() {
    return ConsoleClient.browser(kz.localUrl(), DemoPki.ca("kz"));
  }

  private static List<AuditRecord> records() {
    AuditQueryService audit = kz.bean(AuditQueryService.class);
    long head = audit.lastSeq();
    return audit
        .search(
            new org.kopir.gateway.audit.AuditQuery(null, null, null, null, null, null),
            0,
            AuditQueryService.MAX_PAGE_SIZE)
        .records()
        .stream()
        .filter(r -> r.seq() <= head)
        .toList();
  }

  private static List<AuditRecord> recordsAfter(long seq, String event) {
    AuditQueryService audit = kz.bean(AuditQueryService.class);
    var all = new java.util.ArrayList<AuditRecord>();
    for (int page = 0; ; page++) {
      var found =
          audit.search(
              new org.kopir.gateway.audit.AuditQuery(null, null, null, event, null, null),
              page,
              AuditQueryService.MAX_PAGE_SIZE);
      all.addAll(found.records());
      if (found.records().size() < AuditQueryService.MAX_PAGE_SIZE) {
        break;
      }
    }
    return all.stream().filter(r -> r.seq() > seq).toList();
  }

  private static long head() {
    return kz.bean(AuditQueryService.class).lastSeq();
  }

  @Test
  void signInPageIsAFormWithStrictHeaders() {
    ConsoleClient.Page page = browser().get("/console/login");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("name=\"username\"")
        .contains("name=\"password\"")
        .containsPattern("type=\"hidden\" name=\"_csrf\" value=\"[^\"]+\"");
    String csp = page.header("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'");
    assertThat(csp).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
    assertThat(page.header("X-Frame-Options")).contains("DENY");
    assertThat(page.header("Cache-Control").orElseThrow()).contains("no-store");
    assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=\"");
  }

  @Test
  void sessionCookieIsHttpOnlySecureAndStrict() {
    ConsoleClient.Page page = browser().get("/console/login");

    String cookie =
        page.headers("Set-Cookie").stream()
            .filter(c -> c.startsWith(ConsoleConfiguration.SESSION_COOKIE + "="))
            .findFirst()
            .orElseThrow();
    assertThat(cookie).contains("HttpOnly").contains("Secure").contains("SameSite=Strict");
    assertThat(cookie).contains("Path=/console");
  }

  @Test
  void auditorSignsInSearchesAndTheReadIsAudited() {
    ConsoleClient auditor = browser();
    long before = head();

    ConsoleClient.Page signedIn = auditor.signIn("auditor", "auditor-dev");
    assertThat(signedIn.status()).isEqualTo(302);
    assertThat(signedIn.header("Location").orElseThrow()).endsWith("/console/");
    assertThat(auditor.get("/console/").header("Location").orElseThrow())
        .endsWith("/console/audit");
    ConsoleClient.Page search = auditor.get("/console/audit?event=user.signed-in");

    assertThat(search.status()).isEqualTo(200);
    assertThat(search.header("Cache-Control").orElseThrow()).contains("no-store");
    assertThat(search.body()).contains("user:auditor");
    assertThat(recordsAfter(before, "user.signed-in"))
        .anyMatch(r -> r.actor().equals("user:auditor"));
    assertThat(recordsAfter(before, "audit.viewed"))
        .anyMatch(
            r ->
                r.actor().equals("user:auditor")
                    && r.detail().path("view").asText().equals("audit")
                    && r.detail().path("event").asText().equals("user.signed-in"));
  }

  @Test
  void aPostWithoutTheCsrfTokenIsRefused() {
    ConsoleClient auditor = browser();
    auditor.signIn("auditor", "auditor-dev");
    auditor.get("/console/integrity");
    long before = head();

    ConsoleClient.Page refused = auditor.postRaw("/console/integrity/verify", Map.of());
    ConsoleClient.Page wrong =
        auditor.postRaw("/console/integrity/verify", Map.of("_csrf", "not-the-token"));
    ConsoleClient.Page accepted = auditor.post("/console/integrity/verify", Map.of());

    assertThat(refused.status()).isEqualTo(403);
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(accepted.status()).isEqualTo(200);
    assertThat(accepted.body()).contains("id=\"verification\"");
    // Only the accepted request ran a verification.
    assertThat(
            recordsAfter(before, "audit.viewed").stream()
                .filter(r -> r.detail().path("view").asText().equals("verify"))
                .count())
        .isEqualTo(1);
  }

  @Test
  void rolesDecideThePages() {
    ConsoleClient auditor = browser();
    auditor.signIn("auditor", "auditor-dev");
    ConsoleClient operator = browser();
    operator.signIn("operator", "operator-dev");

    assertThat(auditor.get("/console/dead-letters").status()).isEqualTo(403);
    assertThat(auditor.get("/console/integrity").status()).isEqualTo(200);
    assertThat(operator.get("/console/audit").status()).isEqualTo(403);
    assertThat(operator.get("/console/").status()).isEqualTo(200);
    assertThat(operator.get("/console/dead-letters").status()).isEqualTo(200);
    assertThat(operator.get("/console/overdue").status()).isEqualTo(200);
    assertThat(operator.get("/console/messages").status()).isEqualTo(200);
    assertThat(browser().get("/console/audit").status()).isEqualTo(302);
  }

  @Test
  void httpBasicDoesNotOpenTheConsole() {
    String basic =
        "Basic "
            + java.util.Base64.getEncoder()
                .encodeToString(
                    "auditor:auditor-dev".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    // The same credentials open the API, but the console only knows its own sign-in.
    assertThat(kz.person("auditor").get(kz.localUrl() + "/api/v1/audit/verify").status())
        .isEqualTo(200);
    ConsoleClient.Page page = browser().get("/console/audit", "Authorization", basic);
    assertThat(page.status()).isEqualTo(302);
    assertThat(page.header("Location").orElseThrow()).endsWith("/console/login");
  }

  @Test
  void agencyCertificatesAreRefused() {
    ConsoleClient agency =
        ConsoleClient.agency(kz.localUrl(), DemoPki.ca("kz"), DemoPki.agency("kz", "kz-cpc"));

    assertThat(agency.get("/console/login").status()).isEqualTo(403);
    assertThat(agency.get("/console/").status()).isEqualTo(403);
    assertThat(
            agency
                .postRaw("/console/login", Map.of("username", "auditor", "password", "auditor-dev"))
                .status())
        .isEqualTo(403);
  }

  @Test
  void repeatedFailuresBackOffThenLockTheAccountAndAreAudited() throws Exception {
    long before = head();
    ConsoleClient attacker = browser();
    String last = null;
    for (int i = 0; i < 5; i++) {
      Thread.sleep(250); // past the (shortened) back-off
      last = attacker.signIn("inspector", "guess-" + i).header("Location").orElseThrow();
    }
    assertThat(last).contains("/console/login?locked=");
    // Even the right password is refused while locked.
    ConsoleClient owner = browser();
    assertThat(owner.signIn("inspector", "inspector-dev").header("Location").orElseThrow())
        .contains("locked=");
    assertThat(owner.get("/console/audit").status()).isEqualTo(302);

    assertThat(recordsAfter(before, "user.sign-in-failed"))
        .filteredOn(r -> r.actor().equals("user:inspector"))
        .hasSize(5);
    assertThat(recordsAfter(before, "user.locked-out"))
        .singleElement()
        .satisfies(r -> assertThat(r.actor()).isEqualTo("user:inspector"));
    // A name that is no account is audited without the name.
    browser().signIn("no-such-person", "x");
    assertThat(recordsAfter(before, "user.sign-in-failed"))
        .anyMatch(r -> r.actor().equals("anonymous"))
        .noneMatch(r -> r.toJson().toString().contains("no-such-person"));
  }

  @Test
  void backOffRefusesAnAttemptThatComesTooSoon() {
    ConsoleClient client = browser();
    client.signIn("someone-else", "a");
    client.signIn("someone-else", "b");
    String third = client.signIn("someone-else", "c").header("Location").orElseThrow();
    // 50 ms back-off after the second failure: a quick third try may or may not be inside it,
    // but it is never checked as a password when it is.
    assertThat(third).containsAnyOf("error", "wait=");
  }

  @Test
  void hostileFilterValuesGetAClearMessage() {
    ConsoleClient auditor = browser();
    auditor.signIn("auditor", "auditor-dev");
    String huge = "x".repeat(10 * 1024);
    List<String> hostile =
        List.of(
            "/console/audit?messageId=%27%20OR%201%3D1--",
            "/console/audit?caseToken=%27%3B%20DROP%20TABLE%20audit_record%3B--",
            "/console/audit?agency=" + huge,
            "/console/audit?actor=" + huge,
            "/console/audit?event=" + huge,
            "/console/audit?from=2026-13-45T99:99",
            "/console/audit?to=yesterday",
            "/console/audit?fromSeq=-5",
            "/console/audit?toSeq=99999999999999999999999",
            "/console/audit?size=100000",
            "/console/audit?before=-1",
            "/console/audit/-1",
            "/console/audit/0",
            "/console/audit/abc",
            "/console/audit/999999999",
            "/console/messages/%27%20OR%20%271%27%3D%271",
            "/console/messages/0193a4c2-7f3e-7cc1-9b5e-3a2f1c0d9e88",
            "/console/cases/unknown.case",
            "/console/cases/%3Cscript%3E",
            "/console/reads?from=" + huge,
            "/console/integrity/records.jsonl?fromSeq=-3",
            "/console/integrity/records.jsonl?toSeq=99999999");
    for (String path : hostile) {
      ConsoleClient.Page page = auditor.get(path);
      String shown = path.length() > 100 ? path.substring(0, 100) + "..." : path;
      assertThat(page.status()).as(shown).isIn(400, 404);
      assertThat(page.body().contains(huge)).as(shown + " echoes the 10 KB value").isFalse();
      assertThat(page.body())
          .as(shown)
          .contains("role=\"alert\"")
          .doesNotContain("Exception")
          .doesNotContain("at org.")
          .doesNotContain("<script>");
    }
    ConsoleClient operator = browser();
    operator.signIn("operator", "operator-dev");
    for (String path :
        List.of(
            "/console/messages?status=" + huge,
            "/console/messages?from=x",
            "/console/dead-letters?page=-1",
            "/console/overdue?page=abc")) {
      ConsoleClient.Page page = operator.get(path);
      String shown = path.length() > 100 ? path.substring(0, 100) + "..." : path;
      assertThat(page.status()).as(shown).isEqualTo(400);
      assertThat(page.body()).as(shown).contains("role=\"alert\"").doesNotContain("Exception");
    }
  }

  @Test
  void theLanguageIsChosenPerPersonAndRemembered() {
    ConsoleClient auditor = browser();
    auditor.signIn("auditor", "auditor-dev");
    auditor.get("/console/audit");
    ConsoleClient.Page changed =
        auditor.post("/console/language", Map.of("lang", "ru", "back", "/console/audit"));

    assertThat(changed.status()).isEqualTo(302);
    assertThat(changed.header("Location").orElseThrow()).endsWith("/console/audit");
    ConsoleClient.Page russian = auditor.get("/console/audit");
    assertThat(russian.body()).contains("lang=\"ru\"").contains("Журнал аудита");
    auditor.post("/console/language", Map.of("lang", "kk", "back", "https://evil.example/"));
    ConsoleClient.Page kazakh = auditor.get("/console/audit");
    assertThat(kazakh.body()).contains("lang=\"kk\"").contains("Аудит журналы");
    assertThat(browser().get("/console/login").body()).contains("lang=\"en\"");
  }

  @Test
  void signOutEndsTheSessionAndIsAudited() {
    long before = head();
    ConsoleClient operator = browser();
    operator.signIn("operator", "operator-dev");
    operator.get("/console/");

    ConsoleClient.Page out = operator.post("/console/logout", Map.of());

    assertThat(out.header("Location").orElseThrow()).contains("/console/login?signedOut");
    assertThat(operator.get("/console/").status()).isEqualTo(302);
    assertThat(recordsAfter(before, "user.signed-out"))
        .anyMatch(r -> r.actor().equals("user:operator"));
  }

  @Test
  void aSharedLinkOpensAfterSigningIn() {
    ConsoleClient auditor = browser();
    ConsoleClient.Page first = auditor.get("/console/audit?event=user.signed-in&from=");
    assertThat(first.status()).isEqualTo(302);
    assertThat(first.header("Location").orElseThrow()).endsWith("/console/login");

    ConsoleClient.Page signedIn = auditor.signIn("auditor", "auditor-dev");

    assertThat(signedIn.header("Location").orElseThrow())
        .isEqualTo(kz.localUrl() + "/console/audit?event=user.signed-in&from=");
  }

  @Test
  void anExpiredPanelRefreshSendsTheWholePageToSignIn() {
    ConsoleClient.Page refresh = browser().get("/console/dashboard/panels", "HX-Request", "true");

    assertThat(refresh.status()).isEqualTo(401);
    assertThat(refresh.header("HX-Redirect")).contains("/console/login?expired");
  }

  @Test
  void anIdleSessionExpires() throws Exception {
    ConsoleClient operator = browser();
    operator.signIn("operator", "operator-dev");
    assertThat(operator.get("/console/").status()).isEqualTo(200);

    Thread.sleep(10_000);

    assertThat(operator.get("/console/").status()).isEqualTo(302);
  }

  @Test
  void everyDataPageRecordsAuditViewed() {
    ConsoleClient both = browser();
    both.signIn("auditor", "auditor-dev");
    ConsoleClient operator = browser();
    operator.signIn("operator", "operator-dev");
    long before = head();

    both.get("/console/audit");
    both.get("/console/reads");
    both.get("/console/audit/1");
    both.get("/console/integrity");
    both.get("/console/messages");
    operator.get("/console/");
    operator.get("/console/dead-letters");
    operator.get("/console/overdue");
    both.get("/console/audit/export.csv");
    both.get("/console/integrity/records.jsonl");

    List<String> views =
        recordsAfter(before, "audit.viewed").stream()
            .map(r -> r.detail().path("view").asText())
            .toList();
    assertThat(views)
        .contains(
            "audit",
            "reads",
            "record",
            "integrity",
            "messages",
            "dashboard",
            "dead-letters",
            "overdue");
    assertThat(recordsAfter(before, "audit.exported"))
        .extracting(r -> r.detail().path("what").asText())
        .contains("search", "records");
    assertThat(records()).isNotEmpty();
  }

  @Test
  void aDeadLetteredReceiptIsListedAndReplayedInTheApiAndTheConsole() {
    String id = java.util.UUID.randomUUID().toString();
    String receiptId = java.util.UUID.randomUUID().toString();
    // As the broker moves a receipt whose attempts are exhausted: body, kopirMessageId and the
    // receipts queue of the partner it was for
    kz.bean(org.apache.camel.ProducerTemplate.class)
        .sendBodyAndHeaders(
            "jms:queue:kopir.dead-letter.receipts",
            "{\"receipt\":{\"receiptId\":\""
                + receiptId
                + "\",\"outcome\":\"RETRIEVED\"},\"signature\":{}}",
            Map.of("kopirMessageId", id, "_AMQ_ORIG_ADDRESS", "kopir.outbound-receipts.kg"));
    var store = kz.bean(org.kopir.gateway.deadletters.ReceiptDeadLetterStore.class);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(20))
        .until(() -> store.find(id).isPresent());

    var api = kz.person("operator");
    var listed = api.get(kz.localUrl() + "/api/v1/dead-letters/receipts");
    assertThat(listed.status()).isEqualTo(200);
    var item =
        java.util.stream.StreamSupport.stream(listed.json().path("items").spliterator(), false)
            .filter(i -> id.equals(i.path("messageId").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(item.path("receiptId").asText()).isEqualTo(receiptId);
    assertThat(item.path("outcome").asText()).isEqualTo("RETRIEVED");
    assertThat(item.path("reason").asText()).isEqualTo("ATTEMPTS_EXHAUSTED");
    assertThat(listed.body()).doesNotContain("signature");
    var unknown =
        api.post(
            kz.localUrl()
                + "/api/v1/dead-letters/receipts/"
                + java.util.UUID.randomUUID()
                + "/replay",
            null,
            new byte[0]);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.raw().headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(unknown.json().path("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(kz.agency("kz-cpc").get(kz.localUrl() + "/api/v1/dead-letters/receipts").status())
        .isEqualTo(403);

    ConsoleClient operator = browser();
    operator.signIn("operator", "operator-dev");
    ConsoleClient.Page page = operator.get("/console/dead-letters");
    assertThat(page.body()).contains("Receipts the partner did not take").contains(id);
    ConsoleClient.Page confirm =
        operator.post("/console/dead-letters/confirm", Map.of("kind", "receipt", "id", id));
    assertThat(confirm.status()).isEqualTo(200);
    assertThat(confirm.body()).contains("exactly 1 receipt").contains("name=\"kind\"");
    long before = head();
    ConsoleClient.Page replayed =
        operator.post(
            "/console/dead-letters/replay",
            Map.of("kind", "receipt", "id", id, "reason", "partner back, ticket OPS-18"));
    assertThat(replayed.status()).isEqualTo(302);
    assertThat(store.find(id)).isEmpty();
    assertThat(operator.get("/console/dead-letters").body()).contains("1 receipt replayed");
    AuditRecord requested = recordsAfter(before, "operator.replay-requested").get(0);
    assertThat(requested.detail().path("kind").asText()).isEqualTo("receipt");
    assertThat(requested.messageId()).isEqualTo(id);
    AuditRecord receiptReplayed = recordsAfter(before, "receipt.replayed").get(0);
    assertThat(receiptReplayed.actor()).isEqualTo("user:operator");
    assertThat(receiptReplayed.detail().path("receiptId").asText()).isEqualTo(receiptId);
  }
}
