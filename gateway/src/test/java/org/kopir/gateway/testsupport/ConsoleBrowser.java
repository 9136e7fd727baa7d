package org.kopir.gateway.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven by Selenium for the console's browser tests: nothing is
 * downloaded at run time (the system {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}
 * are named explicitly, so Selenium Manager never runs). Without them the tests are skipped, unless
 * {@code kopir.test.browser.required} (set by CI) makes them fail instead.
 */
public final class ConsoleBrowser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final Path SCREENSHOTS = Path.of("gateway/target/console-screenshots");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final WebDriver driver;
  private final Path downloads;
  private final Path profile;

  private ConsoleBrowser(WebDriver driver, Path downloads, Path profile) {
    this.driver = driver;
    this.downloads = downloads;
    this.profile = profile;
  }

  /** Skips (or, in CI, fails) when the system Chromium or its driver is missing. */
  public static void assumeAvailable() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (Boolean.getBoolean("kopir.test.browser.required")
        || "true".equals(System.getenv("KOPIR_TEST_BROWSER_REQUIRED"))) {
      assertThat(present)
          .as("browser tests are required here: install chromium and chromium-driver")
          .isTrue();
    }
    Assumptions.assumeTrue(
        present, "Chromium or chromedriver missing (apt-get install chromium chromium-driver)");
  }

  public static ConsoleBrowser start() {
    Path profile = TemporaryDirectories.untilExit("kopir-chromium-profile");
    Path downloads = TemporaryDirectories.untilExit("kopir-chromium-downloads");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        "--lang=en",
        "--user-data-dir=" + profile);
    // The nodes use the throw-away test PKI, which Chromium does not know.
    options.setAcceptInsecureCerts(true);
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory",
            downloads.toString(),
            "download.prompt_for_download",
            false,
            "intl.accept_languages",
            "en"));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    driver.executeCdpCommand(
        "Browser.setDownloadBehavior",
        Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    return new ConsoleBrowser(driver, downloads, profile);
  }

  public WebDriver driver() {
    return driver;
  }

  public Path downloads() {
    return downloads;
  }

  public void open(String url) {
    driver.get(url);
  }

  public void type(String id, String text) {
    var field = driver.findElement(By.id(id));
    field.clear();
    field.sendKeys(text);
  }

  public void click(String id) {
    driver.findElement(By.id(id)).click();
  }

  /** Clicks {@code id} and waits until the browser shows the page it leads to. */
  public void clickAndWait(String id) {
    JavascriptExecutor js = (JavascriptExecutor) driver;
    js.executeScript("window.kopirOldPage = true;");
    click(id);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        Object old = js.executeScript("return window.kopirOldPage === true;");
        Object ready = js.executeScript("return document.readyState;");
        if (Boolean.FALSE.equals(old) && "complete".equals(ready)) {
          return;
        }
      } catch (org.openqa.selenium.WebDriverException navigating) {
        // the old page is going away
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("no new page after clicking " + id);
  }

  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  public void signIn(String base, String user, String password) {
    open(base + "/console/login");
    type("username", user);
    type("password", password);
    clickAndWait("sign-in");
  }

  /**
   * Runs axe-core (from the axe-core jar on the test class path) on the current page and returns
   * its serious and critical violations, as "id: help (n nodes)".
   */
  public List<String> seriousViolations() {
    JavascriptExecutor js = (JavascriptExecutor) driver;
    js.executeScript(axeSource());
    Object result =
        js.executeAsyncScript(
            "var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(function (r) { done(JSON.stringify(r.violations)); })"
                + ".catch(function (e) { done('ERROR ' + e); });");
    String json = String.valueOf(result);
    assertThat(json).as("axe-core ran").doesNotStartWith("ERROR");
    List<String> serious = new ArrayList<>();
    try {
      for (JsonNode violation : MAPPER.readTree(json)) {
        String impact = violation.path("impact").asText();
        if ("serious".equals(impact) || "critical".equals(impact)) {
          serious.add(
              violation.path("id").asText()
                  + ": "
                  + violation.path("help").asText()
                  + " ("
                  + violation.path("nodes").size()
                  + " nodes, e.g. "
                  + violation.path("nodes").path(0).path("target")
                  + ")");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return serious;
  }

  private static String axeSource() {
    try (InputStream in = ConsoleBrowser.class.getClassLoader().getResourceAsStream("axe.min.js")) {
      assertThat(in).as("axe.min.js on the test class path").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A full-page PNG of the current page under {@link #SCREENSHOTS}. */
  public Path screenshot(String name) {
    try {
      JavascriptExecutor js = (JavascriptExecutor) driver;
      long height =
          ((Number) js.executeScript("return document.documentElement.scrollHeight")).longValue();
      Dimension before = driver.manage().window().getSize();
      driver
          .manage()
          .window()
          .setSize(new Dimension(1280, (int) Math.min(4000, Math.max(700, height + 40))));
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      driver.manage().window().setSize(before);
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, png);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for a finished download whose name starts with {@code prefix}. */
  public Path awaitDownload(String prefix, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (var files = Files.list(downloads)) {
        var found =
            files
                .filter(f -> f.getFileName().toString().startsWith(prefix))
                .filter(f -> !f.getFileName().toString().endsWith(".crdownload"))
                .findFirst();
        if (found.isPresent()) {
          return found.get();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no download starting with " + prefix + " in " + downloads);
  }

  @Override
  public void close() {
    driver.quit();
    TemporaryDirectories.delete(profile);
    TemporaryDirectories.delete(downloads);
  }
}
