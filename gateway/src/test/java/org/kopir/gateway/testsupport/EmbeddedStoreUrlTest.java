package org.kopir.gateway.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStoreUrlTest {

  @TempDir Path dataDir;

  @Test
  void namesTheStoreFileInTheGivenDataDirectory() {
    assertThat(EmbeddedStoreUrl.of(dataDir))
        .startsWith(
            "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db").resolve("kopir") + ";");
  }

  @Test
  void opensTheStoreWithTheNodesSettingsSoThatEveryCommitIsWrittenAtOnce() throws Exception {
    try (Connection connection =
            DriverManager.getConnection(EmbeddedStoreUrl.of(dataDir), "sa", "");
        Statement statement = connection.createStatement();
        ResultSet settings =
            statement.executeQuery(
                "SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                    + " WHERE SETTING_NAME IN ('WRITE_DELAY', 'QUERY_CACHE_SIZE')"
                    + " ORDER BY SETTING_NAME")) {
      assertThat(settings.next()).isTrue();
      assertThat(settings.getString(1)).isEqualTo("QUERY_CACHE_SIZE");
      assertThat(settings.getString(2)).isEqualTo("128");
      assertThat(settings.next()).isTrue();
      assertThat(settings.getString(1)).isEqualTo("WRITE_DELAY");
      assertThat(settings.getString(2)).isEqualTo("0");
    }
    assertThat(dataDir.resolve("db").resolve("kopir.mv.db")).exists();
  }
}
