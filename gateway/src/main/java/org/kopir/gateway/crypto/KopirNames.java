package org.kopir.gateway.crypto;

import java.security.cert.X509Certificate;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * The certificate naming convention (docs/security.md). Every subject is {@code CN=<name>,
 * OU=<class>, O=Kopir, C=<COUNTRY>}; the organizational unit tells a node certificate ({@code
 * node}) from an agency certificate ({@code agency}) from a CA ({@code ca}). Node certificates are
 * named {@code kopir-node-<node>} (audit: {@code kopir-node-<node>-audit}); agency certificates
 * carry the agency id.
 */
public final class KopirNames {

  public static final String ORGANIZATION = "Kopir";
  public static final String UNIT_CA = "ca";
  public static final String UNIT_NODE = "node";
  public static final String UNIT_AGENCY = "agency";

  private KopirNames() {}

  /** The common name of a node's TLS and message-signing certificates. */
  public static String nodeCommonName(String node) {
    return "kopir-node-" + node.toLowerCase(Locale.ROOT);
  }

  /** The common name of a node's audit checkpoint certificate. */
  public static String auditCommonName(String node) {
    return nodeCommonName(node) + "-audit";
  }

  public static String caCommonName(String country) {
    return "Kopir " + country.toUpperCase(Locale.ROOT) + " Root CA";
  }

  public static X500Name subject(String commonName, String unit, String country) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.C, country.toUpperCase(Locale.ROOT))
        .addRDN(BCStyle.O, ORGANIZATION)
        .addRDN(BCStyle.OU, unit)
        .addRDN(BCStyle.CN, commonName)
        .build();
  }

  /**
   * The naming attributes of a certificate subject; absent or undecodable attributes are empty
   * strings.
   */
  public record SubjectName(String commonName, String unit, String organization, String country) {

    public static SubjectName of(X509Certificate certificate) {
      X500Name name;
      try {
        name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
      } catch (IllegalArgumentException e) {
        return new SubjectName("", "", "", "");
      }
      return new SubjectName(
          single(name, BCStyle.CN),
          single(name, BCStyle.OU),
          single(name, BCStyle.O),
          single(name, BCStyle.C));
    }

    /** True when this is the node certificate of {@code node} in {@code country}. */
    public boolean isNode(String node, String country) {
      return UNIT_NODE.equals(unit)
          && ORGANIZATION.equals(organization)
          && nodeCommonName(node).equals(commonName)
          && country.equalsIgnoreCase(this.country);
    }

    public boolean isAgency() {
      return UNIT_AGENCY.equals(unit);
    }

    /** Several values of one attribute make a subject ambiguous; treat it as absent. */
    private static String single(X500Name name, ASN1ObjectIdentifier type) {
      RDN[] rdns = name.getRDNs(type);
      if (rdns.length != 1 || rdns[0].isMultiValued()) {
        return "";
      }
      try {
        return IETFUtils.valueToString(rdns[0].getFirst().getValue());
      } catch (IllegalArgumentException e) {
        // A value that does not decode (a UTF8String holding invalid UTF-8) names nobody.
        return "";
      }
    }
  }
}
