package org.kopir.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kopir.gateway.testsupport.TestPartners;

class PartnersTest {

  @TempDir Path dir;

  @Test
  void theRecipientsCountryChoosesThePartnerAndItsAgenciesAreTheOnlyRecipients() {
    Partners partners = TestPartners.partners(TestPartners.node("kz"));

    assertThat(partners.all()).extracting(Partner::node).containsExactly("kg", "tj");
    assertThat(partners.country("tj")).map(Partner::node).hasValue("tj");
    assertThat(partners.recipient("TJ", "tj-cpc")).map(Partner::node).hasValue("tj");
    assertThat(partners.recipient("TJ", "kg-cpd")).isEmpty();
    assertThat(partners.recipient("UZ", "uz-cpc")).isEmpty();
    assertThat(partners.agency("kg-bishkek-guardianship")).map(Partner::node).hasValue("kg");
    assertThat(partners.require("kg").partnership().id()).isEqualTo("kg-kz");
    assertThat(partners.require("kg").partnership().digest()).hasSize(64);
    assertThat(partners.require("kg").transport()).isEqualTo("https");
  }

  @Test
  void aDisabledPartnerIsNoPartner() {
    NodeProperties kz = TestPartners.node("kz");
    kz.getPartners().get("tj").setEnabled(false);

    Partners partners = TestPartners.partners(kz);

    assertThat(partners.all()).extracting(Partner::node).containsExactly("kg");
    assertThat(partners.country("TJ")).isEmpty();
  }

  @Test
  void aPartnerWithoutItsPartnershipFileStopsTheNode() throws Exception {
    Path config = copyOfConfig();
    Files.delete(config.resolve("partnerships/kz-tj.yml"));

    assertThatThrownBy(() -> new Partners(TestPartners.node("kz"), config, "https"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("kopir.partners.tj: no partnership file");
  }

  @Test
  void aPartnershipFileThatDisagreesWithThisNodesOwnConfigurationStopsTheNode() throws Exception {
    Path config = copyOfConfig();
    Path file = config.resolve("partnerships/kg-kz.yml");
    Files.writeString(
        file,
        Files.readString(file)
            .replace("agencies: [kz-cpc, kz-almaty-guardianship]", "agencies: [kz-cpc]"));
    NodeProperties kz = TestPartners.node("kz");
    kz.setCountry("KZ");

    assertThatThrownBy(() -> new Partners(kz, config, "https"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("kg-kz.yml: this node's agencies are [kz-cpc] there but")
        .hasMessageContaining("kz-almaty-guardianship");
  }

  @Test
  void twoPartnersClaimingOneCountryStopTheNode() throws Exception {
    Path config = copyOfConfig();
    Path file = config.resolve("partnerships/kz-tj.yml");
    Files.writeString(file, Files.readString(file).replace("country: TJ", "country: KG"));

    assertThatThrownBy(() -> new Partners(TestPartners.node("kz"), config, "https"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("country KG is already partner kg's");
  }

  @Test
  void aNodeCannotBeItsOwnPartner() {
    NodeProperties kz = TestPartners.node("kz");
    kz.getPartners().put("kz", new NodeProperties.PartnerSettings());

    assertThatThrownBy(() -> TestPartners.partners(kz))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("kopir.partners.kz: this node cannot be its own partner");
  }

  @Test
  void thePartnershipIdSortsBothNodeIds() {
    assertThat(Partnership.idOf("tj", "kg")).isEqualTo("kg-tj");
    assertThat(Partnership.idOf("kg", "tj")).isEqualTo("kg-tj");
  }

  private Path copyOfConfig() throws Exception {
    Path config = dir.resolve("config");
    Files.createDirectories(config.resolve("partnerships"));
    for (String name : List.of("kg-kz.yml", "kg-tj.yml", "kz-tj.yml")) {
      Files.copy(
          TestPartners.configDir().resolve("partnerships").resolve(name),
          config.resolve("partnerships").resolve(name));
    }
    return config;
  }
}
