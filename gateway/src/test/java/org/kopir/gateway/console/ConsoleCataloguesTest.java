package org.kopir.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.kopir.gateway.error.ErrorCode;

/**
 * The message catalogues: every language has every key (with its own plural categories), and every
 * literal key the templates use exists.
 */
class ConsoleCataloguesTest {

  private static final Path TEMPLATES = Path.of("gateway/src/main/resources/templates/console");
  private static final Pattern PLURAL = Pattern.compile("(.*)\\.(one|few|many|other)$");

  private static Properties load(String name) throws IOException {
    Properties properties = new Properties();
    try (InputStream in =
        ConsoleCataloguesTest.class.getClassLoader().getResourceAsStream("i18n/" + name)) {
      assertThat(in).as(name).isNotNull();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return properties;
  }

  private static Set<String> singular(Properties catalogue) {
    return catalogue.stringPropertyNames().stream()
        .filter(k -> !PLURAL.matcher(k).matches())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> pluralStems(Properties catalogue) {
    Set<String> stems = new TreeSet<>();
    for (String key : catalogue.stringPropertyNames()) {
      Matcher m = PLURAL.matcher(key);
      if (m.matches()) {
        stems.add(m.group(1));
      }
    }
    return stems;
  }

  @Test
  void everyLanguageHasEveryMessageWithItsPluralForms() throws IOException {
    Properties english = load("console.properties");
    for (String language : new String[] {"ru", "kk", "ky"}) {
      Properties other = load("console_" + language + ".properties");
      assertThat(singular(other)).as(language).isEqualTo(singular(english));
      assertThat(pluralStems(other)).as(language).isEqualTo(pluralStems(english));
      for (String stem : pluralStems(english)) {
        for (String category :
            language.equals("ru")
                ? new String[] {"one", "few", "many"}
                : new String[] {"one", "other"}) {
          assertThat(other.getProperty(stem + "." + category))
              .as(language + " " + stem + "." + category)
              .isNotBlank();
        }
      }
    }
    for (String stem : pluralStems(english)) {
      assertThat(english.getProperty(stem + ".one")).as(stem).isNotBlank();
      assertThat(english.getProperty(stem + ".other")).as(stem).isNotBlank();
    }
  }

  @Test
  void everyErrorCodeHasAMessage() throws IOException {
    Properties english = load("console.properties");
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(english.getProperty("code." + code.name())).as(code.name()).isNotBlank();
    }
  }

  @Test
  void everyStatusOutcomeAndPriorityHasAName() throws IOException {
    Properties english = load("console.properties");
    for (var status : org.kopir.gateway.intake.OutboundStatus.values()) {
      assertThat(english.getProperty("status." + status.name())).as(status.name()).isNotBlank();
    }
    for (var status : org.kopir.gateway.border.InboundStatus.values()) {
      assertThat(english.getProperty("status." + status.name())).as(status.name()).isNotBlank();
    }
    for (var outcome : org.kopir.gateway.audit.AuditOutcome.values()) {
      assertThat(english.getProperty("outcome." + outcome.wireName())).isNotBlank();
    }
    for (var priority : org.kopir.gateway.broker.Priority.values()) {
      assertThat(english.getProperty("priority." + priority.wireName())).isNotBlank();
    }
  }

  @Test
  void everyLiteralKeyOfTheTemplatesExists() throws IOException {
    Properties english = load("console.properties");
    Pattern literal = Pattern.compile("#\\{([a-zA-Z][a-zA-Z0-9.]*)[}(]");
    Set<String> missing = new TreeSet<>();
    try (var files = Files.list(TEMPLATES)) {
      for (Path file : files.toList()) {
        Matcher m = literal.matcher(Files.readString(file));
        while (m.find()) {
          if (!english.containsKey(m.group(1))) {
            missing.add(file.getFileName() + ": " + m.group(1));
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }
}
