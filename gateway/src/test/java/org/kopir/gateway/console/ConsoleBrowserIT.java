package org.kopir.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.audit.AuditTestFiles;
import org.kopir.gateway.intake.SubmissionLedger;
import org.kopir.gateway.testsupport.ConsoleBrowser;
import org.kopir.gateway.testsupport.ConsoleClient;
import org.kopir.gateway.testsupport.DemoPki;
import org.kopir.gateway.testsupport.Envelopes;
import org.kopir.gateway.testsupport.Http;
import org.kopir.gateway.testsupport.TestNode;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The console in headless Chromium against real nodes: an auditor signs in, searches, opens a
 * message's timeline, verifies the chain and downloads an export the CLI verifies; an operator
 * replays a dead letter and sees it delivered once the partner is up; a form without its CSRF token
 * is refused; repeated wrong passwords lock an account; axe-core finds no serious or critical
 * violation on any page. Screenshots are kept under {@code gateway/target/console-screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

  @TempDir static Path data;
  static TestNode kz;
  static TestNode kg;
  static ConsoleBrowser browser;
  static String deadLetterId;
  static final Map<String, List<String>> VIOLATIONS = new LinkedHashMap<>();

  @BeforeAll
  static void start() {
    ConsoleBrowser.assumeAvailable();
    kz = new TestNode("kz", data.resolve("kz"));
    kg = new TestNode("kg", data.resolve("kg"));
    ConsoleIT.accounts(kz);
    // kg is not running yet: kz's deliveries fail and, with a budget of seconds, are parked.
    kz.partner(kg)
        .set("kopir.broker.retry.normal.budget", "3s")
        .set("kopir.broker.retry.high.budget", "3s")
        .set("kopir.delivery.connect-timeout", "1s")
        .set("kopir.console.lockout", "10m")
        .start();
    kg.partner(kz);
    browser = ConsoleBrowser.start();
    Http agency = kz.agency("kz-cpc");
    ObjectNode envelope = Envelopes.referral();
    deadLetterId = Envelopes.messageId(envelope);
    assertThat(agency.postJson(kz.localUrl() + "/api/v1/messages", envelope.toString()).status())
        .isEqualTo(202);
    kz.awaitStatus(agency, deadLetterId, "DEAD_LETTERED");
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (kz != null) {
      kz.stop();
    }
    if (kg != null) {
      kg.stop();
    }
  }

  private static String url(String path) {
    return kz.localUrl() + path;
  }

  /** Checks the current page with axe-core and keeps a screenshot of it. */
  private static void check(String name) {
    VIOLATIONS.put(name, browser.seriousViolations());
    browser.screenshot(name);
  }

  @Test
  @Order(1)
  void signInPageIsAccessible() {
    browser.open(url("/console/login"));
    assertThat(browser.driver().getTitle()).contains("Sign in");
    check("login");
    assertThat(VIOLATIONS.get("login")).isEmpty();
  }

  @Test
  @Order(2)
  void auditorSearchesOpensATimelineVerifiesAndDownloadsAnExportTheCliVerifies() throws Exception {
    browser.signIn(kz.localUrl(), "auditor", "auditor-dev");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> browser.driver().getCurrentUrl().contains("/console/audit"));
    browser.type("f-messageId", deadLetterId);
    browser.clickAndWait("search");
    assertThat(browser.text()).contains("message.dead-lettered").contains("message.received");
    check("audit");

    browser.driver().findElement(By.linkText(deadLetterId)).click();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> browser.driver().getCurrentUrl().endsWith("/console/messages/" + deadLetterId));
    assertThat(browser.driver().findElements(By.cssSelector("figure.timeline svg g")))
        .hasSizeGreaterThanOrEqualTo(5);
    assertThat(browser.text()).contains("delivery.failed").contains("message.dead-lettered");
    check("message");

    String caseToken = kz.bean(SubmissionLedger.class).find(deadLetterId).orElseThrow().caseToken();
    browser.open(url("/console/cases/" + caseToken));
    assertThat(browser.text()).contains(deadLetterId);
    check("case");

    browser.open(url("/console/audit/1"));
    assertThat(browser.text()).contains("Previous hash");
    check("audit-record");

    browser.open(url("/console/reads"));
    assertThat(browser.text()).contains("audit.viewed").contains("user:auditor");
    check("reads");

    // Wait for a checkpoint that seals what is there, then verify and export through it.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              browser.open(url("/console/integrity"));
              return browser.driver().findElements(By.cssSelector("table.data tbody tr")).size()
                  > 0;
            });
    browser.clickAndWait("verify-now");
    assertThat(browser.driver().findElement(By.id("verification")).getText())
        .contains("Verified through record");
    check("integrity");

    String through = browser.driver().findElement(By.id("x-to")).getAttribute("value");
    browser.click("export-checkpoints");
    Path checkpoints = browser.awaitDownload("checkpoints-1-" + through, Duration.ofSeconds(30));
    browser.open(url("/console/integrity"));
    browser.type("x-to", through);
    browser.click("export-records");
    Path records = browser.awaitDownload("records-1-" + through, Duration.ofSeconds(30));
    AuditTestFiles.CliResult verified =
        AuditTestFiles.runVerify(records, checkpoints, DemoPki.ca("kz"));
    assertThat(verified.exitCode()).as(verified.out() + " " + verified.err()).isZero();
    assertThat(verified.out()).contains("OK: " + through + " records verified");

    browser.open(url("/console/audit?from="));
    browser.click("download-csv");
    Path csv = browser.awaitDownload("kopir-audit-", Duration.ofSeconds(30));
    assertThat(Files.readAllLines(csv).get(0)).startsWith("seq,time,node,event");
  }

  @Test
  @Order(3)
  void hostileInputIsAnsweredOnThePage() {
    browser.open(
        url("/console/audit?fromSeq=-5&messageId=%27%20OR%201%3D1--&from=2026-02-31T25:00"));
    assertThat(browser.text())
        .contains("not a record number")
        .contains("not a message id")
        .contains("not a time");
    check("audit-errors");
  }

  @Test
  @Order(4)
  void aFormWithoutItsCsrfTokenIsRefused() {
    browser.open(url("/console/integrity"));
    ((JavascriptExecutor) browser.driver())
        .executeScript(
            "document.querySelectorAll('input[name=_csrf]').forEach(function (e) { e.remove(); });");
    browser.clickAndWait("verify-now");
    assertThat(browser.driver().getTitle()).contains("Not allowed");
    check("forbidden");
    browser.driver().findElement(By.cssSelector("form.signout button")).click();
  }

  @Test
  @Order(5)
  void operatorReplaysADeadLetterAndSeesItDelivered() {
    kg.start();
    browser.signIn(kz.localUrl(), "operator", "operator-dev");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> browser.driver().getTitle().contains("Dashboard"));
    assertThat(browser.text()).contains("Outbound by status").contains("dead letter");
    check("dashboard");

    browser.open(url("/console/dead-letters"));
    assertThat(browser.text()).contains(deadLetterId);
    check("dead-letters");
    browser
        .driver()
        .findElement(By.cssSelector("input[name=id][value='" + deadLetterId + "']"))
        .click();
    browser.clickAndWait("replay-selected");
    assertThat(browser.driver().findElement(By.id("replay-count")).getText())
        .contains("exactly 1 message");
    check("dead-letters-confirm");
    browser.type("c-reason", "partner node back after maintenance, ticket OPS-17");
    browser.clickAndWait("replay-confirm");
    assertThat(browser.driver().findElement(By.id("replay-result")).getText())
        .contains("1 message replayed");

    kz.awaitStatus(kz.agency("kz-cpc"), deadLetterId, "DELIVERED");
    browser.open(url("/console/messages/" + deadLetterId));
    assertThat(browser.text())
        .contains("message.replayed")
        .contains("receipt.received (DELIVERED)")
        .contains("message.delivered");
    assertThat(browser.driver().findElements(By.cssSelector("figure.timeline svg rect")))
        .isNotEmpty();
    // People's reads of the message are audited but are not steps of the message.
    assertThat(browser.text()).doesNotContain("audit.viewed");
    check("message-delivered");
    browser.open(url("/console/messages"));
    assertThat(browser.text()).contains(deadLetterId).contains("delivered");
    check("messages");
    browser.open(url("/console/overdue"));
    check("overdue");
    browser.open(url("/console/"));
    check("dashboard-after");
    var requested =
        kz.bean(org.kopir.gateway.audit.AuditQueryService.class)
            .search(
                new org.kopir.gateway.audit.AuditQuery(
                    deadLetterId, null, null, "operator.replay-requested", null, null),
                0,
                10)
            .records();
    assertThat(requested)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.actor()).isEqualTo("user:operator");
              assertThat(r.detail().path("reason").asText()).contains("OPS-17");
            });
  }

  @Test
  @Order(6)
  void languagesSwitchAndStayAccessible() {
    for (String lang : List.of("ru", "kk", "ky")) {
      browser.open(url("/console/"));
      chooseLanguage(lang);
      check("dashboard-" + lang);
    }
    browser.open(url("/console/dead-letters"));
    assertThat(browser.text()).contains("Жеткирилбегендер");
    check("dead-letters-ky");
    chooseLanguage("en");
    browser.driver().findElement(By.cssSelector("form.signout button")).click();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> browser.driver().getCurrentUrl().contains("signedOut"));
  }

  private static void chooseLanguage(String lang) {
    new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("lang-select")))
        .selectByValue(lang);
    browser.driver().findElement(By.cssSelector("form.lang button")).click();
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(
            () ->
                lang.equals(browser.driver().findElement(By.tagName("html")).getAttribute("lang")));
  }

  @Test
  @Order(7)
  void repeatedWrongPasswordsLockTheAccount() {
    for (int i = 0; i < 5; i++) {
      browser.signIn(kz.localUrl(), "inspector", "wrong-" + i);
      if (browser.driver().getCurrentUrl().contains("wait=")) {
        // Backing off: the page says how long; wait it out and try again.
        sleepSeconds(Integer.parseInt(browser.driver().getCurrentUrl().replaceAll(".*wait=", "")));
        i--;
      }
    }
    assertThat(browser.driver().getCurrentUrl()).contains("locked=");
    assertThat(browser.driver().findElement(By.cssSelector("div.alert[role=alert]")).getText())
        .contains("this account is locked");
    check("locked");
    browser.signIn(kz.localUrl(), "inspector", "inspector-dev");
    assertThat(browser.driver().getCurrentUrl()).contains("locked=");
  }

  @Test
  @Order(8)
  void agencyCertificateIsRefused() {
    ConsoleClient agency =
        ConsoleClient.agency(kz.localUrl(), DemoPki.ca("kz"), DemoPki.agency("kz", "kz-cpc"));
    assertThat(agency.get("/console/login").status()).isEqualTo(403);
    assertThat(agency.get("/console/audit").status()).isEqualTo(403);
  }

  @Test
  @Order(9)
  void noPageHasASeriousOrCriticalAccessibilityViolation() {
    // The check itself can fail: an image without a text alternative is a critical violation.
    browser.open(url("/console/login"));
    ((JavascriptExecutor) browser.driver())
        .executeScript(
            "var i = document.createElement('img'); i.src = '/console/assets/none.png';"
                + " document.body.appendChild(i);");
    assertThat(browser.seriousViolations()).anyMatch(v -> v.startsWith("image-alt"));

    assertThat(VIOLATIONS.keySet())
        .contains(
            "login",
            "audit",
            "message",
            "case",
            "audit-record",
            "reads",
            "integrity",
            "dashboard",
            "dead-letters",
            "dead-letters-confirm",
            "messages",
            "overdue",
            "locked");
    assertThat(VIOLATIONS).allSatisfy((page, found) -> assertThat(found).as(page).isEmpty());
  }

  private static void sleepSeconds(int seconds) {
    try {
      Thread.sleep(seconds * 1000L + 100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
